package io.cenote.router.internal;

import io.cenote.pool.PoolConfig;
import io.cenote.router.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;

/**
 * The health-check thread's own connection to one host, outside the host's pool: a check
 * never takes a pool slot and is never stuck behind borrowers of an exhausted pool. Connect
 * and network reads are bounded by the check timeout (driver properties from the dialect plus
 * {@code setNetworkTimeout}). Used by one thread only.
 */
final class Probe implements AutoCloseable {

  private final PoolConfig config;
  private final Dialect dialect;
  private final Duration timeout;
  private Connection connection;

  Probe(PoolConfig config, Dialect dialect, Duration timeout) {
    this.config = config;
    this.dialect = dialect;
    this.timeout = timeout;
  }

  /** @return true when a connection is open from an earlier check */
  boolean connected() {
    return connection != null;
  }

  /** @return the open connection, opening one when needed */
  Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = open();
      try {
        c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      } catch (SQLFeatureNotSupportedException unsupported) {
        // SQLite: a local file, nothing to time out on the network
      }
      connection = c;
    }
    return connection;
  }

  private Connection open() throws SQLException {
    if (config.dataSource() != null) {
      return config.dataSource().getConnection();
    }
    Properties properties = new Properties();
    properties.putAll(config.driverProperties());
    dialect.timeoutProperties(timeout).forEach(properties::putIfAbsent);
    if (config.username() != null) {
      properties.setProperty("user", config.username());
    }
    if (config.password() != null) {
      properties.setProperty("password", config.password());
    }
    return DriverManager.getConnection(config.jdbcUrl(), properties);
  }

  /** Closes the connection after a failed check, so the next check opens a fresh one. */
  void discard() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.abort(Runnable::run);
      } catch (SQLException | RuntimeException ignored) {
        // it is broken anyway
      }
    }
  }

  @Override
  public void close() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException | RuntimeException ignored) {
        // closing at shutdown; nothing left to do with it
      }
    }
  }
}
