package io.cenote.examples.simulator;

import io.cenote.testkit.fault.FaultPlan;
import java.time.Duration;

/**
 * Server operations played by pool-testkit's fault driver, for SQLite (a file cannot restart)
 * and for a database given by URL: a restart refuses new connections for a moment and resets
 * the open ones ({@code 08006} on their next use), as a server that went away does.
 */
final class FaultServers implements Servers {

  /** How long a restarted primary refuses connections: a quick restart. */
  static final Duration RESTART_DOWNTIME = Duration.ofSeconds(1);

  private final FaultPlan primary;
  private final FaultPlan replica;

  /**
   * Creates the operations.
   *
   * @param primary the primary URL's fault plan
   * @param replica the replica URL's fault plan
   */
  FaultServers(FaultPlan primary, FaultPlan replica) {
    this.primary = primary;
    this.replica = replica;
  }

  @Override
  public String how() {
    return "pool-testkit's fault driver";
  }

  @Override
  public void restartPrimary() throws InterruptedException {
    primary.down();
    primary.restart();
    Thread.sleep(RESTART_DOWNTIME.toMillis());
    primary.up();
  }

  @Override
  public void stopReplica() {
    replica.down();
    replica.restart();
  }

  @Override
  public void startReplica() {
    replica.up();
  }

  @Override
  public boolean canPromote() {
    return false;
  }

  @Override
  public void failOverToReplica() {
    throw new UnsupportedOperationException("promotion needs a PostgreSQL replica");
  }

  @Override
  public void restore() {
    primary.reset();
    replica.reset();
  }
}
