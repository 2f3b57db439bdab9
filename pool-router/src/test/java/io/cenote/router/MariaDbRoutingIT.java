package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import java.sql.Connection;
import java.sql.SQLException;
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

  @Test
  void readsLandOnTheReadOnlyReplicaAndWritesOnThePrimary() throws SQLException {
    cluster = cluster("maria-basic").build();

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
