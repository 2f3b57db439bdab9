package io.cenote.examples.simulator;

import java.time.Duration;

/**
 * The load and pool settings one scenario runs with. Seed 001's defaults are the starting point
 * ({@link #SEED}); a scenario adjusts what its lesson needs, and the user's options and
 * environment variables override both.
 *
 * @param clients concurrent client threads at full load
 * @param seconds how long the scenario runs
 * @param poolSize the pool's maxSize (SQLAlchemy's {@code pool_size})
 * @param maxOverflow connections allowed beyond it while borrowers wait
 * @param timeout how long a borrower waits for a connection
 * @param recycle maxLifetime; zero turns it off
 * @param prePing whether a connection is validated when borrowed
 */
public record Knobs(int clients, int seconds, int poolSize, int maxOverflow, Duration timeout,
    Duration recycle, boolean prePing) {

  /** Seed 001's defaults: pool size 5, overflow 10, timeout 30 s, no recycling or pre-ping. */
  public static final Knobs SEED = new Knobs(3, 20, 5, 10, Duration.ofSeconds(30), Duration.ZERO,
      false);

  /**
   * @param n client threads
   * @return a copy with that many clients
   */
  public Knobs withClients(int n) {
    return new Knobs(n, seconds, poolSize, maxOverflow, timeout, recycle, prePing);
  }

  /**
   * @param s run time in seconds
   * @return a copy that runs that long
   */
  public Knobs withSeconds(int s) {
    return new Knobs(clients, s, poolSize, maxOverflow, timeout, recycle, prePing);
  }

  /**
   * @param size the pool's maxSize
   * @param overflow its overflow allowance
   * @return a copy with that capacity
   */
  public Knobs withPool(int size, int overflow) {
    return new Knobs(clients, seconds, size, overflow, timeout, recycle, prePing);
  }

  /**
   * @param t the acquire timeout
   * @return a copy with that timeout
   */
  public Knobs withTimeout(Duration t) {
    return new Knobs(clients, seconds, poolSize, maxOverflow, t, recycle, prePing);
  }

  /**
   * @param r the maxLifetime, zero for none
   * @return a copy with that recycling
   */
  public Knobs withRecycle(Duration r) {
    return new Knobs(clients, seconds, poolSize, maxOverflow, timeout, r, prePing);
  }

  /**
   * @param on whether to validate on borrow
   * @return a copy with pre-ping on or off
   */
  public Knobs withPrePing(boolean on) {
    return new Knobs(clients, seconds, poolSize, maxOverflow, timeout, recycle, on);
  }
}
