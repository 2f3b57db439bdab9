package io.cenote.router.internal;

import java.sql.SQLException;

/**
 * What keeps a cluster away from hosts its resilience section considers unfit: the one
 * implementation is {@link BreakerGuard}, over pool-resilience's per-host circuit breakers.
 *
 * <p>The guard is consulted in two places, neither of them the routing decision itself (which
 * stays lock-free and allocation-free):
 *
 * <ul>
 *   <li>{@link #admits(Host)} when the router rebuilds its set of eligible replicas: on a breaker
 *       transition, and when a health check would re-admit a replica. A replica the guard refuses
 *       is excluded with {@code CIRCUIT_OPEN}; when the guard admits it again it is re-admitted
 *       (its pool soft-evicted first).
 *   <li>{@link #beforeBorrow(Host, boolean)} right before every borrow from a host's pool, after
 *       the host was chosen. Throwing refuses the borrow without calling the pool.
 * </ul>
 *
 * <p>The guard is told every outcome: {@link #afterBorrow} once after each borrow it allowed,
 * and {@link #workFailed} when work the cluster ran on a lent connection threw. Methods run on
 * the borrowing thread (or on a health-check thread), must be thread-safe and non-blocking, and
 * are never called under the router's lock.
 */
interface HostGuard {

  /**
   * Tells whether a replica may receive reads.
   *
   * @param host the replica
   * @return false to keep it out of the eligible set
   */
  boolean admits(Host host);

  /**
   * Asks to borrow one connection from a host's pool.
   *
   * @param host the host
   * @param fallbackExists true when a refusal moves the call to another host
   * @throws SQLException to refuse; the pool is not called
   */
  void beforeBorrow(Host host, boolean fallbackExists) throws SQLException;

  /**
   * Reports the outcome of a borrow that {@link #beforeBorrow} allowed.
   *
   * @param host the host
   * @param nanos how long the borrow took
   * @param error the pool's error, or null when a connection was lent
   */
  void afterBorrow(Host host, long nanos, SQLException error);

  /**
   * Reports that work run by the cluster on a connection of this host failed.
   *
   * @param host the host
   * @param error what the work threw
   */
  void workFailed(Host host, SQLException error);
}
