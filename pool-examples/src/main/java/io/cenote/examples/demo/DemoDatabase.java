package io.cenote.examples.demo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo's embedded database: one SQLite file in WAL mode (readers never block the writer)
 * with an {@code accounts} table the pool part's clients read and update, and a {@code notes}
 * table the routing part's clients append to and read.
 */
final class DemoDatabase {

  /** Rows in {@code accounts}; ids run from 1 to this. */
  static final int ACCOUNTS = 1_000;

  /** How long a connection waits for SQLite's single writer lock before failing. */
  static final String BUSY_TIMEOUT_MILLIS = "5000";

  private DemoDatabase() {}

  /**
   * Creates (or recreates) the table and its rows, without the pool.
   *
   * @param file the SQLite file; created when missing
   * @return the JDBC URL of the file
   * @throws SQLException when SQLite fails
   */
  static String prepare(Path file) throws SQLException {
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    try (Connection c = openInWalMode(url);
         Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS accounts");
      s.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL,"
          + " balance INTEGER NOT NULL)");
      c.setAutoCommit(false);
      try (PreparedStatement insert =
               c.prepareStatement("INSERT INTO accounts (id, owner, balance) VALUES (?, ?, ?)")) {
        for (int id = 1; id <= ACCOUNTS; id++) {
          insert.setInt(1, id);
          insert.setString(2, "owner-" + id);
          insert.setLong(3, 1_000L + id % 97);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
    }
    return url;
  }

  /**
   * Creates (or recreates) the routing part's empty {@code notes} table, without the pool, and
   * puts the file in WAL mode so that the replicas' read-only connections read while the
   * writer writes.
   *
   * @param file the SQLite file; created when missing
   * @return the JDBC URL of the file
   * @throws SQLException when SQLite fails
   */
  static String prepareNotes(Path file) throws SQLException {
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    try (Connection c = openInWalMode(url);
         Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS notes");
      s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, author TEXT NOT NULL,"
          + " body TEXT NOT NULL)");
    }
    return url;
  }

  /**
   * Opens a connection of its own (not the pool's) with the file in WAL mode, so readers read
   * while the writer writes, and with the demo's busy timeout.
   */
  private static Connection openInWalMode(String url) throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MILLIS);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }
}
