package io.cenote.resilience;

import io.cenote.pool.ConnectionPool;
import io.cenote.pool.ConnectionWork;
import io.cenote.pool.LeasedConnection;
import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolControl;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * One pool behind a circuit breaker (named after the pool) and retry, for a database without
 * replicas to route to; it owns both, and {@link #close()} closes both. As a {@link DataSource},
 * {@link #getConnection()} is guarded and retried; the lambda methods retry work as a cluster
 * with a resilience section does, under the same budget: at most
 * {@link ResilienceConfig#maxAttempts()} attempts per call. While the breaker is open, borrows
 * fail fast with an {@link java.sql.SQLTransientConnectionException} and the pool is not called.
 * The pool's connection creation uses the resilience backoff.
 *
 * <pre>{@code
 * try (ResilientPool cache = ResilientPool.start(poolConfig, ResilienceConfig.defaults())) {
 *   cache.read(c -> load(c));
 *   cache.writeIdempotent(c -> upsert(c));
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ResilientPool implements DataSource, AutoCloseable {

  private static final org.slf4j.Logger log = LoggerFactory.getLogger(ResilientPool.class);

  private final ConnectionPool pool;
  private final Resilience resilience;
  private final String host;
  private final HostCircuit circuit;
  private final RetryRunner runner;

  private ResilientPool(ConnectionPool pool, Resilience resilience) {
    this.pool = pool;
    this.resilience = resilience;
    this.host = pool.poolName();
    this.circuit = resilience.host(host);
    this.runner = resilience.runner(host, false, pool::softEvictAll);
    resilience.watch(host, pool);
  }

  /**
   * Starts the pool and its resilience; if the pool cannot start, nothing is left running.
   *
   * @param pool the pool's configuration (its connection backoff is replaced by the resilience
   *     backoff)
   * @param resilience the breaker and retry settings
   * @return the running pool
   * @throws io.cenote.pool.PoolInitializationException when the pool cannot reach its database
   *     within its {@code initializationFailTimeout}
   */
  public static ResilientPool start(PoolConfig pool, ResilienceConfig resilience) {
    Objects.requireNonNull(pool, "pool");
    Resilience r = Resilience.start(pool.poolName(),
        Objects.requireNonNull(resilience, "resilience"));
    try {
      return new ResilientPool(ConnectionPool.create(r.apply(pool)), r);
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
  }

  /** @return the pool, for statistics and runtime control: it cannot lend around the breaker */
  public PoolControl pool() {
    return pool.control();
  }

  /** @return the breakers and retry of this pool (its host is the pool's name) */
  public Resilience resilience() {
    return resilience;
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
    return runner.run(true, context -> {
      context.host(host);
      return guardedBorrow();
    });
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
    return runner.run(repeatable, context -> {
      context.host(host);
      Connection c = guardedBorrow();
      context.workStarted();
      T result;
      try {
        result = work.run(c);
      } catch (SQLException e) {
        workFailed(c, e, context);
        throw e;
      } catch (RuntimeException | Error e) {
        closeQuietly(c);
        throw e;
      }
      c.close();
      return result;
    });
  }

  /** Charges the failure, notes an unknown commit, and returns (or evicts) the connection. */
  private void workFailed(Connection c, SQLException e, AttemptContext context) {
    circuit.failedOutsideCall(e);
    try {
      LeasedConnection lease = c.unwrap(LeasedConnection.class);
      if (lease.commitOutcomeUnknown()) {
        context.commitOutcomeUnknown();
      }
      if (runner.evicts(e)) {
        lease.invalidate();
      }
    } catch (SQLException unwrapFailed) {
      log.debug("[{}] could not inspect a failed lease", host, unwrapFailed);
    }
    closeQuietly(c);
  }

  private void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("[{}] closing a connection after failed work failed too", host, e);
    }
  }

  private Connection guardedBorrow() throws SQLException {
    circuit.permit(false);
    long t0 = System.nanoTime();
    Connection c;
    try {
      c = pool.getConnection();
    } catch (SQLException e) {
      circuit.failed(System.nanoTime() - t0, e);
      throw e;
    }
    circuit.succeeded(System.nanoTime() - t0);
    return c;
  }

  /** @return this pool's breaker and retry counters */
  public HostResilienceStats stats() {
    return circuit.stats();
  }

  /** Closes the pool (see {@link ConnectionPool#close()}), then stops the probes. Idempotent. */
  @Override
  public void close() {
    pool.close();
    resilience.close();
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

  /**
   * Unwraps to this object only: the pool behind it is not handed out, so no borrow can go
   * around the breaker.
   */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("ResilientPool " + host + " is not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "ResilientPool{" + stats() + "}";
  }
}
