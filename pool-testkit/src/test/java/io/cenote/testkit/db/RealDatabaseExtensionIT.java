package io.cenote.testkit.db;

import static io.cenote.testkit.db.DatabaseEngine.MARIADB;
import static io.cenote.testkit.db.DatabaseEngine.POSTGRESQL;
import static io.cenote.testkit.db.DatabaseRole.PRIMARY;
import static io.cenote.testkit.db.DatabaseRole.REPLICA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The extension hands out the four servers of {@code scripts/db.sh}, each in its role. */
@RealDatabases
class RealDatabaseExtensionIT {

  private static final Duration REPLICATION = Duration.ofSeconds(15);
  private static final List<Path> SQLITE_FILES = new ArrayList<>();

  @Test
  void postgresPrimaryIsWritableByTheAppUser(@Database(engine = POSTGRESQL) DatabaseTarget primary)
      throws SQLException {
    String table = uniqueName("t");

    Sql.execute(primary, "CREATE TABLE " + table + " (id int)", "DROP TABLE " + table);

    assertThat(primary.engine()).isEqualTo(POSTGRESQL);
    assertThat(primary.role()).isEqualTo(PRIMARY);
    assertThat(Sql.queryString(primary, "SELECT pg_is_in_recovery()::text")).isEqualTo("false");
    assertThat(Sql.queryString(primary, "SELECT current_user")).isEqualTo("app");
  }

  @Test
  void postgresReplicaIsInRecoveryAndRefusesWrites(
      @Database(engine = POSTGRESQL, role = REPLICA) DatabaseTarget replica) throws SQLException {
    assertThat(replica.role()).isEqualTo(REPLICA);
    assertThat(Sql.queryString(replica, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
    assertThatThrownBy(() -> Sql.execute(replica, "CREATE TABLE refused (id int)"))
        .isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("25006"));
  }

  @Test
  void mariaDbPrimaryIsWritableByTheAppUser(@Database(engine = MARIADB) DatabaseTarget primary)
      throws SQLException {
    String table = uniqueName("t");

    Sql.execute(primary, "CREATE TABLE " + table + " (id int)", "DROP TABLE " + table);

    assertThat(Sql.queryLong(primary, "SELECT @@read_only")).isZero();
  }

  @Test
  void mariaDbReplicaIsReadOnlyAndReplicating(
      @Database(engine = MARIADB, role = REPLICA) DatabaseTarget replica) throws SQLException {
    assertThat(Sql.queryLong(replica, "SELECT @@read_only")).isOne();
    String ioThread = Sql.query(replica, "SHOW SLAVE STATUS",
        rows -> rows.next() ? rows.getString("Slave_IO_Running") : "no replication");
    assertThat(ioThread).isEqualTo("Yes");
    assertThatThrownBy(() -> Sql.execute(replica, "CREATE TABLE refused (id int)"))
        .isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getErrorCode()).isEqualTo(1290));
  }

  @Test
  void postgresWritesReachTheReplica(
      @Database(engine = POSTGRESQL) DatabaseTarget primary,
      @Database(engine = POSTGRESQL, role = REPLICA) DatabaseTarget replica) throws Exception {
    assertReplicates(primary, replica);
  }

  @Test
  void mariaDbWritesReachTheReplica(
      @Database(engine = MARIADB) DatabaseTarget primary,
      @Database(engine = MARIADB, role = REPLICA) DatabaseTarget replica) throws Exception {
    assertReplicates(primary, replica);
  }

  @Test
  void theAppUserSeesAndTerminatesItsOwnPostgresSessions(
      @Database(engine = POSTGRESQL) DatabaseTarget primary) throws SQLException {
    String applicationName = uniqueName("cenote_it");
    Properties properties = primary.properties();
    properties.setProperty("ApplicationName", applicationName);
    try (Connection victim = DriverManager.getConnection(primary.jdbcUrl(), properties)) {
      String sessions = "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?";
      assertThat(Sql.queryLong(primary, sessions, applicationName)).isOne();

      String terminated = Sql.queryString(primary, "SELECT bool_and(pg_terminate_backend(pid))::text"
          + " FROM pg_stat_activity WHERE application_name = ?", applicationName);

      assertThat(terminated).isEqualTo("true");
      assertThat(victim.isValid(2)).isFalse();
    }
  }

  @Test
  void aTemporarySqliteDatabaseIsAFreshFile(@TempSqliteDatabase SqliteDatabase database)
      throws SQLException {
    SQLITE_FILES.add(database.file());

    Sql.execute(database, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    Sql.update(database, "INSERT INTO t (v) VALUES (?)", "x");

    assertThat(database.jdbcUrl()).isEqualTo("jdbc:sqlite:" + database.file());
    assertThat(database.file()).isAbsolute().exists();
    assertThat(Sql.queryString(database, "SELECT v FROM t")).isEqualTo("x");
  }

  @AfterAll
  static void temporarySqliteFilesAreGone() {
    assertThat(SQLITE_FILES).isNotEmpty().noneMatch(Files::exists);
  }

  private static void assertReplicates(DatabaseTarget primary, DatabaseTarget replica)
      throws Exception {
    String table = uniqueName("replicated");
    Sql.execute(primary, "CREATE TABLE " + table + " (id int)");
    try {
      Sql.update(primary, "INSERT INTO " + table + " (id) VALUES (?)", 42);
      Await.until("the row reaches " + replica.describe(), REPLICATION,
          () -> tableHasRow(replica, table));
    } finally {
      Sql.execute(primary, "DROP TABLE " + table);
    }
  }

  private static boolean tableHasRow(DatabaseTarget replica, String table) {
    try {
      return Sql.queryLong(replica, "SELECT count(*) FROM " + table) == 1;
    } catch (SQLException notYetThere) {
      return false;
    }
  }

  static String uniqueName(String prefix) {
    return prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }
}
