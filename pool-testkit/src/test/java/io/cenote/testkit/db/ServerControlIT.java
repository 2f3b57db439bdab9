package io.cenote.testkit.db;

import static io.cenote.testkit.db.DatabaseEngine.MARIADB;
import static io.cenote.testkit.db.DatabaseEngine.POSTGRESQL;
import static io.cenote.testkit.db.DatabaseRole.REPLICA;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerControl} drives {@code scripts/db.sh} from the JVM. Only replicas are stopped
 * here, so that other suites running against the same primaries are not disturbed, except in
 * the failover test: it crashes the PostgreSQL primary for the few seconds a promotion and a
 * rebuild take, and rebuilds the pair even when it fails.
 */
@RealDatabases
class ServerControlIT {

  private static final Duration CATCH_UP = Duration.ofSeconds(15);

  @Test
  void restartingThePostgresReplicaBreaksItsSessionsAndItStreamsAgain(
      @Database(engine = POSTGRESQL) DatabaseTarget primary,
      @Database(engine = POSTGRESQL, role = REPLICA) DatabaseTarget replica) throws Exception {
    try (Connection before = replica.connect()) {
      replica.server().restart();

      assertThat(before.isValid(2)).isFalse();
    }
    assertThat(Sql.queryString(replica, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
    assertThat(Sql.queryLong(primary,
        "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")).isOne();
  }

  @Test
  void aKilledMariaDbReplicaStartsAgainAndCatchesUp(
      @Database(engine = MARIADB) DatabaseTarget primary,
      @Database(engine = MARIADB, role = REPLICA) DatabaseTarget replica) throws Exception {
    String table = RealDatabaseExtensionIT.uniqueName("killed");
    try (Connection before = replica.connect()) {
      replica.server().kill();
      assertThat(before.isValid(2)).isFalse();
    }
    try {
      Sql.execute(primary, "CREATE TABLE " + table + " (id int)");

      replica.server().start();

      Await.until("the replica catches up", CATCH_UP, () -> exists(replica, table));
    } finally {
      replica.server().start();
      Sql.execute(primary, "DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  void aReplicationDelayHoldsBackThePostgresReplica(
      @Database(engine = POSTGRESQL) DatabaseTarget primary,
      @Database(engine = POSTGRESQL, role = REPLICA) DatabaseTarget replica) throws Exception {
    assertDelayHoldsBack(primary, replica, Duration.ofSeconds(3));
  }

  @Test
  void aReplicationDelayHoldsBackTheMariaDbReplica(
      @Database(engine = MARIADB) DatabaseTarget primary,
      @Database(engine = MARIADB, role = REPLICA) DatabaseTarget replica) throws Exception {
    assertDelayHoldsBack(primary, replica, Duration.ofMillis(2500));   // MASTER_DELAY = 3 s
  }

  @Test
  void aPromotedPostgresReplicaTakesWritesAndRebuildMakesItAReplicaAgain(
      @Database(engine = POSTGRESQL) DatabaseTarget primary,
      @Database(engine = POSTGRESQL, role = REPLICA) DatabaseTarget replica) throws Exception {
    String promoted = RealDatabaseExtensionIT.uniqueName("promote_check");
    String rebuilt = RealDatabaseExtensionIT.uniqueName("rebuild_check");
    boolean pairRestored = false;
    try {
      primary.server().kill();

      replica.server().promote();

      assertThat(Sql.queryString(replica, "SELECT pg_is_in_recovery()::text")).isEqualTo("false");
      Sql.execute(replica, "CREATE TABLE IF NOT EXISTS " + promoted + " (x int)");
      Sql.update(replica, "INSERT INTO " + promoted + " (x) VALUES (?)", 42);
      assertThat(Sql.queryLong(replica, "SELECT sum(x) FROM " + promoted)).isEqualTo(42);

      replica.server().rebuild();
      pairRestored = true;

      assertThat(Sql.queryString(primary, "SELECT pg_is_in_recovery()::text")).isEqualTo("false");
      assertThat(Sql.queryString(replica, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
      assertThat(exists(replica, promoted)).as("a table written only on the promoted replica")
          .isFalse();
      Sql.execute(primary, "CREATE TABLE " + rebuilt + " (x int)");
      Sql.update(primary, "INSERT INTO " + rebuilt + " (x) VALUES (?)", 7);
      Await.until("the row reaches the rebuilt replica", CATCH_UP, () -> exists(replica, rebuilt)
          && Sql.queryLong(replica, "SELECT count(*) FROM " + rebuilt + " WHERE x = 7") == 1);
    } finally {
      if (!pairRestored) {
        replica.server().rebuild();
      }
      Sql.execute(primary, "DROP TABLE IF EXISTS " + rebuilt);
    }
  }

  @Test
  void statusReportsRunningServers(@Database(engine = POSTGRESQL) DatabaseTarget primary) {
    assertThat(primary.server().status()).contains("PostgreSQL").contains("running");
  }

  private static void assertDelayHoldsBack(
      DatabaseTarget primary, DatabaseTarget replica, Duration delay) throws Exception {
    String table = RealDatabaseExtensionIT.uniqueName("delayed");
    Sql.execute(primary, "CREATE TABLE " + table + " (id int)");
    try {
      Await.until("the table reaches the replica", CATCH_UP, () -> exists(replica, table));
      replica.server().setReplicationDelay(delay);
      try {
        Sql.update(primary, "INSERT INTO " + table + " (id) VALUES (1)");
        Thread.sleep(500);

        assertThat(Sql.queryLong(replica, "SELECT count(*) FROM " + table)).isZero();
      } finally {
        replica.server().setReplicationDelay(Duration.ZERO);
      }
      Await.until("the row reaches the replica", CATCH_UP,
          () -> Sql.queryLong(replica, "SELECT count(*) FROM " + table) == 1);
    } finally {
      Sql.execute(primary, "DROP TABLE " + table);
    }
  }

  private static boolean exists(DatabaseTarget replica, String table) {
    try {
      Sql.queryLong(replica, "SELECT count(*) FROM " + table);
      return true;
    } catch (SQLException notYet) {
      return false;
    }
  }
}
