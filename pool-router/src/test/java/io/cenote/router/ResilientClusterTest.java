package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.AcquireTimeoutException;
import io.cenote.pool.PoolConfig;
import io.cenote.resilience.BreakerSettings;
import io.cenote.resilience.BreakerState;
import io.cenote.resilience.FailureKind;
import io.cenote.resilience.Idempotent;
import io.cenote.resilience.Resilience;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.resilience.SqlFailureClassifier;
import io.cenote.router.ResilienceTestSupport.Recorder;
import io.cenote.router.RouterTestSupport.ScriptedDialect;
import io.cenote.testkit.ManualClock;
import io.cenote.testkit.fault.FaultConnection;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultTrigger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Breakers per host inside a cluster of stub servers; health checks run only on demand. */
class ResilientClusterTest {

  private final PoolConfig primary = stub("rc-primary");
  private final PoolConfig replica1 = stub("rc-replica-1");
  private final PoolConfig replica2 = stub("rc-replica-2");
  private final ManualClock clock = new ManualClock();
  private final Recorder events = new Recorder();
  private Cluster cluster;
  private Resilience resilience;

  @BeforeEach
  void start() {
    cluster = Cluster.start(ClusterConfig.builder("rc")
        .primary(primary).replica(replica1).replica(replica2)
        .dialect(new ScriptedDialect().role(primary, ServerRole.PRIMARY)
            .role(replica1, ServerRole.REPLICA).role(replica2, ServerRole.REPLICA)).healthCheckInterval(Duration.ofHours(1))
        .resilience(ResilienceConfig.builder()
            .breaker(BreakerSettings.builder().slidingWindowSize(2).minimumNumberOfCalls(2)
                .waitDurationInOpenState(Duration.ofSeconds(5)).build())
            .initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(5))
            .probeInterval(Duration.ofHours(1)).clock(clock).listener(events).build())
        .build());
    resilience = cluster.resilience().orElseThrow();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  /** A small pool on its own stub server that starts even when the server is down. */
  private static PoolConfig stub(String name) {
    return RouterTestSupport.stub(name).toBuilder().minIdle(0)
        .acquireTimeout(Duration.ofMillis(100))
        .initializationFailTimeout(Duration.ofSeconds(-1))
        .shutdownGracePeriod(Duration.ofMillis(100)).build();
  }

  private static int selectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String server(Connection c) throws SQLException {
    selectOne(c);
    return c.unwrap(FaultConnection.class).plan().key();
  }

  private static String key(PoolConfig config) {
    return FaultDriver.plan(config.jdbcUrl()).key();
  }

  @Test
  void aDeadReplicaOpensOnlyItsOwnBreakerAndProbesReadmitIt() throws SQLException {
    FaultDriver.plan(replica1.jdbcUrl()).failStatements(FaultTrigger.once(), "08006", "reset");

    Set<String> servers = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      servers.add(cluster.read(ResilientClusterTest::server));
    }

    assertThat(resilience.state("rc-replica-1")).isEqualTo(BreakerState.OPEN);
    assertThat(resilience.state("rc-primary")).isEqualTo(BreakerState.CLOSED);
    assertThat(resilience.state("rc-replica-2")).isEqualTo(BreakerState.CLOSED);
    cluster.checkNow(); // the replica passes its health check, but its breaker is open
    assertThat(cluster.hostStats().get(1).exclusion()).isEqualTo(ExclusionReason.CIRCUIT_OPEN);
    for (int i = 0; i < 10; i++) {
      assertThat(cluster.read(ResilientClusterTest::server)).isEqualTo(key(replica2));
    }

    clock.advance(Duration.ofSeconds(5));
    resilience.probeNow();

