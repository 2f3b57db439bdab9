package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The router against the MariaDB primary and its read-only GTID replica through
 * mysql-connector-j: placement, a replica stopped under load, {@code MASTER_DELAY} lag and the
 * lazy DataSource. Servers are always restored afterwards.
 */
class MariaDbRoutingIT extends ReplicaPairTests {

  private static final String READ_ONLY = "SELECT @@global.read_only";
  private static final String SERVER_ID = "SELECT @@server_id";
  /** Where {@code scripts/db.sh} keeps its servers unless {@code CENOTE_DB_BASE} says. */
  private static final String DEFAULT_DB_BASE = "/tmp/cenote-db";

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.MARIADB) DatabaseTarget p,
      @Database(engine = DatabaseEngine.MARIADB, role = DatabaseRole.REPLICA) DatabaseTarget r)
      throws SQLException {
    useServers(p, r);
  }

  @Override
  String roleQuery() {
    return READ_ONLY;
  }

  @Override
  String onReplica() {
    return "1";
  }

  @Override
  String onPrimary() {
    return "0";
  }

  @Override
  PoolConfig.Builder withDriverTimeouts(PoolConfig.Builder builder) {
    return builder.driverProperty("connectTimeout", "2000")
        .driverProperty("socketTimeout", "10000");
  }

  @Override
  PoolConfig.Builder labelled(PoolConfig.Builder builder, String label) {
    return builder;
  }

  /**
   * MariaDB's process list shows a session's query only while it runs, and this server keeps no
   * statement history, so the primary's check times cannot be seen from outside: the black-hole
   * scenario checks reads and exclusion only. The PostgreSQL run checks the interval.
   */
  @Override
  List<Long> primaryCheckTimes(String label, long millis) throws InterruptedException {
    Thread.sleep(millis);
    return List.of();
  }

  @Test
  void aBlackHoledReplicaUnderReadersIsExcludedAndReadsGoOn() throws Exception {
    blackHoleTheReplicaUnderReaders("maria-bh");
  }

  @Override
  boolean servesAsReplica(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
      return rs.next() && "Yes".equals(rs.getString("Slave_IO_Running"))
          && "Yes".equals(rs.getString("Slave_SQL_Running"));
    }
  }

  @Override
  Map<String, String> probeTimeouts() {
    return Map.of("connectTimeout", "1000", "socketTimeout", "2000");
  }

  @Test
  void readsLandOnTheReadOnlyReplicaAndWritesOnThePrimary() throws SQLException {
    cluster = Cluster.start(cluster("maria-basic").build());

    assertThat(cluster.dialect()).isSameAs(DatabaseType.MYSQL.dialect());
    assertThat(read(cluster, READ_ONLY)).isEqualTo("1");
    String onWrite = cluster.write(c -> query(c, READ_ONLY));
    assertThat(onWrite).isEqualTo("0");
    log(String.valueOf(cluster.hostStats().get(1).lastLag()));
    assertThat(cluster.hostStats().get(1).lastLag().time()).isNotNull();
  }

  @Test
  void aReplicaStoppedUnderLoadIsExcludedAndReadmittedWhenItStarts() throws Exception {
    assertThat(stopTheReplicaUnderLoad("maria-outage")).as("reads served by the primary")
        .isPositive();
  }

  @Test
  void aReplicaBehindByMasterDelayIsExcludedUntilItCatchesUp() throws Exception {
    makeTheReplicaLag("maria-lag");
  }

  /**
   * A replica without {@code read_only} reports itself writable; the primary, reached through
   * the fault driver, fails one health check. Writes must stay on the primary: one failed check
   * is no evidence for a failover. {@code read_only} is set back on afterwards.
   */
  @Test
  void aWritableReplicaDoesNotTakeWritesWhenThePrimaryFailsOneCheck() throws Exception {
    String faultUrl = "jdbc:cenote-fault:" + primary.jdbcUrl().substring("jdbc:".length());
    FaultPlan primaryLink = FaultDriver.plan(faultUrl);
    WriterChanges changes = new WriterChanges();
    setReplicaReadOnly(false);
    try {
      cluster = Cluster.start(ClusterConfig.builder("maria-split")
          .primary(pool("maria-split-primary", faultUrl, primary).toBuilder()
              .validationBypassWindow(Duration.ZERO).build()) // pre-ping after the reset
          .replica(pool("maria-split-replica", replica))
          .listener(changes)
          .healthCheckInterval(Duration.ofHours(1)).build());
      String primaryId = cluster.write(c -> query(c, SERVER_ID));
      assertThat(cluster.hostStats().get(1).reportedRole()).as("the replica without read_only")
          .isEqualTo(ServerRole.PRIMARY);

      primaryLink.down().restart();
      cluster.checkNow();
      primaryLink.up();
      HostStats failed = cluster.hostStats().get(0);
      String afterFailedCheck = cluster.write(c -> query(c, SERVER_ID));
      cluster.checkNow();
      String afterNextCheck = cluster.write(c -> query(c, SERVER_ID));

      log("split brain guard: primary server_id " + primaryId + "; after one failed check ("
          + failed.exclusion() + ": " + failed.detail() + ") writes went to server_id "
          + afterFailedCheck + ", after the next check to " + afterNextCheck);
      assertThat(failed.exclusion()).isEqualTo(ExclusionReason.DOWN);
      assertThat(afterFailedCheck).isEqualTo(primaryId);
      assertThat(afterNextCheck).isEqualTo(primaryId);
      assertThat(changes.changes).as("writer changes").isEmpty();
    } finally {
      primaryLink.reset();
      setReplicaReadOnly(true);
    }
  }

  /** Counts writer changes. */
  private static final class WriterChanges implements RouterListener {
    final List<String> changes = new CopyOnWriteArrayList<>();

    @Override
    public void onWriterChanged(String cluster, String from, String to) {
      changes.add(from + " -> " + to);
    }
  }

  /**
   * Sets {@code read_only} on the replica through the {@code mariadb} client and the replica's
   * option file from {@code scripts/db.sh} (a socket login as the OS account); the test is
   * skipped where that is not possible (a Testcontainers server, another OS account).
   */
  private static void setReplicaReadOnly(boolean on) throws IOException, InterruptedException {
    String base = System.getenv().getOrDefault("CENOTE_DB_BASE", DEFAULT_DB_BASE);
    Path options = Path.of(base, "mariadb", "replica.cnf");
    assumeTrue(Files.isReadable(options), "no option file " + options + " from scripts/db.sh");
    Process client = new ProcessBuilder("mariadb", "--defaults-file=" + options, "-e",
        "SET GLOBAL read_only = " + (on ? "ON" : "OFF")).redirectErrorStream(true).start();
    String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean done = client.waitFor(30, TimeUnit.SECONDS) && client.exitValue() == 0;
    assumeTrue(done, "cannot set read_only on the replica: " + output.trim());
  }

  @Test
  void theLazyDataSourceRoutesBySetReadOnly() throws SQLException {
    cluster = Cluster.start(cluster("maria-lazy").build());
    DataSource ds = cluster.dataSource();

    try (Connection c = ds.getConnection()) {
      c.setReadOnly(true);
      assertThat(query(c, READ_ONLY)).isEqualTo("1");
    }
    try (Connection write = ds.getConnection()) {
      write.setAutoCommit(false);
      assertThat(query(write, READ_ONLY)).isEqualTo("0");
      try (Connection read = ds.getConnection()) {
        read.setReadOnly(true);
        assertThat(query(read, READ_ONLY)).isEqualTo("0");
      }
      write.commit();
    }
  }
}
