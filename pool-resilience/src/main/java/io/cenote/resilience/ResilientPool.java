package io.cenote.resilience;

import io.cenote.pool.ConnectionPool;
import io.cenote.resilience.internal.BreakerGuard;
import io.cenote.resilience.internal.HostBreakers;
import io.cenote.resilience.internal.HostState;
import io.cenote.resilience.internal.Prober;
import io.cenote.resilience.internal.UnitRunner;
import io.cenote.router.ConnectionWork;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link ConnectionPool} behind a circuit breaker (named after the pool) and retry, from
 * {@link Resilience#decorate(ConnectionPool)}. As a {@link DataSource}, its
 * {@link #getConnection()} is guarded and retried; the lambda methods retry work as
 * {@link ResilientCluster} does. While the breaker is open, borrows fail fast with an
 * {@link java.sql.SQLTransientConnectionException} and the pool is not called.
 *
 * <p>Thread-safe. The pool stays owned by the caller.
 */
public final class ResilientPool implements DataSource {

  private final ConnectionPool pool;
  private final String host;
  private final BreakerGuard guard;
  private final HostState state;
  private final UnitRunner runner;

  ResilientPool(ConnectionPool pool, HostBreakers breakers, RetryRegistry retries,
      Prober prober) {
    this.pool = pool;
    this.host = pool.poolName();
    this.guard = new BreakerGuard(breakers, host);
    this.state = breakers.host(host);
    this.runner = new UnitRunner(breakers, retries, host, host, false, pool::softEvictAll);
    prober.watch(state, pool);
  }

  /** @return the decorated pool */
  public ConnectionPool pool() {
    return pool;
  }

  /**
   * Borrows a connection through the breaker, retrying borrow failures.
   *
   * @return the pooled connection
   * @throws java.sql.SQLTransientConnectionException at once while the breaker is open
   * @throws SQLException the failure that ended the attempts
   */
  @Override
  public Connection getConnection() throws SQLException {
    return runner.borrow(this::guardedBorrow);
  }

  /**
   * Not supported: the pool's credentials are fixed.
   *
   * @throws SQLFeatureNotSupportedException always
   */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("a pooled DataSource uses its configured"
        + " credentials");
  }

  /**
   * Runs read work, retried after host failures and transaction conflicts.
   *
   * @param work the work; it may run more than once
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended it
   */
  public <T> T read(ConnectionWork<T> work) throws SQLException {
    return run(true, work);
  }

  /**
   * Runs write work that must not run twice: retried only when the borrow failed.
   *
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended it
   */
  public <T> T write(ConnectionWork<T> work) throws SQLException {
    return run(false, work);
  }

  /**
   * Runs write work, retried when idempotent (never after a commit with an unknown outcome).
   *
   * @param idempotent whether the work may run more than once
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended it
   */
  public <T> T write(Idempotent idempotent, ConnectionWork<T> work) throws SQLException {
    return run(Objects.requireNonNull(idempotent, "idempotent") == Idempotent.YES, work);
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
    return run(true, work);
  }

  private <T> T run(boolean repeatable, ConnectionWork<T> work) throws SQLException {
    Objects.requireNonNull(work, "work");
    return runner.run(repeatable, w -> {
      try (Connection c = guardedBorrow()) {
        try {
          return w.run(c);
        } catch (SQLException e) {
          guard.workFailed(host, e);
          throw e;
        }
      }
    }, work);
  }

  private Connection guardedBorrow() throws SQLException {
    guard.beforeBorrow(host);
    long t0 = System.nanoTime();
    Connection c;
    try {
      c = pool.getConnection();
    } catch (SQLException e) {
      guard.afterBorrow(host, System.nanoTime() - t0, e);
      throw e;
    }
    guard.afterBorrow(host, System.nanoTime() - t0, null);
    return c;
  }

  /** @return this pool's breaker and retry counters */
  public HostResilienceStats stats() {
    return state.stats();
  }

  @Override
  public PrintWriter getLogWriter() {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return pool.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this) || pool.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "ResilientPool{" + stats() + "}";
  }
}
