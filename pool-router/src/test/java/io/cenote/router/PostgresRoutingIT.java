package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The router against the PostgreSQL primary and its streaming replica: where reads and writes
 * land, strategy distributions, a replica stopped under load, replication lag, read-your-writes
 * and the lazy DataSource. Servers are always restored afterwards.
 */
class PostgresRoutingIT {

  private static final String IN_RECOVERY = "SELECT pg_is_in_recovery()";

  private DatabaseTarget primary;
  private DatabaseTarget replica;
  private String table;
  private Cluster cluster;
  private boolean stopped;
  private boolean delayed;

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.POSTGRESQL) DatabaseTarget p,
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.REPLICA)
          DatabaseTarget r) throws SQLException {
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
        .driverProperty("connectTimeout", "2")
        .driverProperty("socketTimeout", "10")
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

  private static String write(Cluster on, String sql) throws SQLException {
    return on.write(c -> query(c, sql));
  }

  @Test
  void readsLandOnTheReplicaAndWritesOnThePrimary() throws SQLException {
    cluster = cluster("pg-basic").build();

    assertThat(read(cluster, IN_RECOVERY)).isEqualTo("t");
    assertThat(write(cluster, IN_RECOVERY)).isEqualTo("f");
    try (Connection c = cluster.readConnection()) {
      assertThat(query(c, IN_RECOVERY)).isEqualTo("t");
    }
    assertThat(cluster.hostStats().get(1).lastLag()).isNotNull();
    System.out.println("[PostgresRoutingIT] " + cluster.hostStats().get(1));
  }

  @Test
  void strategiesSpreadTenThousandReads() throws SQLException {
    for (Strategy strategy : List.of(Strategy.ROUND_ROBIN, Strategy.RANDOM)) {
      try (Cluster c = Cluster.builder("pg-" + strategy).strategy(strategy)
          .primary(pool("pg-" + strategy + "-primary", primary))
          .replica(pool("pg-" + strategy + "-r1", replica))
          .replica(pool("pg-" + strategy + "-r2", replica)).build()) {
        for (int i = 0; i < 10_000; i++) {
          assertThat(read(c, IN_RECOVERY)).isEqualTo("t");
        }
        long r1 = c.hostStats().get(1).readsRouted();
        long r2 = c.hostStats().get(2).readsRouted();
        System.out.println(String.format("[PostgresRoutingIT] %s over 10000 reads: r1=%d r2=%d", strategy,
            r1, r2));
        if (strategy == Strategy.ROUND_ROBIN) {
          assertThat(r1).isEqualTo(5_000);
          assertThat(r2).isEqualTo(5_000);
        } else {
          assertThat(r1).isBetween(4_600L, 5_400L);
          assertThat(r1 + r2).isEqualTo(10_000);
        }
      }
    }
  }

  @Test
  void leastLoadedAvoidsTheBusyReplica() throws SQLException {
    cluster = Cluster.builder("pg-ll").strategy(Strategy.LEAST_LOADED)
        .primary(pool("pg-ll-primary", primary))
        .replica(pool("pg-ll-r1", replica))
        .replica(pool("pg-ll-r2", replica)).build();
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        held.add(cluster.pools().get(1).getConnection());
      }
      for (int i = 0; i < 1_000; i++) {
        assertThat(read(cluster, IN_RECOVERY)).isEqualTo("t");
      }
    } finally {
      for (Connection c : held) {
        c.close();
      }
    }
    System.out.println(String.format("[PostgresRoutingIT] LEAST_LOADED with 8 of r1's 16 connections held:"
        + " r1=%d r2=%d", cluster.hostStats().get(1).readsRouted(),
        cluster.hostStats().get(2).readsRouted()));
    assertThat(cluster.hostStats().get(1).readsRouted()).isZero();
    assertThat(cluster.hostStats().get(2).readsRouted()).isEqualTo(1_000);
  }

  @Test
  void aReplicaStoppedUnderLoadIsExcludedAndReadmittedWhenItStarts() throws Exception {
    TimingListener timing = new TimingListener();
    cluster = cluster("pg-outage").listener(timing).build();
    String host = "pg-outage-replica";
    ReadLoad load = new ReadLoad(cluster, 16, IN_RECOVERY);
    try {
      TimingListener.await("the replica serves reads", 10_000, () -> load.answered("t") > 500);

      long stopBegan = System.nanoTime();
      stopped = true;
      replica.server().stop();
      long stopEnded = System.nanoTime();
      TimingListener.await("the replica is excluded", 5_000,
          () -> timing.excludedAt.containsKey(host));
      long primaryReads = load.answered("f");
      TimingListener.await("reads fall back to the primary", 5_000,
          () -> load.answered("f") > primaryReads + 500);

      long startBegan = System.nanoTime();
      replica.server().start();
      stopped = false;
      long startEnded = System.nanoTime();
      TimingListener.await("the replica is re-admitted", 5_000,
          () -> timing.readmittedAt.containsKey(host));
      long replicaReads = load.answered("t");
      TimingListener.await("reads return to the replica", 5_000,
          () -> load.answered("t") > replicaReads + 500);
      load.stop();

      long excludedMs = (timing.excludedAt.get(host) - stopBegan) / 1_000_000;
      long readmittedMs = (timing.readmittedAt.get(host) - startEnded) / 1_000_000;
      System.out.println(String.format("[PostgresRoutingIT] replica stop under 16 readers: stop() took %d ms,"
          + " excluded %d ms after stop() began; start() took %d ms, re-admitted %d ms after"
          + " it returned; %d reads, %d failed; fallbacks to primary %d",
          (stopEnded - stopBegan) / 1_000_000, excludedMs,
          (startEnded - startBegan) / 1_000_000, readmittedMs, load.reads.sum(),
          load.failures.size(), cluster.hostStats().get(0).fallbacks()));
      timing.log.forEach(line -> System.out.println("[PostgresRoutingIT]   " + line));
      assertThat(load.failures).as("failed reads").isEmpty();
      assertThat(readmittedMs).isLessThan(2_000);
      assertThat(cluster.hostStats().get(0).fallbacks()).isPositive();
    } finally {
      load.stop();
    }
  }

  @Test
  void aLaggingReplicaIsExcludedUntilItCatchesUp() throws Exception {
    TimingListener timing = new TimingListener();
    cluster = cluster("pg-lag").maxReplicationLag(Duration.ofSeconds(1)).listener(timing)
        .build();
    String host = "pg-lag-replica";
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer = new Thread(() -> {
      // recovery_min_apply_delay delays only commits: without writes there is nothing to delay
      long id = 0;
      while (writing.get()) {
        try {
          Sql.update(primary, "INSERT INTO " + table + " VALUES (?, 'x')", ++id);
          Thread.sleep(50);
        } catch (SQLException | InterruptedException e) {
          return;
        }
      }
    }, "pg-lag-writer");
    writer.start();
    try {
      long delayed0 = System.nanoTime();
      delayed = true;
      replica.server().setReplicationDelay(Duration.ofSeconds(3));
      TimingListener.await("the replica is excluded as lagging", 20_000,
          () -> cluster.hostStats().get(1).exclusion() == ExclusionReason.LAGGING);
      long excludedMs = (System.nanoTime() - delayed0) / 1_000_000;
      ReplicationLag lag = cluster.hostStats().get(1).lastLag();
      assertThat(read(cluster, IN_RECOVERY)).as("reads go to the primary")
          .isEqualTo("f");

      long cleared = System.nanoTime();
      replica.server().setReplicationDelay(Duration.ZERO);
      delayed = false;
      TimingListener.await("the replica is re-admitted", 20_000,
          () -> cluster.hostStats().get(1).healthy());
      long readmittedMs = (System.nanoTime() - cleared) / 1_000_000;
      System.out.println(String.format("[PostgresRoutingIT] lag: excluded %d ms after a 3 s apply delay was"
          + " set (lag then: %s); re-admitted %d ms after it was cleared", excludedMs,
          lag.detail(), readmittedMs));
      assertThat(read(cluster, IN_RECOVERY)).isEqualTo("t");
    } finally {
      writing.set(false);
      writer.join(10_000);
    }
  }

  @Test
  void aSessionAlwaysReadsItsOwnWrites() throws SQLException {
    cluster = cluster("pg-ryw").readYourWritesWindow(Duration.ofSeconds(2)).build();

    for (int i = 0; i < 300; i++) {
      long id = i;
      cluster.write(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
            + " VALUES (?, 'ryw')")) {
          ps.setLong(1, id);
          return ps.executeUpdate();
        }
      });
      String seen = read(cluster, "SELECT count(*) FROM " + table + " WHERE id = " + id);
      assertThat(seen).as("row %d read right after writing it", id).isEqualTo("1");
    }
    assertThat(cluster.hostStats().get(1).readsRouted()).isZero();
  }

  @Test
  void theLazyDataSourceRoutesBySetReadOnlyAndKeepsTransactionsOnThePrimary()
      throws SQLException {
    cluster = cluster("pg-lazy").build();
    DataSource ds = cluster.dataSource();

    try (Connection c = ds.getConnection()) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      assertThat(query(c, IN_RECOVERY)).isEqualTo("t");
      c.commit();
    }
    try (Connection c = ds.getConnection()) {
      assertThat(query(c, IN_RECOVERY)).isEqualTo("f");
    }
    try (Connection write = ds.getConnection()) {
      write.setAutoCommit(false);
      try (Statement s = write.createStatement()) {
        s.executeUpdate("INSERT INTO " + table + " VALUES (1, 'tx')");
      }
      try (Connection read = ds.getConnection()) {
        read.setReadOnly(true);
        assertThat(query(read, IN_RECOVERY)).as("a read inside a write transaction")
            .isEqualTo("f");
      }
      assertThat(read(cluster, IN_RECOVERY)).isEqualTo("f");
      write.commit();
    }
    assertThat(read(cluster, IN_RECOVERY)).isEqualTo("t");
  }
}
