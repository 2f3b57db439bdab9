package io.cenote.router.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.router.DatabaseType;
import io.cenote.router.Dialect;
import io.cenote.router.ReplicationLag;
import io.cenote.router.ServerRole;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each dialect's SQL and how it reads the answers, on scripted JDBC (no server, no driver). */
class DialectTest {

  private final Dialect pg = DatabaseType.POSTGRESQL.dialect();
  private final Dialect mysql = DatabaseType.MYSQL.dialect();
  private final Dialect oracle = DatabaseType.ORACLE.dialect();
  private final Dialect sqlite = DatabaseType.SQLITE.dialect();

  @Test
  void postgresRoleComesFromPgIsInRecovery() throws SQLException {
    ScriptedJdbc replica = new ScriptedJdbc()
        .row("SELECT pg_is_in_recovery() AS in_recovery", "in_recovery", "t");
    ScriptedJdbc primary = new ScriptedJdbc()
        .row("SELECT pg_is_in_recovery() AS in_recovery", "in_recovery", "f");

    assertThat(pg.role(replica.connection())).isEqualTo(ServerRole.REPLICA);
    assertThat(pg.role(primary.connection())).isEqualTo(ServerRole.PRIMARY);
  }

  @Test
  void postgresLagIsMeasuredAgainstThePrimarysLsn() throws SQLException {
    ScriptedJdbc primary = new ScriptedJdbc()
        .row("SELECT pg_current_wal_lsn()::text AS lsn", "lsn", "0/3000148");
    ScriptedJdbc replica = new ScriptedJdbc().row(PostgresDialect.LAG_QUERY,
        "receive_lsn", "0/3000100", "replay_lsn", "0/3000000",
        "bytes_behind", "328", "seconds_behind", "1.500000");

    String position = pg.primaryPosition(primary.connection());
    ReplicationLag lag = pg.lag(replica.connection(), position);

    assertThat(position).isEqualTo("0/3000148");
    assertThat(replica.parameters.get(0)).containsExactly("0/3000148");
    assertThat(lag.bytes()).isEqualTo(328);
    assertThat(lag.time()).isEqualTo(Duration.ofMillis(1500));
    assertThat(lag.replicating()).isTrue();
    assertThat(lag.detail()).contains("receive 0/3000100", "replay 0/3000000", "328 bytes");
  }

  @Test
  void postgresLagSqlUsesReplayTimeOnlyWhileWalWaitsToBeReplayed() {
    // after a restart the received position is a segment start behind the replayed one, so
    // "received differs from replayed" is no sign of pending WAL; only "ahead of it" is
    assertThat(PostgresDialect.LAG_QUERY)
        .contains("pg_last_wal_receive_lsn()", "pg_last_wal_replay_lsn()",
            "COALESCE(?::pg_lsn, pg_last_wal_receive_lsn()) AS target",
            "pg_wal_lsn_diff(target, replay)",
            "CASE WHEN target > replay THEN EXTRACT(EPOCH FROM now() -"
                + " pg_last_xact_replay_timestamp()) ELSE 0 END")
        .doesNotContain("pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()");
  }

  @Test
  void postgresWithoutRecoveryIsNotReplicating() throws SQLException {
    ScriptedJdbc promoted = new ScriptedJdbc().row(PostgresDialect.LAG_QUERY,
        "receive_lsn", null, "replay_lsn", null, "bytes_behind", null, "seconds_behind", null);

    ReplicationLag lag = pg.lag(promoted.connection(), null);

    assertThat(lag.replicating()).isFalse();
    assertThat(lag.exceeds(Duration.ofHours(1), 0)).isTrue();
  }

  @Test
  void mysqlRoleComesFromReadOnlyFlags() throws SQLException {
    String sql = "SELECT @@global.read_only AS read_only,"
        + " @@global.innodb_read_only AS innodb_read_only";
    assertThat(mysql.role(new ScriptedJdbc().row(sql, "read_only", "1", "innodb_read_only", "0")
        .connection())).isEqualTo(ServerRole.REPLICA);
    assertThat(mysql.role(new ScriptedJdbc().row(sql, "read_only", "0", "innodb_read_only", "1")
        .connection())).isEqualTo(ServerRole.REPLICA);
    assertThat(mysql.role(new ScriptedJdbc().row(sql, "read_only", "0", "innodb_read_only", "0")
        .connection())).isEqualTo(ServerRole.PRIMARY);
  }

  @Test
  void mariadbLagIsSecondsBehindMaster() throws SQLException {
    ScriptedJdbc replica = new ScriptedJdbc().row("SHOW REPLICA STATUS",
        "Slave_IO_Running", "Yes", "Slave_SQL_Running", "Yes", "Seconds_Behind_Master", "3",
        "Gtid_IO_Pos", "0-1-42");

    ReplicationLag lag = mysql.lag(replica.connection(), null);

    assertThat(lag.time()).isEqualTo(Duration.ofSeconds(3));
    assertThat(lag.bytes()).isEqualTo(-1);
    assertThat(lag.detail()).isEqualTo(
        "Seconds_Behind_Master=3 (IO thread Yes, SQL thread Yes, GTID 0-1-42)");
  }

  @Test
  void mysqlEightReportsSecondsBehindSource() throws SQLException {
    ScriptedJdbc replica = new ScriptedJdbc().row("SHOW REPLICA STATUS",
        "Replica_IO_Running", "Yes", "Replica_SQL_Running", "Yes", "Seconds_Behind_Source", "0",
        "Executed_Gtid_Set", "uuid:1-10");

    assertThat(mysql.lag(replica.connection(), null).time()).isEqualTo(Duration.ZERO);
  }

