package io.cenote.testkit.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Something a test can open a plain JDBC connection to: a real server or a SQLite file. */
public interface JdbcEndpoint {

  /**
   * Returns the JDBC URL, without credentials.
   *
   * @return the URL to give {@link DriverManager} or a pool
   */
  String jdbcUrl();

  /**
   * Returns a fresh copy of the driver properties (user and password where the endpoint has
   * them), for {@link DriverManager#getConnection(String, Properties)} or a pool's config.
   *
   * @return a new, modifiable {@code Properties}
   */
  Properties properties();

  /**
   * Opens a new connection through {@link DriverManager}, not through any pool.
   *
   * @return an open connection the caller must close
   * @throws SQLException when the driver cannot connect
   */
  default Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), properties());
  }
}
