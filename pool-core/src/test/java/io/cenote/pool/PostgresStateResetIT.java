package io.cenote.pool;

import static io.cenote.pool.PostgresBrokenConnectionIT.queryInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one borrower leaves behind never reaches the next, on a real PostgreSQL session: an open
 * transaction is rolled back on return, and auto-commit, read-only and isolation are restored.
 * The pool has one connection, so every borrow gets the same physical session (checked).
 */
class PostgresStateResetIT {

  private DatabaseTarget pg;
  private String table;
  private String app;

  @BeforeEach
  void createTable(
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.PRIMARY)
          DatabaseTarget target) throws SQLException {
    pg = target;
    table = PoolItSupport.uniqueName("cenote_reset");
    app = table;
    Sql.execute(pg, "CREATE TABLE " + table + " (id int)");
  }

  @AfterEach
  void dropTable() throws SQLException {
    if (pg != null) {   // null when the server was missing and the test skipped
      Sql.execute(pg, "DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  void anUncommittedInsertIsRolledBackOnReturn() throws Exception {
    try (ConnectionPool pool = onePool()) {
      long id;
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        id = c.unwrap(LeasedConnection.class).connectionId();
        c.setAutoCommit(false);
        assertThat(s.executeUpdate("INSERT INTO " + table + " VALUES (1)")).isOne();
        assertThat(queryInt(c, "SELECT count(*) FROM " + table)).isOne();   // own transaction
        assertThat(serverState()).isEqualTo("idle in transaction");
      }   // closed without commit

      assertThat(rowsSeenFromOutside()).isZero();
      assertThat(serverState()).as("the session's state on the server after return")
          .isEqualTo("idle");
      try (Connection c = pool.getConnection()) {
        assertThat(c.unwrap(LeasedConnection.class).connectionId()).isEqualTo(id);
        assertThat(c.getAutoCommit()).isTrue();
        assertThat(queryInt(c, "SELECT count(*) FROM " + table)).isZero();
      }
    }
  }

  @Test
  void isolationReadOnlyAndAutoCommitAreBackToDefaultsForTheNextBorrower() throws Exception {
    try (ConnectionPool pool = onePool()) {
      long id;
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        id = c.unwrap(LeasedConnection.class).connectionId();
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        c.setAutoCommit(false);
        c.setReadOnly(true);
        assertThat(show(c, "transaction_isolation")).isEqualTo("serializable");
        assertThat(show(c, "transaction_read_only")).isEqualTo("on");
        assertThatThrownBy(() -> s.executeUpdate("INSERT INTO " + table + " VALUES (1)"))
            .isInstanceOf(SQLException.class)
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("25006");   // read-only transaction; the transaction is now aborted
      }

      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        assertThat(c.unwrap(LeasedConnection.class).connectionId()).isEqualTo(id);
        assertThat(c.getAutoCommit()).isTrue();
        assertThat(c.isReadOnly()).isFalse();
        assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(show(c, "transaction_isolation")).isEqualTo("read committed");
        assertThat(show(c, "transaction_read_only")).isEqualTo("off");
        assertThat(s.executeUpdate("INSERT INTO " + table + " VALUES (2)")).isOne();
      }
      assertThat(rowsSeenFromOutside()).isOne();
      assertThat(pool.stats().destroyedTotal()).as("nothing was closed to get there").isZero();
      System.out.printf("[PostgresStateResetIT] session %d reused after serializable +"
          + " read-only + aborted transaction: read committed, read-write, auto-commit%n", id);
    }
  }

  private ConnectionPool onePool() {
    return ConnectionPool.create(PoolItSupport.postgres(pg, app)
        .maxSize(1)
        .acquireTimeout(Duration.ofSeconds(5))
        .build());
  }

  private long rowsSeenFromOutside() throws SQLException {
    return Sql.queryLong(pg, "SELECT count(*) FROM " + table);
  }

  private String serverState() throws SQLException {
    return Sql.queryString(pg,
        "SELECT state FROM pg_stat_activity WHERE application_name = ?", app);
  }

  private static String show(Connection c, String setting) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
