package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.net.Direction;
import io.cenote.testkit.net.NetworkFaultProxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The router against the PostgreSQL primary and its streaming replica: where reads and writes
 * land, strategy distributions, a replica stopped under load, replication lag, read-your-writes
 * and the lazy DataSource. Servers are always restored afterwards.
 */
class PostgresRoutingIT extends PostgresPairTests {

  /** The default health-check timeout. */
  private static final long CHECK_TIMEOUT_MILLIS = 1_000;
  /** A lag limit the last commit outgrows while the replica is down. */
  private static final Duration IDLE_LAG_LIMIT = Duration.ofSeconds(1);

  private static String write(Cluster on, String sql) throws SQLException {
    return on.write(c -> query(c, sql));
  }

  @Test
  void readsLandOnTheReplicaAndWritesOnThePrimary() throws SQLException {
    cluster = Cluster.start(cluster("pg-basic").build());

    assertThat(read(cluster, IN_RECOVERY)).isEqualTo("t");
    assertThat(write(cluster, IN_RECOVERY)).isEqualTo("f");
    try (Connection c = cluster.readConnection()) {
      assertThat(query(c, IN_RECOVERY)).isEqualTo("t");
    }
    assertThat(cluster.hostStats().get(1).lastLag()).isNotNull();
    log(String.valueOf(cluster.hostStats().get(1)));
  }