  @Test
  void nullSecondsBehindMeansReplicationIsBroken() throws SQLException {
    ScriptedJdbc replica = new ScriptedJdbc().row("SHOW REPLICA STATUS",
        "Slave_IO_Running", "Yes", "Slave_SQL_Running", "No", "Seconds_Behind_Master", null,
        "Last_SQL_Error", "Duplicate entry");

    ReplicationLag lag = mysql.lag(replica.connection(), null);

    assertThat(lag.replicating()).isFalse();
    assertThat(lag.detail()).isEqualTo("Seconds_Behind_Master is null (IO thread Yes,"
        + " SQL thread No, Duplicate entry)");
  }

  @Test
  void olderServersFallBackToShowSlaveStatus() throws SQLException {
    ScriptedJdbc old = new ScriptedJdbc()
        .fail("SHOW REPLICA STATUS", new SQLSyntaxErrorException("syntax", "42000", 1064))
        .row("SHOW SLAVE STATUS", "Slave_IO_Running", "Yes", "Slave_SQL_Running", "Yes",
            "Seconds_Behind_Master", "7");

    assertThat(mysql.lag(old.connection(), null).time()).isEqualTo(Duration.ofSeconds(7));
    assertThat(old.executed).containsExactly("SHOW REPLICA STATUS", "SHOW SLAVE STATUS");
  }

  @Test
  void aServerWithoutReplicaStatusIsNotReplicating() throws SQLException {
    ScriptedJdbc none = new ScriptedJdbc().empty("SHOW REPLICA STATUS");
    assertThat(mysql.lag(none.connection(), null).replicating()).isFalse();
  }

  @Test
  void oracleRoleComesFromDatabaseRole() throws SQLException {
    String sql = "SELECT database_role FROM v$database";
    assertThat(oracle.role(new ScriptedJdbc().row(sql, "DATABASE_ROLE", "PRIMARY").connection()))
        .isEqualTo(ServerRole.PRIMARY);
    assertThat(oracle.role(new ScriptedJdbc().row(sql, "DATABASE_ROLE", "PHYSICAL STANDBY")
        .connection())).isEqualTo(ServerRole.REPLICA);
    assertThat(oracle.role(new ScriptedJdbc().row(sql, "DATABASE_ROLE", "LOGICAL STANDBY")
        .connection())).isEqualTo(ServerRole.REPLICA);
    assertThat(oracle.role(new ScriptedJdbc().row(sql, "DATABASE_ROLE", "FAR SYNC")
        .connection())).isEqualTo(ServerRole.UNKNOWN);
  }

  @Test
  void oracleLagIsDataGuardApplyLag() throws SQLException {
    String sql = "SELECT name, value FROM v$dataguard_stats"
        + " WHERE name IN ('apply lag', 'transport lag')";
    ScriptedJdbc standby = new ScriptedJdbc()
        .row(sql, "NAME", "transport lag", "VALUE", "+00 00:00:00")
        .row(sql, "NAME", "apply lag", "VALUE", "+00 00:01:05.250");

    ReplicationLag lag = oracle.lag(standby.connection(), null);

    assertThat(lag.time()).isEqualTo(Duration.ofSeconds(65).plusMillis(250));
    assertThat(lag.detail()).isEqualTo("apply lag +00 00:01:05.250, transport lag +00 00:00:00");
  }

  @Test
  void oracleWithoutApplyLagIsNotApplying() throws SQLException {
    String sql = OracleDialect.LAG_QUERY;
    ScriptedJdbc standby = new ScriptedJdbc().row(sql, "NAME", "apply lag", "VALUE", null);
    assertThat(oracle.lag(standby.connection(), null).replicating()).isFalse();
  }

  @Test
  void oracleIntervalsParse() {
    assertThat(OracleDialect.interval("+01 02:03:04")).isEqualTo(
        Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4));
    assertThat(OracleDialect.interval("+00 00:00:00.5")).isEqualTo(Duration.ofMillis(500));
    assertThatThrownBy(() -> OracleDialect.interval("5 seconds"))
        .hasMessage("not an Oracle interval: '5 seconds'");
  }

  @Test
  void sqliteHasNoRoleAndNoLag() throws SQLException {
    ScriptedJdbc file = new ScriptedJdbc().row("SELECT 1", "1", "1");

    assertThat(sqlite.role(file.connection())).isEqualTo(ServerRole.UNKNOWN);
    assertThat(sqlite.lag(file.connection(), null)).isEqualTo(ReplicationLag.NONE);
    assertThat(sqlite.primaryPosition(file.connection())).isNull();
    assertThat(file.executed).containsExactly("SELECT 1");
  }

  @Test
  void healthCheckTimeoutsUseEachDriversProperties() {
    Duration t = Duration.ofMillis(1500);
    assertThat(pg.timeoutProperties(t)).containsEntry("connectTimeout", "2")
        .containsEntry("socketTimeout", "2").containsEntry("loginTimeout", "2");
    assertThat(mysql.timeoutProperties(t)).containsEntry("connectTimeout", "1500")
        .containsEntry("socketTimeout", "1500");
    assertThat(oracle.timeoutProperties(t)).containsEntry("oracle.net.CONNECT_TIMEOUT", "1500")
        .containsEntry("oracle.jdbc.ReadTimeout", "1500");
    assertThat(sqlite.timeoutProperties(t)).isEmpty();
  }
}
