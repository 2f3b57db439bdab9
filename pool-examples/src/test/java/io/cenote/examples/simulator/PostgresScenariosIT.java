package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.Polling;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseEnvironment;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scenarios that crash real servers, on the PostgreSQL primary and streaming replica of
 * {@code scripts/db.sh}: a restart with and without pre-ping, and a replica outage followed by
 * a promotion of the replica. Each must leave the pair as it found it.
 */
class PostgresScenariosIT {

  private DatabaseTarget primary;
  private DatabaseTarget replica;
  private Map<String, String> environment;

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.POSTGRESQL) DatabaseTarget primary,
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.REPLICA)
          DatabaseTarget replica) {
    this.primary = primary;
    this.replica = replica;
    environment = new HashMap<>(Map.of(
        "CENOTE_PG_PRIMARY_URL", primary.jdbcUrl(),
        "CENOTE_PG_REPLICA_URL", replica.jdbcUrl(),
        "CENOTE_DB_USER", primary.user(),
        "CENOTE_DB_PASSWORD", primary.password()));
    DatabaseEnvironment.load().script().ifPresent(s ->
        environment.put(DatabaseEnvironment.SCRIPT, s.toString()));
  }

  @Test
  void restartFailsFewerRequestsWithPrePing() throws Exception {
    Recording r = ScenarioRuns.run(environment, "restart", "--db", "postgres", "--seconds", "16");
    assertThat(r.value("failuresWithPrePing"))
        .isLessThan(r.value("failuresWithoutPrePing"));
    assertThat(r.events()).anySatisfy(e -> assertThat(e.message()).contains("scripts/db.sh"));
    assertPairIsBack();
  }

  @Test
  void replicaOutageAndPromotionMoveReadsAndWrites() throws Exception {
    Recording r = ScenarioRuns.run(environment, "replica-failover", "--db", "postgres",
        "--seconds", "18");
    assertThat(r.value("excluded")).isPositive();
    assertThat(r.value("readmitted")).isPositive();
    assertThat(r.value("writerChanges")).isPositive();
    assertThat(r.value("writesAfterFailover")).as("writes served by the promoted replica")
        .isPositive();
    assertPairIsBack();
  }

  /** The primary takes writes, the replica is in recovery and replays them. */
  private void assertPairIsBack() throws Exception {
    assertThat(inRecovery(primary)).as("primary in recovery").isFalse();
    assertThat(inRecovery(replica)).as("replica in recovery").isTrue();
    long marker = System.nanoTime();
    try (Connection c = connect(primary); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS cenote_sim_check (marker BIGINT)");
      s.execute("INSERT INTO cenote_sim_check VALUES (" + marker + ")");
    }
    Polling.await("the replica replays a write on the primary", Duration.ofSeconds(30),
        () -> seen(marker));
  }

  private boolean seen(long marker) {
    try (Connection c = connect(replica); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM cenote_sim_check WHERE marker = "
             + marker)) {
      rs.next();
      return rs.getLong(1) == 1;
    } catch (SQLException e) {
      return false;
    }
  }

  private static boolean inRecovery(DatabaseTarget target) throws SQLException {
    try (Connection c = connect(target); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static Connection connect(DatabaseTarget target) throws SQLException {
    return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
  }
}