  @Test
  void strategiesSpreadTenThousandReads() throws SQLException {
    for (Strategy strategy : List.of(Strategy.ROUND_ROBIN, Strategy.RANDOM)) {
      try (Cluster c = Cluster.start(ClusterConfig.builder("pg-" + strategy).strategy(strategy)
          .primary(pool("pg-" + strategy + "-primary", primary))
          .replica(pool("pg-" + strategy + "-r1", replica))
          .replica(pool("pg-" + strategy + "-r2", replica)).build())) {
        for (int i = 0; i < 10_000; i++) {
          assertThat(read(c, IN_RECOVERY)).isEqualTo("t");
        }
        long r1 = c.hostStats().get(1).readsRouted();
        long r2 = c.hostStats().get(2).readsRouted();
        log(String.format("%s over 10000 reads: r1=%d r2=%d", strategy,
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
    // reads go to pg-ll-r1 while it is pinned (so the test can make it busy through the
    // cluster, the only way in), then least-loaded decides
    AtomicBoolean pinned = new AtomicBoolean(true);
    ReplicaSelector leastLoaded = ReplicaSelector.leastLoaded();
    ReplicaSelector selector = candidates -> {
      if (pinned.get()) {
        for (int i = 0; i < candidates.size(); i++) {
          if (candidates.get(i).name().equals("pg-ll-r1")) {
            return candidates.get(i);
          }
        }
      }
      return leastLoaded.select(candidates);
    };
    cluster = Cluster.start(ClusterConfig.builder("pg-ll").selector(selector)
        .primary(pool("pg-ll-primary", primary))
        .replica(pool("pg-ll-r1", replica))
        .replica(pool("pg-ll-r2", replica)).build());
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        held.add(cluster.readConnection());
      }
      pinned.set(false);
      assertThat(cluster.pools().get(1).activeCount()).isEqualTo(8);
      for (int i = 0; i < 1_000; i++) {
        assertThat(read(cluster, IN_RECOVERY)).isEqualTo("t");
      }
    } finally {
      for (Connection c : held) {
        c.close();
      }
    }
    log(String.format("LEAST_LOADED with 8 of r1's 16 connections held:"
        + " r1=%d r2=%d", cluster.hostStats().get(1).readsRouted(),
        cluster.hostStats().get(2).readsRouted()));
    assertThat(cluster.hostStats().get(1).readsRouted()).isEqualTo(8); // only the held ones
    assertThat(cluster.hostStats().get(2).readsRouted()).isEqualTo(1_000);
  }

  @Test
  void aReplicaStoppedUnderLoadIsExcludedAndReadmittedWhenItStarts() throws Exception {
    assertThat(stopTheReplicaUnderLoad("pg-outage")).as("reads served by the primary")
        .isPositive();
  }

  /**
   * After a restart PostgreSQL reports the received position as the start of a WAL segment,
   * behind the replayed one, until the primary writes again; with an idle primary the replica
   * has nothing to replay and must not be taken for lagging by the age of its last replayed
   * commit. This test's own CREATE TABLE is that commit, more than the lag limit old by then.
   */
  @Test
  void aReplicaRestartedWhileThePrimaryIsIdleIsReadmittedAsSoonAsItServes() throws Exception {
    TimingListener timing = new TimingListener();
    cluster = Cluster.start(cluster("pg-idle").maxReplicationLag(IDLE_LAG_LIMIT).listener(timing)
        .build());
    try (ReadinessWatch watch = watchReplica()) {
      stopReplica();
      TimingListener.await("the replica is excluded", 10_000,
          () -> timing.excludedAt.containsKey("pg-idle-replica"));
      Thread.sleep(IDLE_LAG_LIMIT.toMillis() * 2); // the last commit is surely older than that
      timing.lagging.clear();

      watch.arm();
      startReplica();
      long servesAt = watch.awaitReady(10_000);
      TimingListener.await("the replica is re-admitted", 20_000,
          () -> timing.readmittedAt.containsKey("pg-idle-replica"));

      long readmittedMs = (timing.readmittedAt.get("pg-idle-replica") - servesAt) / 1_000_000;
      log(String.format("restart on an idle primary: re-admitted %d ms after the replica served"
          + " again; %s", readmittedMs, cluster.hostStats().get(1).detail()));
      assertThat(timing.lagging).as("lagging reports with nothing to replay")
          .noneMatch(report -> report.contains(", 0 bytes,"));
      assertThat(readmittedMs).isLessThan(HEALTH_CHECK_INTERVAL_MILLIS + READMISSION_SLACK_MILLIS);
    }
  }

  /**
   * The replica behind a TCP proxy that black-holes it: its socket stays open and nothing comes
   * back, so only timeouts can end the health check. No readers run, so the exclusion is the
   * health check's own; the bound on each check (1 s here) must end it, and once the network
   * heals the next check re-admits it. Times are measured from the fault and from the heal.
   */
  @Test
  void aBlackHoledReplicaIsExcludedByItsCheckAndReadmittedWhenTheNetworkHeals()
      throws Exception {
    try (NetworkFaultProxy proxy = NetworkFaultProxy.forJdbcUrl("pg-replica", replica.jdbcUrl())) {
      TimingListener timing = new TimingListener();
      cluster = Cluster.start(ClusterConfig.builder("pg-hole")
          .primary(pool("pg-hole-primary", primary))
          .replica(pool("pg-hole-replica", proxy.rewrite(replica.jdbcUrl()), replica))
          .listener(timing).build());

      long holed = System.nanoTime();
      proxy.blackHole(Direction.BOTH);
      TimingListener.await("the black-holed replica is excluded", 20_000,
          () -> timing.excludedAt.containsKey("pg-hole-replica"));
      long excludedMs = (timing.excludedAt.get("pg-hole-replica") - holed) / 1_000_000;
      String detail = cluster.hostStats().get(1).detail();

      long healed = System.nanoTime();
      proxy.heal();
      TimingListener.await("the replica is re-admitted", 20_000,
          () -> timing.readmittedAt.containsKey("pg-hole-replica"));
      long readmittedMs = (timing.readmittedAt.get("pg-hole-replica") - healed) / 1_000_000;

      log(String.format("black hole: excluded %d ms after it began (%s); re-admitted %d ms after"
          + " the network healed", excludedMs, detail, readmittedMs));
      assertThat(cluster.hostStats().get(1).healthy()).isTrue();
      assertThat(excludedMs).isLessThan(HEALTH_CHECK_INTERVAL_MILLIS + CHECK_TIMEOUT_MILLIS
          + READMISSION_SLACK_MILLIS);
      assertThat(readmittedMs).isLessThan(HEALTH_CHECK_INTERVAL_MILLIS
          + READMISSION_SLACK_MILLIS);
      assertThat(read(cluster, IN_RECOVERY)).isEqualTo("t");
    }
  }

  @Test
  void aBlackHoledReplicaUnderReadersIsExcludedWhileThePrimarysChecksGoOn() throws Exception {
    blackHoleTheReplicaUnderReaders("pg-bh");
  }

  @Test
  void aLaggingReplicaIsExcludedUntilItCatchesUp() throws Exception {
    makeTheReplicaLag("pg-lag");
  }

  @Test
  void aSessionAlwaysReadsItsOwnWrites() throws SQLException {
    cluster = Cluster.start(cluster("pg-ryw").readYourWritesWindow(Duration.ofSeconds(2)).build());

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
    cluster = Cluster.start(cluster("pg-lazy").build());
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
