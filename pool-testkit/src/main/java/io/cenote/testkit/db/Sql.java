package io.cenote.testkit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs SQL for test setup and checks on a fresh {@link java.sql.DriverManager} connection that
 * is closed right after, so it never borrows from the pool under test.
 *
 * <pre>{@code
 * Sql.execute(primary, "CREATE TABLE IF NOT EXISTS t (id int)");
 * long sessions = Sql.queryLong(primary,
 *     "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", "orders-pool");
 * }</pre>
 */
public final class Sql {

  private Sql() {}

  /** Reads a result set; may throw {@link SQLException}. */
  @FunctionalInterface
  public interface ResultSetReader<T> {

    /**
     * Reads the rows it needs.
     *
     * @param rows the open result set, before its first row
     * @return what was read
     * @throws SQLException when reading fails
     */
    T read(ResultSet rows) throws SQLException;
  }

  /**
   * Executes statements one after another in auto-commit mode.
   *
   * @param endpoint where to connect
   * @param statements the statements, without parameters
   * @throws SQLException when connecting or a statement fails
   */
  public static void execute(JdbcEndpoint endpoint, String... statements) throws SQLException {
    try (Connection connection = endpoint.connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /**
   * Executes one parameterised update.
   *
   * @param endpoint where to connect
   * @param sql the statement with {@code ?} placeholders
   * @param parameters the values for the placeholders
   * @return the update count
   * @throws SQLException when connecting or the statement fails
   */
  public static int update(JdbcEndpoint endpoint, String sql, Object... parameters)
      throws SQLException {
    try (Connection connection = endpoint.connect();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  /**
   * Runs a query and hands its rows to a reader.
   *
   * @param <T> what the reader returns
   * @param endpoint where to connect
   * @param sql the query with {@code ?} placeholders
   * @param reader reads the rows
   * @param parameters the values for the placeholders
   * @return what the reader returned
   * @throws SQLException when connecting, the query or the reader fails
   */
  public static <T> T query(
      JdbcEndpoint endpoint, String sql, ResultSetReader<T> reader, Object... parameters)
      throws SQLException {
    try (Connection connection = endpoint.connect();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      return reader.read(rows);
    }
  }

  /**
   * Runs a query that returns one number, such as {@code SELECT count(*) ...}.
   *
   * @param endpoint where to connect
   * @param sql the query with {@code ?} placeholders
   * @param parameters the values for the placeholders
   * @return the first column of the first row
   * @throws SQLException when connecting or the query fails, or it returns no row
   */
  public static long queryLong(JdbcEndpoint endpoint, String sql, Object... parameters)
      throws SQLException {
    return query(endpoint, sql, rows -> {
      if (!rows.next()) {
        throw new SQLException("no row returned by: " + sql);
      }
      return rows.getLong(1);
    }, parameters);
  }

  /**
   * Runs a query that returns one value, such as {@code SELECT version()}.
   *
   * @param endpoint where to connect
   * @param sql the query with {@code ?} placeholders
   * @param parameters the values for the placeholders
   * @return the first column of the first row as a string (null for SQL NULL)
   * @throws SQLException when connecting or the query fails, or it returns no row
   */
  public static String queryString(JdbcEndpoint endpoint, String sql, Object... parameters)
      throws SQLException {
    return query(endpoint, sql, rows -> {
      if (!rows.next()) {
        throw new SQLException("no row returned by: " + sql);
      }
      return rows.getString(1);
    }, parameters);
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