    assertThat(resilience.state("rc-replica-1")).isEqualTo(BreakerState.CLOSED);
    assertThat(cluster.hostStats().get(1).healthy()).isTrue();
    servers.clear();
    for (int i = 0; i < 10; i++) {
      servers.add(cluster.read(ResilientClusterTest::server));
    }
    assertThat(servers).containsExactlyInAnyOrder(key(replica1), key(replica2));
  }

  @Test
  void anOpenPrimaryBreakerFailsWritesFastWhileReadsGoOn() throws SQLException {
    FaultDriver.plan(primary.jdbcUrl()).failStatements(FaultTrigger.always(), "08006", "reset");
    assertThatThrownBy(() -> cluster.write(ResilientClusterTest::server))
        .isInstanceOf(SQLException.class);
    assertThat(resilience.state("rc-primary")).isEqualTo(BreakerState.OPEN);
    long borrowsBefore = cluster.primary().stats().acquired();

    assertThatThrownBy(() -> cluster.write(Idempotent.YES, ResilientClusterTest::server))
        .isInstanceOf(SQLTransientConnectionException.class)
        .hasMessageContaining("'rc-primary' is OPEN")
        .satisfies(e -> assertThat(SqlFailureClassifier.standard().classify(e))
            .isEqualTo(FailureKind.BREAKER_OPEN));
    assertThatThrownBy(cluster::writeConnection)
        .isInstanceOf(SQLTransientConnectionException.class);
    assertThat(cluster.primary().stats().acquired()).isEqualTo(borrowsBefore);
    assertThat(cluster.read(ResilientClusterTest::server)).isNotEqualTo(key(primary));
    assertThat(cluster.resilienceStats().get(0).failFasts()).isEqualTo(2);
    assertThat(events.events).contains("rc-primary fail-fast OPEN");

    FaultDriver.plan(primary.jdbcUrl()).reset();
    clock.advance(Duration.ofSeconds(5));
    resilience.probeNow();

    assertThat(resilience.state("rc-primary")).isEqualTo(BreakerState.CLOSED);
    assertThat(cluster.write(ResilientClusterTest::server)).isEqualTo(key(primary));
  }

  /** Borrows every connection the primary's pool may open, through the cluster's writes. */
  private List<Connection> exhaustPrimary() throws SQLException {
    List<Connection> held = new ArrayList<>();
    for (int i = 0; i < primary.maxSize(); i++) {
      held.add(cluster.writeConnection());
    }
    return held;
  }

  private static void release(List<Connection> held) throws SQLException {
    for (Connection c : held) {
      c.close();
    }
  }

  @Test
  void aSaturatedReplicaDoesNotTripItsBreakerAndReadsGoOn() throws SQLException {
    List<Connection> held = RouterTestSupport.holdReads(cluster, replica1, replica1.maxSize());
    try {
      for (int i = 0; i < 10; i++) {
        assertThat(cluster.read(ResilientClusterTest::server)).isNotEqualTo(key(replica1));
      }
    } finally {
      release(held);
    }

    assertThat(cluster.pools().get(1).stats().timeouts()).isPositive(); // it was tried
    assertThat(resilience.state("rc-replica-1")).isEqualTo(BreakerState.CLOSED);
    assertThat(cluster.resilienceStats().get(1).failedCalls()).isZero();
  }

  @Test
  void aWriteToASaturatedPrimaryIsNotRetriedNorCounted() throws SQLException {
    List<Connection> held = exhaustPrimary();
    try {
      assertThatThrownBy(() -> cluster.write(Idempotent.YES, ResilientClusterTest::server))
          .isInstanceOf(AcquireTimeoutException.class);
    } finally {
      release(held);
    }

    assertThat(cluster.primary().stats().timeouts()).isEqualTo(1);
    assertThat(resilience.state("rc-primary")).isEqualTo(BreakerState.CLOSED);
    assertThat(cluster.resilienceStats().get(0).failedCalls()).isZero();
    assertThat(cluster.write(ResilientClusterTest::server)).isEqualTo(key(primary));
  }

  @Test
  void readsSkipAReplicaWhoseBreakerRefusesAtBorrowTime() throws SQLException {
    FaultDriver.plan(replica1.jdbcUrl()).failStatements(FaultTrigger.once(), "08006", "reset");
    cluster.read(ResilientClusterTest::server);
    cluster.read(ResilientClusterTest::server);
    assertThat(resilience.state("rc-replica-1")).isEqualTo(BreakerState.OPEN);

    for (int i = 0; i < 20; i++) {
      assertThat(cluster.read(ResilientClusterTest::server)).isNotEqualTo(key(replica1));
    }
    try (Connection c = cluster.readConnection()) {
      assertThat(server(c)).isNotEqualTo(key(replica1));
    }
  }
}
