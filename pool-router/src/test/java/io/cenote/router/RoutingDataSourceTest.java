package io.cenote.router;

import static io.cenote.router.RouterTestSupport.keyOf;
import static io.cenote.router.RouterTestSupport.serverOf;
import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.fault.FaultConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lazy DataSource view: routing by setReadOnly at first use, and state replay. */
class RoutingDataSourceTest {

  private final PoolConfig primary = stub("lazy-primary");
  private final PoolConfig replica = stub("lazy-replica");
  private Cluster cluster;
  private DataSource ds;

  @BeforeEach
  void start() {
    cluster = Cluster.start(ClusterConfig.builder("lazy").primary(primary).replica(replica)
        .databaseType(DatabaseType.SQLITE)
        .healthCheckInterval(Duration.ofHours(1))
        .build());
    ds = cluster.dataSource();
  }

  @AfterEach
  void close() {
    cluster.close();
  }

  private int active() {
    return cluster.pools().stream().mapToInt(p -> p.stats().active()).sum();
  }

  @Test
  void aSpringReadOnlyTransactionRunsOnAReplicaWithItsStateReplayed() throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      assertThat(c.getAutoCommit()).isTrue();
      c.setAutoCommit(false);
      assertThat(active()).as("nothing is borrowed before first use").isZero();

      try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
      }

      FaultConnection physical = c.unwrap(FaultConnection.class);
      assertThat(physical.plan().key()).isEqualTo(keyOf(replica));
      assertThat(physical.isReadOnly()).isTrue();
      assertThat(physical.getAutoCommit()).isFalse();
      assertThat(physical.getTransactionIsolation())
          .isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
      c.commit();
      c.setAutoCommit(true);
      c.setReadOnly(false);
      assertThat(serverOf(c)).as("once bound, it stays bound").isEqualTo(keyOf(replica));
    }
    assertThat(active()).isZero();
  }

  @Test
  void withoutReadOnlyItGoesToThePrimary() throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setSchema("app");
      c.setCatalog("appdb");
      c.prepareStatement("SELECT 1").close();
      FaultConnection physical = c.unwrap(FaultConnection.class);
      assertThat(physical.plan().key()).isEqualTo(keyOf(primary));
      assertThat(physical.getSchema()).isEqualTo("app");
      assertThat(physical.getCatalog()).isEqualTo("appdb");
    }
  }

  @Test
  void commitAndRollbackOfAnUnusedConnectionBorrowNothing() throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      c.commit();
      c.rollback();
      assertThat(c.isReadOnly()).isTrue();
      assertThat(c.getAutoCommit()).isFalse();
      assertThat(c.isValid(1)).isTrue();
      assertThat((Object) c.getWarnings()).isNull();
      assertThat(c.toString()).contains("unbound");
    }
    for (HostStats h : cluster.hostStats()) {
      assertThat(h.readsRouted() + h.writesRouted()).as(h.name()).isZero();
    }
  }

  @Test
  void aReadOnlyConnectionInsideAWriteTransactionStaysOnThePrimary() throws SQLException {
    try (Connection write = ds.getConnection()) {
      write.setAutoCommit(false);
      write.createStatement().close();
      assertThat(serverOf(write)).isEqualTo(keyOf(primary));

      try (Connection read = ds.getConnection()) {
        read.setReadOnly(true);
        assertThat(serverOf(read)).isEqualTo(keyOf(primary));
      }
      write.commit();
    }
    try (Connection read = ds.getConnection()) {
      read.setReadOnly(true);
      assertThat(serverOf(read)).isEqualTo(keyOf(replica));
    }
  }

  @Test
  void aClosedConnectionRefusesUseAndClosingTwiceIsHarmless() throws SQLException {
    Connection c = ds.getConnection();
    c.createStatement().close();
    c.close();
    c.close();

    assertThat(c.isClosed()).isTrue();
    assertThatThrownBy(c::createStatement)
        .isInstanceOf(SQLException.class)
        .hasMessage("connection is closed")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
    assertThat(active()).isZero();
  }

  @Test
  void gettersOfUnrecordedStateBindToAnswer() throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(true);
      assertThat(c.getHoldability()).isPositive();
      assertThat(serverOf(c)).isEqualTo(keyOf(replica));
    }
  }

  @Test
  void theDataSourceUnwrapsOnlyToItself() throws SQLException {
    assertThat(ds.isWrapperFor(DataSource.class)).isTrue();
    assertThatThrownBy(() -> ds.unwrap(String.class)).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> ds.getConnection("u", "p"))
        .hasMessageContaining("cluster 'lazy'");
  }
}
