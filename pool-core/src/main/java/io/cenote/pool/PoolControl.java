package io.cenote.pool;

/**
 * Everything a pool offers except lending and closing: its name and configuration, statistics,
 * health, live gauges and runtime control. {@link ConnectionPool} and {@link ResourcePool}
 * implement it.
 *
 * <p>Why it exists: a layer that owns pools, such as a cluster that routes between the pools of
 * its hosts, exposes each host's pool as a {@code PoolControl} for observation and control
 * without handing out a way to borrow around its routing and circuit breakers (a caller holding
 * the {@link ConnectionPool} itself could call {@code getConnection()} and bypass them) or to
 * close a pool it does not own. The owner keeps the pool; everybody else gets this view.
 *
 * <p>Gauges come in two kinds. {@link #stats()} is a consistent snapshot of every gauge, counter
 * and percentile, and costs a pass over every connection's histogram. {@link #activeCount()},
 * {@link #waitingCount()}, {@link #capacity()}, {@link #maxSize()}, {@link #minIdle()} and
 * {@link #maxOverflow()} are live: they build no snapshot, take no lock and allocate nothing, so
 * they may be read on every routing decision; each is read on its own, and at a quiet moment
 * they equal the matching fields of {@code stats()}.
 *
 * <p>All methods are thread-safe.
 */
public interface PoolControl {

  /**
   * The pool's name, as in its log lines, metrics, thread names and JMX name.
   *
   * @return the name
   */
  String poolName();

  /**
   * The configuration the pool was created with. Sizes changed since by {@link #resize} or
   * adaptive sizing are not in it: read {@link #maxSize()}, {@link #minIdle()} and
   * {@link #maxOverflow()} for the current values. A {@link ResourcePool} ignores the connection
   * source and JDBC state settings of its configuration.
   *
   * @return the configuration, as created
   */
  PoolConfig config();

  /**
   * A snapshot of gauges, counters and wait and hold time percentiles. It never blocks
   * borrowers, but it reads every connection's hold-time histogram; for gauges read often use
   * the live ones below.
   *
   * @return the snapshot
   */
  PoolStats stats();

  /**
   * The pool's health, judged over the recent {@code healthWindow}.
   *
   * @return UP, DEGRADED or DOWN with the alerts behind it
   */
  PoolHealth health();

  /**
   * How many connections are lent right now. A live gauge: no snapshot, no lock, no
   * allocation. At a quiet moment it equals {@code stats().active()}.
   *
   * @return connections in borrowers' hands now
   */
  int activeCount();

  /**
   * How many borrowers are queued for a connection right now. A live gauge like
   * {@link #activeCount()}; at a quiet moment it equals {@code stats().waiting()}.
   *
   * @return threads waiting to borrow now
   */
  int waitingCount();

  /**
   * The most connections the pool may have lent at once right now: the current
   * {@link #maxSize()} plus the current {@link #maxOverflow()}. It follows {@link #resize} and
   * adaptive sizing at once. A live gauge like {@link #activeCount()}; while a resize runs on
   * another thread it may briefly combine the old value of one limit with the new of the other.
   *
   * @return {@code maxSize() + maxOverflow()}
   */
  int capacity();

  /**
   * The permanent capacity now: the configured {@code maxSize} until {@link #resize} or
   * adaptive sizing changes it. A live gauge.
   *
   * @return the current maxSize
   */
  int maxSize();

  /**
   * The connections kept open even when idle, now: the configured {@code minIdle} until
   * {@link #resize} changes it or adaptive sizing lowers it with maxSize. A live gauge.
   *
   * @return the current minIdle
   */
  int minIdle();

  /**
   * The burst allowance beyond {@link #maxSize()} now: the configured {@code maxOverflow} until
   * {@link #resize} changes it. A live gauge.
   *
   * @return the current maxOverflow
   */
  int maxOverflow();

  /**
   * Changes the size limits live. Shrinking closes surplus idle connections now and surplus
   * busy ones when returned; growing serves queued borrowers at once.
   *
   * @param minIdle 0 to maxSize
   * @param maxSize at least 1
   * @param maxOverflow at least 0
   * @throws IllegalArgumentException naming the bad value; nothing is changed then
   */
  void resize(int minIdle, int maxSize, int maxOverflow);

  /**
   * Whether connections are validated when lent (pre-ping): the configured
   * {@code validateOnBorrow} until {@link #setValidateOnBorrow} changes it. A live setting.
   *
   * @return true when a connection idle longer than {@code validationBypassWindow} is
   *     validated before it is lent
   */
  boolean validateOnBorrow();

  /**
   * Turns validation on borrow (pre-ping) on or off live; borrows that start afterwards follow
   * the new setting.
   *
   * @param enabled whether to validate connections when they are lent
   */
  void setValidateOnBorrow(boolean enabled);

  /** Stops lending: borrowers wait, up to their timeout, until {@link #resume()}. */
  void suspend();

  /** Lends again after {@link #suspend()}; queued borrowers are served in arrival order. */
  void resume();

  /**
   * Closes idle connections now and busy ones on return, and gives up connection attempts under
   * way (starting them afresh); the pool refills with fresh connections.
   */
  void softEvictAll();

  /**
   * Opens connections in the background until {@code connections} are open (at most maxSize).
   *
   * @param connections the target
   * @return how many openings were started
   */
  int warmUp(int connections);

  /** Runs one housekeeping pass now (it also runs every second). */
  void housekeep();

  /**
   * Whether the pool's owner has begun to close it.
   *
   * @return true once {@code close()} has begun
   */
  boolean isClosed();
}
