package io.cenote.router;

import java.sql.SQLException;

/**
 * An extension point that lets another layer (such as pool-resilience's circuit breakers) keep
 * a cluster away from hosts it considers unfit, installed with
 * {@link Cluster#installHostGuard(HostGuard)}.
 *
 * <p>The guard is consulted in two places, neither of them the routing decision itself (which
 * stays lock-free and allocation-free):
 *
 * <ul>
 *   <li>{@link #admits(String)} when the cluster rebuilds its set of eligible replicas: after
 *       {@link Cluster#reconsiderHosts()}, and when a health check would re-admit a replica. A
 *       replica the guard refuses is excluded with {@link ExclusionReason#CIRCUIT_OPEN}; when the
 *       guard admits it again it is re-admitted (its pool soft-evicted first).
 *   <li>{@link #beforeBorrow(String)} right before every borrow from a host's pool, after the
 *       host was chosen. Throwing refuses the borrow without calling the pool: a refused replica
 *       read moves on to the next choice; a refused primary borrow (a write, or a read that must
 *       go to the primary) fails with the guard's exception.
 * </ul>
 *
 * <p>The guard is told every outcome: {@link #afterBorrow} once after each borrow it allowed,
 * and {@link #workFailed} when work passed to {@link Cluster#read(ConnectionWork)} or
 * {@link Cluster#write(ConnectionWork)} threw. Work done on a connection from
 * {@code readConnection()} / {@code writeConnection()} is the caller's and is not reported.
 *
 * <p>Methods run on the borrowing thread (or on a host's health-check thread) and must be
 * thread-safe, fast and non-blocking; the cluster never calls them while it holds its own lock,
 * so a slow guard delays only the thread that asked. Hosts are named by their pool names.
 */
public interface HostGuard {

  /**
   * Tells whether a replica may receive reads.
   *
   * @param host the replica's name
   * @return false to keep it out of the eligible set
   */
  boolean admits(String host);

  /**
   * Asks to borrow one connection from a host's pool.
   *
   * @param host the host's name
   * @throws SQLException to refuse; the pool is not called and
   *     {@link #afterBorrow(String, long, SQLException)} is not called either
   */
  void beforeBorrow(String host) throws SQLException;

  /**
   * Reports the outcome of a borrow that {@link #beforeBorrow(String)} allowed.
   *
   * @param host the host's name
   * @param nanos how long the borrow took
   * @param error the pool's error, or null when a connection was lent
   */
  void afterBorrow(String host, long nanos, SQLException error);

  /**
   * Reports that work run by the cluster on a connection of this host failed.
   *
   * @param host the host's name
   * @param error what the work threw
   */
  default void workFailed(String host, SQLException error) {}
}
