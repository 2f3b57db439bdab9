package io.cenote.resilience;

import io.cenote.pool.ConnectionPool;
import io.cenote.resilience.internal.BreakerGuard;
import io.cenote.resilience.internal.HostBreakers;
import io.cenote.resilience.internal.HostState;
import io.cenote.resilience.internal.Prober;
import io.cenote.resilience.internal.UnitRunner;
import io.cenote.router.Cluster;
import io.cenote.router.ConnectionWork;
import io.github.resilience4j.retry.RetryRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Cluster} with per-host circuit breakers and retry, from
 * {@link Resilience#decorate(Cluster)}.
 *
 * <ul>
 *   <li>Every borrow asks the chosen host's breaker first: an open breaker fails fast with an
 *       {@link java.sql.SQLTransientConnectionException} (the breaker's
 *       {@code CallNotPermittedException} as cause) without calling the pool. A replica whose
 *       breaker is open is excluded from reads ({@code CIRCUIT_OPEN}) until half-open probes
 *       close it; while the primary's is open, writes fail fast and reads go on on replicas.
 *   <li>{@link #read} work is retried (reads may repeat); {@link #writeIdempotent} work too;
 *       plain {@link #write} work only when its borrow failed, never once it started. A commit
 *       that failed with a connection failure is never retried (its outcome is unknown), and an
 *       open breaker is never retried. A pool that was only busy is not counted by its breaker,
 *       and is retried for reads only (the next attempt may go to another host).
 *   <li>A write that reached a read-only server ({@code 25006}, MySQL 1290/1836) makes the
 *       cluster refresh roles ({@link Cluster#checkNow()}) and evicts that connection.
 * </ul>
 *
 * <p>Thread-safe. The cluster stays owned by the caller.
 */
public final class ResilientCluster {

  private final Cluster cluster;
  private final HostBreakers breakers;
  private final UnitRunner reads;
  private final UnitRunner writes;

  ResilientCluster(Cluster cluster, HostBreakers breakers, RetryRegistry retries,
      Prober prober) {
    this.cluster = cluster;
    this.breakers = breakers;
    String primary = cluster.primary().poolName();
    cluster.installHostGuard(new BreakerGuard(breakers, primary));
    for (ConnectionPool pool : cluster.pools()) {
      HostState host = breakers.host(pool.poolName());
      host.onChange(cluster::reconsiderHosts);
      prober.watch(host, pool);
    }
    cluster.reconsiderHosts();
    this.reads = new UnitRunner(breakers, retries, cluster.name() + "-read", primary, true,
        cluster::checkNow);
    this.writes = new UnitRunner(breakers, retries, cluster.name() + "-write", primary, false,
        cluster::checkNow);
  }

  /** @return the decorated cluster */
  public Cluster cluster() {
    return cluster;
  }

  /**
   * Runs read work on a replica (or the primary), retrying it after host failures and
   * transaction conflicts.
   *
   * @param work the work; it may run more than once
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended it, with its original SQLState
   */
  public <T> T read(ConnectionWork<T> work) throws SQLException {
    Objects.requireNonNull(work, "work");
    return reads.run(true, cluster::read, work);
  }

  /**
   * Runs write work that must not run twice: retried only when the borrow failed, before the
   * work started.
   *
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended it
   */
  public <T> T write(ConnectionWork<T> work) throws SQLException {
    return write(Idempotent.NO, work);
  }

  /**
   * Runs write work, retrying it after host failures and transaction conflicts when it is
   * idempotent (never after a commit with an unknown outcome).
   *
   * @param idempotent whether the work may run more than once
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended it
   */
  public <T> T write(Idempotent idempotent, ConnectionWork<T> work) throws SQLException {
    Objects.requireNonNull(idempotent, "idempotent");
    Objects.requireNonNull(work, "work");
    return writes.run(idempotent == Idempotent.YES, cluster::write, work);
  }

  /**
   * Same as {@code write(Idempotent.YES, work)}.
   *
   * @param work the work; it may run more than once
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended it
   */
  public <T> T writeIdempotent(ConnectionWork<T> work) throws SQLException {
    return write(Idempotent.YES, work);
  }

  /**
   * Borrows a read connection, guarded and retried. Work done on it is the caller's and is not
   * retried.
   *
   * @return the connection
   * @throws SQLException the failure that ended the attempts
   */
  public Connection readConnection() throws SQLException {
    return reads.borrow(cluster::readConnection);
  }

  /**
   * Borrows a write connection, guarded and retried (a borrow may always repeat).
   *
   * @return the connection
   * @throws SQLException the failure that ended the attempts
   */
  public Connection writeConnection() throws SQLException {
    return writes.borrow(cluster::writeConnection);
  }

  /** @return a snapshot per host of this cluster, primary first */
  public List<HostResilienceStats> stats() {
    List<HostResilienceStats> out = new ArrayList<>();
    for (ConnectionPool pool : cluster.pools()) {
      out.add(breakers.host(pool.poolName()).stats());
    }
    return out;
  }

  @Override
  public String toString() {
    return "ResilientCluster{" + cluster.name() + ", " + stats() + "}";
  }
}
