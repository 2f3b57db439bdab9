package io.cenote.pool.internal.jdbc;

import io.cenote.pool.PoolConfig;
import io.cenote.pool.ResourceFactory;
import io.cenote.pool.internal.Secrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC adapter of the pooling engine: opens connections from a URL or a data source, puts
 * each into the configured initial state, validates with {@link Connection#isValid(int)} or a
 * query, and on return restores only what the borrower changed and rolls back a transaction it
 * left open.
 */
public final class JdbcConnectionFactory implements ResourceFactory<JdbcConnection> {

  private static final Logger log = LoggerFactory.getLogger(JdbcConnectionFactory.class);
  private static final Executor DIRECT = Runnable::run;

  private final PoolConfig config;
  private final Properties connectProperties;
  private final int defaultQueryTimeoutSeconds;

  /**
   * Creates the factory.
   *
   * @param config the pool configuration (URL or data source, credentials, initial state)
   */
  public JdbcConnectionFactory(PoolConfig config) {
    this.config = config;
    this.defaultQueryTimeoutSeconds = (int) config.defaultQueryTimeout().getSeconds();
    this.connectProperties = config.driverProperties();
    if (config.username() != null) {
      connectProperties.setProperty("user", config.username());
    }
    if (config.password() != null) {
      connectProperties.setProperty("password", config.password());
    }
  }

  @Override
  public JdbcConnection create() throws SQLException {
    Connection raw = connect();
    try {
      if (config.autoCommit() != null) {
        raw.setAutoCommit(config.autoCommit());
      }
      if (config.readOnly() != null) {
        raw.setReadOnly(config.readOnly());
      }
      if (config.transactionIsolation() != PoolConfig.DRIVER_DEFAULT_ISOLATION) {
        raw.setTransactionIsolation(config.transactionIsolation());
      }
      if (config.catalog() != null) {
        raw.setCatalog(config.catalog());
      }
      if (config.schema() != null) {
        raw.setSchema(config.schema());
      }
      if (config.connectionInitSql() != null) {
        try (Statement s = raw.createStatement()) {
          s.execute(config.connectionInitSql());
        }
        if (!raw.getAutoCommit()) {
          raw.commit();
        }
      }
      return new JdbcConnection(raw, raw.getAutoCommit(), raw.isReadOnly(),
          raw.getTransactionIsolation(), raw.getCatalog(), schemaOf(raw), networkTimeoutOf(raw),
          defaultQueryTimeoutSeconds);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(raw);
      throw e;
    }
  }

  private Connection connect() throws SQLException {
    DataSource ds = config.dataSource();
    if (ds != null) {
      return config.username() == null ? ds.getConnection()
          : ds.getConnection(config.username(), config.password());
    }
    if (config.jdbcUrl() == null) {
      throw new SQLException("pool '" + config.poolName() + "' has no jdbcUrl or dataSource",
          "08001");
    }
    Connection c;
    try {
      c = DriverManager.getConnection(config.jdbcUrl(), connectProperties);
    } catch (SQLException e) {
      throw withMaskedUrl(e);
    }
    if (c == null) {
      throw new SQLException("no JDBC driver accepted " + Secrets.maskUrl(config.jdbcUrl()),
          "08001");
    }
    return c;
  }

  /**
   * DriverManager ("No suitable driver found for ...") and some drivers put the URL, with any
   * password in it, into their message; replace it by the masked URL so it reaches no log.
   */
  private SQLException withMaskedUrl(SQLException e) {
    String url = config.jdbcUrl();
    String message = e.getMessage();
    String masked = Secrets.maskUrl(url);
    if (message == null || masked.equals(url) || !message.contains(url)) {
      return e;
    }
    SQLException clean = new SQLException(message.replace(url, masked), e.getSQLState(),
        e.getErrorCode(), e.getCause());
    clean.setStackTrace(e.getStackTrace());
    return clean;
  }

  /** Some drivers (older ones, SQLite) do not implement getSchema; treat that as "no schema". */
  private static String schemaOf(Connection raw) {
    try {
      return raw.getSchema();
    } catch (SQLException | AbstractMethodError e) {
      return null;
    }
  }

  /** Drivers may not support network timeouts; then a borrower's change cannot be undone. */
  private static int networkTimeoutOf(Connection raw) {
    try {
      return raw.getNetworkTimeout();
    } catch (SQLException | AbstractMethodError e) {
      return -1;
    }
  }

  @Override
  public boolean validate(JdbcConnection connection, Duration timeout) {
    int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    try {
      if (config.validationQuery() == null) {
        return connection.raw.isValid(seconds);
      }
      try (Statement s = connection.raw.createStatement()) {
        s.setQueryTimeout(seconds);
        try (ResultSet rs = s.executeQuery(config.validationQuery())) {
          rs.next();
        }
      }
      if (!connection.raw.getAutoCommit()) {
        connection.raw.rollback();
      }
      return true;
    } catch (SQLException e) {
      log.debug("[{}] validation failed: {}", config.poolName(), e.toString());
      return false;
    }
  }

  @Override
  public void reset(JdbcConnection c) throws SQLException {
    if (c.broken) {
      throw new SQLException("connection is broken", "08003");
    }
    Connection raw = c.raw;
    if (c.transactionDirty) {
      if (!raw.getAutoCommit()) {
        raw.rollback();
      }
      c.transactionDirty = false;
    }
    if (c.autoCommitChanged) {
      raw.setAutoCommit(c.autoCommit);
      c.autoCommitChanged = false;
    }
    if (c.readOnlyChanged) {
      raw.setReadOnly(c.readOnly);
      c.readOnlyChanged = false;
    }
    if (c.isolationChanged) {
      raw.setTransactionIsolation(c.isolation);
      c.isolationChanged = false;
    }
    if (c.catalogChanged) {
      if (c.catalog != null) {
        raw.setCatalog(c.catalog);
      }
      c.catalogChanged = false;
    }
    if (c.schemaChanged) {
      if (c.schema != null) {
        raw.setSchema(c.schema);
      }
      c.schemaChanged = false;
    }
    if (c.networkTimeoutChanged) {
      if (c.networkTimeout >= 0) {
        raw.setNetworkTimeout(DIRECT, c.networkTimeout);
      }
      c.networkTimeoutChanged = false;
    }
  }

  @Override
  public void destroy(JdbcConnection connection) {
    closeQuietly(connection.raw);
  }

  @Override
  public void abort(JdbcConnection connection) {
    try {
      connection.raw.abort(DIRECT);
    } catch (SQLException | RuntimeException | AbstractMethodError e) {
      log.debug("[{}] abort failed, closing instead: {}", config.poolName(), e.toString());
      closeQuietly(connection.raw);
    }
  }

  private void closeQuietly(Connection raw) {
    try {
      raw.close();
    } catch (SQLException | RuntimeException e) {
      log.debug("[{}] closing a connection failed: {}", config.poolName(), e.toString());
    }
  }
}
