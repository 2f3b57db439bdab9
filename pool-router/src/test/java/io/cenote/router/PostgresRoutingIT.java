package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The router against the PostgreSQL primary and its streaming replica: where reads and writes
 * land, strategy distributions, a replica stopped under load, replication lag, read-your-writes
 * and the lazy DataSource. Servers are always restored afterwards.
 */
class PostgresRoutingIT extends ReplicaPairTests {

  private static final String IN_RECOVERY = "SELECT pg_is_in_recovery()";

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.POSTGRESQL) DatabaseTarget p,
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.REPLICA)
          DatabaseTarget r) throws SQLException {
    useServers(p, r);
  }

  @Override
  String roleQuery() {
    return IN_RECOVERY;
  }

  @Override
  String onReplica() {
    return "t";
  }

  @Override
  String onPrimary() {
    return "f";
  }

  @Override
  PoolConfig.Builder withDriverTimeouts(PoolConfig.Builder builder) {
    return builder.driverProperty("connectTimeout", "2").driverProperty("socketTimeout", "10");
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
    log(String.valueOf(cluster.hostStats().get(1)));
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
    log(String.format("LEAST_LOADED with 8 of r1's 16 connections held:"
        + " r1=%d r2=%d", cluster.hostStats().get(1).readsRouted(),
        cluster.hostStats().get(2).readsRouted()));
    assertThat(cluster.hostStats().get(1).readsRouted()).isZero();
    assertThat(cluster.hostStats().get(2).readsRouted()).isEqualTo(1_000);
  }

  @Test
  void aReplicaStoppedUnderLoadIsExcludedAndReadmittedWhenItStarts() throws Exception {
    assertThat(stopTheReplicaUnderLoad("pg-outage")).as("reads served by the primary")
        .isPositive();
  }

  @Test
  void aLaggingReplicaIsExcludedUntilItCatchesUp() throws Exception {
    makeTheReplicaLag("pg-lag");
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
