package io.cenote.pool;

import io.cenote.pool.internal.Pool;
import io.cenote.pool.internal.PoolMXBeanAdapter;

/**
 * What every Cenote pool offers whatever it holds: statistics, health, runtime control and
 * shutdown. {@link ConnectionPool} and {@link ResourcePool} extend it.
 */
abstract class AbstractPool implements AutoCloseable {

  private final Pool<?> engine;
  private final PoolMXBeanAdapter mbean;

  AbstractPool(Pool<?> engine, PoolConfig config) {
    this.engine = engine;
    engine.start();
    this.mbean = config.registerMbean() ? PoolMXBeanAdapter.register(engine) : null;
  }

  /** @return the pool's name */
  public String poolName() {
    return engine.name();
  }

  /** @return a snapshot of gauges, counters and wait/hold time percentiles */
  public PoolStats stats() {
    return engine.stats();
  }

  /** @return UP, DEGRADED or DOWN with the alerts behind it */
  public PoolHealth health() {
    return engine.health();
  }

  /**
   * How many connections are lent right now. A live gauge, unlike {@link #stats()}: it builds no
   * snapshot, takes no lock and allocates nothing, so a router may read it on every routing
   * decision. At a quiet moment it equals {@code stats().active()}.
   *
   * @return connections in borrowers' hands now
   */
  public int activeCount() {
    return engine.active();
  }

  /**
   * How many borrowers are queued for a connection right now; a live gauge like
   * {@link #activeCount()}. At a quiet moment it equals {@code stats().waiting()}.
   *
   * @return threads waiting in {@code getConnection()} or {@code acquire()} now
   */
  public int waitingCount() {
    return engine.waiting();
  }

  /**
   * The most connections the pool may have lent at once right now: the current
   * {@link #maxSize()} plus the current {@link #maxOverflow()}. Follows {@link #resize} and
   * adaptive sizing at once; a live gauge like {@link #activeCount()}. While a resize runs on
   * another thread it may briefly combine the old value of one limit with the new of the other.
   *
   * @return {@code maxSize() + maxOverflow()}
   */
  public int capacity() {
    return engine.capacity();
  }

  /**
   * The permanent capacity now: the configured {@code maxSize} until {@link #resize} or
   * adaptive sizing changes it.
   *
   * @return the current maxSize
   */
  public int maxSize() {
    return engine.maxSize();
  }

  /**
   * The connections kept open even when idle, now: the configured {@code minIdle} until
   * {@link #resize} changes it, or adaptive sizing lowers it with maxSize.
   *
   * @return the current minIdle
   */
  public int minIdle() {
    return engine.minIdle();
  }

  /**
   * The burst allowance beyond {@link #maxSize()} now: the configured {@code maxOverflow} until
   * {@link #resize} changes it.
   *
   * @return the current maxOverflow
   */
  public int maxOverflow() {
    return engine.maxOverflow();
  }

  /**
   * Changes the size limits live. Shrinking closes surplus idle connections now and surplus
   * busy ones when returned; growing serves queued borrowers at once.
   *
   * @param minIdle 0 to maxSize
   * @param maxSize at least 1
   * @param maxOverflow at least 0
   * @throws IllegalArgumentException naming the bad value
   */
  public void resize(int minIdle, int maxSize, int maxOverflow) {
    engine.resize(minIdle, maxSize, maxOverflow);
  }

  /** Stops lending: borrowers wait, up to their timeout, until {@link #resume()}. */
  public void suspend() {
    engine.suspend();
  }

  /** Lends again after {@link #suspend()}; queued borrowers are served in arrival order. */
  public void resume() {
    engine.resume();
  }

  /**
   * Closes idle connections now and busy ones on return, and gives up connection attempts under
   * way (starting them afresh); the pool refills with fresh connections.
   */
  public void softEvictAll() {
    engine.softEvictAll();
  }

  /**
   * Opens connections in the background until {@code connections} are open (at most maxSize).
   *
   * @param connections the target
   * @return how many openings were started
   */
  public int warmUp(int connections) {
    return engine.warmUp(connections);
  }

  /** Runs one housekeeping pass now (it also runs every second). */
  public void housekeep() {
    engine.housekeep();
  }

  /** @return true once {@link #close()} has begun */
  public boolean isClosed() {
    return engine.isClosed();
  }

  /**
   * Shuts down: refuses new borrows, wakes waiters with an error, closes idle connections, waits
   * {@code shutdownGracePeriod} for borrowed ones and then aborts them. Idempotent.
   */
  @Override
  public void close() {
    engine.close();
    if (mbean != null) {
      mbean.unregister();
    }
  }
}
