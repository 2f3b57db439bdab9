package io.cenote.pool;

import io.cenote.pool.internal.BorrowTimeout;
import io.cenote.pool.internal.Pool;
import io.cenote.pool.internal.PoolEntry;
import io.cenote.pool.internal.jdbc.ConnectionProxy;
import io.cenote.pool.internal.jdbc.JdbcConnection;
import io.cenote.pool.internal.jdbc.JdbcConnectionFactory;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A JDBC connection pool: a drop-in {@link DataSource} that lends physical connections and takes
 * them back when the borrower closes them.
 *
 * <pre>{@code
 * try (ConnectionPool pool = ConnectionPool.create(PoolConfig.builder()
 *         .jdbcUrl("jdbc:postgresql://127.0.0.1:5432/appdb")
 *         .username("app").password(secret)
 *         .maxSize(20)
 *         .build())) {
 *   try (Connection c = pool.getConnection();
 *        PreparedStatement ps = c.prepareStatement("SELECT name FROM users WHERE id = ?")) {
 *     ...
 *   }
 *   System.out.println(pool.stats());
 * }
 * }</pre>
 *
 * <p>{@link #getConnection()} hands out a proxy per borrow: its {@code close()} returns the
 * connection (closing the statements it opened, rolling back an open transaction and restoring
 * changed session state); closing twice is harmless; using it after close throws
 * {@code SQLException("connection is closed")}, except unwrapping it to
 * {@link LeasedConnection}, whose {@code commitOutcomeUnknown()} stays readable. Borrowing and
 * returning take no lock; waiting borrowers are served in arrival order, and a running thread
 * may take a just-returned connection ahead of them only while none has waited 1 ms. When none
 * is free within {@code acquireTimeout}, {@link #getConnection()} throws
 * {@link SQLTransientConnectionException} whose message names the pool and shows
 * total/active/idle/waiting, with the last connection error (and its SQLState) as cause.
 *
 * <p>Thread-safe. Statistics, health, live gauges, live resize, suspend/resume, soft eviction
 * and warm-up are the {@link PoolControl} view, which a layer that owns the pool can hand out
 * without handing out {@code getConnection()}; see {@code docs/core.md}.
 */
public final class ConnectionPool extends AbstractPool implements DataSource {

  private final Pool<JdbcConnection> engine;
  private final long acquireTimeoutNanos;
  private volatile PrintWriter logWriter;

  private ConnectionPool(Pool<JdbcConnection> engine, PoolConfig config) {
    super(engine, config);
    this.engine = engine;
    this.acquireTimeoutNanos = config.acquireTimeout().toNanos();
  }

  /**
   * Creates and starts a pool: opens the first connection (failing after
   * {@code initializationFailTimeout} unless it is negative), then warms to {@code minIdle} in
   * the background.
   *
   * @param config the configuration; it must name a {@code jdbcUrl} or a {@code dataSource}
   * @return the started pool
   * @throws IllegalArgumentException when the configuration names no connection source
   * @throws PoolInitializationException when the database cannot be reached in time
   */
  public static ConnectionPool create(PoolConfig config) {
    Objects.requireNonNull(config, "config");
    if (config.jdbcUrl() == null && config.dataSource() == null) {
      throw new IllegalArgumentException("jdbcUrl or dataSource must be set for pool '"
          + config.poolName() + "', but neither was");
    }
    return new ConnectionPool(new Pool<>(config, new JdbcConnectionFactory(config)), config);
  }

  /**
   * Borrows a connection, waiting up to {@code acquireTimeout}.
   *
   * @return a pooled connection; close it to return it
   * @throws AcquireTimeoutException (an {@link SQLTransientConnectionException}) when none
   *     could be lent within {@code acquireTimeout}, counted from this call: pre-pings, waiting
   *     and connection attempts all share that deadline
   * @throws SQLNonTransientConnectionException when the pool is closed
   * @throws SQLException when interrupted while waiting (the interrupt flag stays set)
   */
  @Override
  public Connection getConnection() throws SQLException {
    try {
      PoolEntry<JdbcConnection> entry = engine.acquire(acquireTimeoutNanos);
      return new ConnectionProxy(engine, entry);
    } catch (BorrowTimeout e) {
      throw acquireTimeout(e);
    } catch (TimeoutException e) {
      throw new SQLTransientConnectionException(e.getMessage(), "08001", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a connection from pool '"
          + poolName() + "'", "HY008", e);
    } catch (PoolClosedException e) {
      throw new SQLNonTransientConnectionException(e.getMessage(), "08003", e);
    }
  }

  /**
   * The SQLState is the last connection error's, else {@code 08001} when the host looks
   * unreachable; a pool that was merely busy or suspended gives none, so a caller classifying
   * by SQLState class 08 does not take a saturated pool for a dead database.
   */
  private AcquireTimeoutException acquireTimeout(BorrowTimeout e) {
    Throwable cause = e.getCause();
    String state = null;
    if (cause instanceof SQLException sql && sql.getSQLState() != null) {
      state = sql.getSQLState();
    } else if (e.reason().hostUnreachable()) {
      state = "08001";
    }
    return new AcquireTimeoutException(e.getMessage(), state, cause, poolName(), e.reason(),
        Duration.ofNanos(e.elapsedNanos()));
  }

  /**
   * Not supported: every connection of a pool uses the configured credentials.
   *
   * @throws SQLFeatureNotSupportedException always
   */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "pool '" + poolName() + "' lends connections with its configured credentials only");
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  /** Sets the acquire timeout is not possible at runtime; use {@code acquireTimeout}. */
  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "set acquireTimeout in PoolConfig instead of the login timeout");
  }

  /** @return {@code acquireTimeout} in whole seconds */
  @Override
  public int getLoginTimeout() {
    return (int) config().acquireTimeout().getSeconds();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Cenote logs through slf4j");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("ConnectionPool does not wrap " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "ConnectionPool{" + poolName() + ", " + config().maskedJdbcUrl() + ", "
        + stats().gauges() + "}";
  }
}
