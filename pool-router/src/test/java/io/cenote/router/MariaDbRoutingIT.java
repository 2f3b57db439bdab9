package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The router against the MariaDB primary and its read-only GTID replica through
 * mysql-connector-j: placement, a replica stopped under load, {@code MASTER_DELAY} lag and the
 * lazy DataSource. Servers are always restored afterwards.
 */
class MariaDbRoutingIT {

  private static final String READ_ONLY = "SELECT @@global.read_only";

  private DatabaseTarget primary;
  private DatabaseTarget replica;
  private String table;
  private Cluster cluster;
  private boolean stopped;
  private boolean delayed;

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.MARIADB) DatabaseTarget p,
      @Database(engine = DatabaseEngine.MARIADB, role = DatabaseRole.REPLICA) DatabaseTarget r)
      throws SQLException {
    primary = p;
    replica = r;
    table = "router_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4);
    Sql.execute(primary, "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v TEXT)");
  }

  @AfterEach
  void restore() throws SQLException {
    if (cluster != null) {
      cluster.close();
    }
    if (replica != null) {
      if (stopped) {
        replica.server().start();
      }
      if (delayed) {
        replica.server().setReplicationDelay(Duration.ZERO);
      }
    }
    if (primary != null) {
      Sql.execute(primary, "DROP TABLE IF EXISTS " + table);
    }
  }

  private PoolConfig pool(String name, DatabaseTarget target) {
    return PoolConfig.builder()
        .poolName(name)
        .jdbcUrl(target.jdbcUrl())
        .username(target.user())
        .password(target.password())
        .minIdle(2)
        .maxSize(16)
        .acquireTimeout(Duration.ofSeconds(1))
        .driverProperty("connectTimeout", "2000")
        .driverProperty("socketTimeout", "10000")
        .registerMbean(false)
        .build();
  }

  private Cluster.Builder cluster(String name) {
    return Cluster.builder(name)
        .primary(pool(name + "-primary", primary))
        .replica(pool(name + "-replica", replica));
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String read(Cluster on, String sql) throws SQLException {
    return on.read(c -> query(c, sql));
  }

  @Test
  void readsLandOnTheReadOnlyReplicaAndWritesOnThePrimary() throws SQLException {
    cluster = cluster("maria-basic").build();

    assertThat(cluster.dialect()).isSameAs(DatabaseType.MYSQL.dialect());
    assertThat(read(cluster, READ_ONLY)).isEqualTo("1");
    String onWrite = cluster.write(c -> query(c, READ_ONLY));
    assertThat(onWrite).isEqualTo("0");
    System.out.println("[MariaDbRoutingIT] " + cluster.hostStats().get(1).lastLag());
    assertThat(cluster.hostStats().get(1).lastLag().time()).isNotNull();
  }

  @Test
  void aReplicaStoppedUnderLoadIsExcludedAndReadmittedWhenItStarts() throws Exception {
    TimingListener timing = new TimingListener();
    cluster = cluster("maria-outage").listener(timing).build();
    String host = "maria-outage-replica";
    ReadLoad load = new ReadLoad(cluster, 16, READ_ONLY);
    try {
      TimingListener.await("the replica serves reads", 10_000, () -> load.answered("1") > 500);

      long stopBegan = System.nanoTime();
      stopped = true;
      replica.server().stop();
      long stopEnded = System.nanoTime();
      TimingListener.await("the replica is excluded", 5_000,
          () -> timing.excludedAt.containsKey(host));
      long primaryReads = load.answered("0");
      TimingListener.await("reads fall back to the primary", 5_000,
          () -> load.answered("0") > primaryReads + 500);

      long startBegan = System.nanoTime();
      replica.server().start();
      stopped = false;
      long startEnded = System.nanoTime();
      TimingListener.await("the replica is re-admitted", 5_000,
          () -> timing.readmittedAt.containsKey(host));
      long replicaReads = load.answered("1");
      TimingListener.await("reads return to the replica", 5_000,
          () -> load.answered("1") > replicaReads + 500);
      load.stop();

      long excludedMs = (timing.excludedAt.get(host) - stopBegan) / 1_000_000;
      long readmittedMs = (timing.readmittedAt.get(host) - startEnded) / 1_000_000;
      System.out.println(String.format("[MariaDbRoutingIT] replica stop under 16 readers: stop() took %d ms,"
          + " excluded %d ms after stop() began; start() took %d ms, re-admitted %d ms after"
          + " it returned; %d reads, %d failed; fallbacks to primary %d",
          (stopEnded - stopBegan) / 1_000_000, excludedMs,
          (startEnded - startBegan) / 1_000_000, readmittedMs, load.reads.sum(),
          load.failures.size(), cluster.hostStats().get(0).fallbacks()));
      timing.log.forEach(line -> System.out.println("[MariaDbRoutingIT]   " + line));
      assertThat(load.failures).as("failed reads").isEmpty();
      assertThat(readmittedMs).isLessThan(2_000);
    } finally {
      load.stop();
    }
  }

  @Test
  void aReplicaBehindByMasterDelayIsExcludedUntilItCatchesUp() throws Exception {
    cluster = cluster("maria-lag").maxReplicationLag(Duration.ofSeconds(1)).build();
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer = new Thread(() -> {
      long id = 0;
      while (writing.get()) {
        try {
          Sql.update(primary, "INSERT INTO " + table + " VALUES (?, 'x')", ++id);
          Thread.sleep(50);
        } catch (SQLException | InterruptedException e) {
          return;
        }
      }
    }, "maria-lag-writer");
    writer.start();
    try {
      long set = System.nanoTime();
      delayed = true;
      replica.server().setReplicationDelay(Duration.ofSeconds(3));
      TimingListener.await("the replica is excluded as lagging", 20_000,
          () -> cluster.hostStats().get(1).exclusion() == ExclusionReason.LAGGING);
      long excludedMs = (System.nanoTime() - set) / 1_000_000;
      String detail = cluster.hostStats().get(1).detail();
      assertThat(read(cluster, READ_ONLY)).as("reads go to the primary").isEqualTo("0");

      long cleared = System.nanoTime();
      replica.server().setReplicationDelay(Duration.ZERO);
      delayed = false;
      TimingListener.await("the replica is re-admitted", 20_000,
          () -> cluster.hostStats().get(1).healthy());
      System.out.println(String.format("[MariaDbRoutingIT] lag: excluded %d ms after MASTER_DELAY=3 was set"
          + " (%s); re-admitted %d ms after it was cleared", excludedMs, detail,
          (System.nanoTime() - cleared) / 1_000_000));
    } finally {
      writing.set(false);
      writer.join(10_000);
    }
  }

  @Test
  void theLazyDataSourceRoutesBySetReadOnly() throws SQLException {
    cluster = cluster("maria-lazy").build();
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
