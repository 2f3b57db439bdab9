package io.cenote.resilience;

import static io.cenote.resilience.TestSupport.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.AcquireTimeoutException;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.resilience.TestSupport.ManualClock;
import io.cenote.resilience.TestSupport.Recorder;
import io.cenote.router.Cluster;
import io.cenote.router.Dialect;
import io.cenote.router.ExclusionReason;
import io.cenote.router.ReplicationLag;
import io.cenote.router.ServerRole;
import io.cenote.testkit.fault.FaultConnection;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultTrigger;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Breakers per host inside a cluster of stub servers; health checks run only on demand. */
class ResilientClusterTest {

  private final PoolConfig primary = TestSupport.stub("rc-primary").build();
  private final PoolConfig replica1 = TestSupport.stub("rc-replica-1").build();
  private final PoolConfig replica2 = TestSupport.stub("rc-replica-2").build();
  private final ManualClock clock = new ManualClock();
  private final Recorder events = new Recorder();
  private Cluster cluster;
  private Resilience resilience;
  private ResilientCluster resilient;

  @BeforeEach
  void start() {
    cluster = Cluster.builder("rc").primary(primary).replica(replica1).replica(replica2)
        .dialect(new StubDialect(primary)).healthCheckInterval(Duration.ofHours(1)).build();
    resilience = Resilience.of(ResilienceConfig.builder()
        .breaker(BreakerSettings.builder().slidingWindowSize(2).minimumNumberOfCalls(2)
            .waitDurationInOpenState(Duration.ofSeconds(5)).build())
        .initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(5))
        .probeInterval(Duration.ofHours(1)).clock(clock).listener(events).build());
    resilient = resilience.decorate(cluster);
  }

  @AfterEach
  void stop() {
    resilience.close();
    cluster.close();
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
      servers.add(resilient.read(ResilientClusterTest::server));
    }

    assertThat(resilience.state("rc-replica-1")).isEqualTo(BreakerState.OPEN);
    assertThat(resilience.state("rc-primary")).isEqualTo(BreakerState.CLOSED);
    assertThat(resilience.state("rc-replica-2")).isEqualTo(BreakerState.CLOSED);
    cluster.checkNow(); // the replica passes its health check, but its breaker is open
    assertThat(cluster.hostStats().get(1).exclusion()).isEqualTo(ExclusionReason.CIRCUIT_OPEN);
    for (int i = 0; i < 10; i++) {
      assertThat(resilient.read(ResilientClusterTest::server)).isEqualTo(key(replica2));
    }

    clock.advance(Duration.ofSeconds(5));
    resilience.probeNow();

    assertThat(resilience.state("rc-replica-1")).isEqualTo(BreakerState.CLOSED);
    assertThat(cluster.hostStats().get(1).healthy()).isTrue();
    servers.clear();
    for (int i = 0; i < 10; i++) {
      servers.add(resilient.read(ResilientClusterTest::server));
    }
    assertThat(servers).containsExactlyInAnyOrder(key(replica1), key(replica2));
  }

  @Test
  void anOpenPrimaryBreakerFailsWritesFastWhileReadsGoOn() throws SQLException {
    FaultDriver.plan(primary.jdbcUrl()).failStatements(FaultTrigger.always(), "08006", "reset");
    assertThatThrownBy(() -> resilient.write(ResilientClusterTest::server))
        .isInstanceOf(SQLException.class);
    assertThat(resilience.state("rc-primary")).isEqualTo(BreakerState.OPEN);
    long borrowsBefore = cluster.primary().stats().acquired();

    assertThatThrownBy(() -> resilient.writeIdempotent(ResilientClusterTest::server))
        .isInstanceOf(SQLTransientConnectionException.class)
        .hasMessageContaining("'rc-primary' is OPEN")
        .hasCauseInstanceOf(CallNotPermittedException.class);
    assertThatThrownBy(resilient::writeConnection)
        .isInstanceOf(SQLTransientConnectionException.class);
    assertThat(cluster.primary().stats().acquired()).isEqualTo(borrowsBefore);
    assertThat(resilient.read(ResilientClusterTest::server)).isNotEqualTo(key(primary));
    assertThat(resilient.stats().get(0).failFasts()).isEqualTo(2);
    assertThat(events.events).contains("rc-primary fail-fast OPEN");

    FaultDriver.plan(primary.jdbcUrl()).reset();
    clock.advance(Duration.ofSeconds(5));
    resilience.probeNow();

    assertThat(resilience.state("rc-primary")).isEqualTo(BreakerState.CLOSED);
    assertThat(resilient.write(ResilientClusterTest::server)).isEqualTo(key(primary));
  }

  /** Borrows every connection a pool may open, straight from the pool. */
  private static List<Connection> exhaust(ConnectionPool pool) throws SQLException {
    List<Connection> held = new ArrayList<>();
    for (int i = 0; i < pool.config().maxSize(); i++) {
      held.add(pool.getConnection());
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
    List<Connection> held = exhaust(cluster.pools().get(1));
    try {
      for (int i = 0; i < 10; i++) {
        assertThat(resilient.read(ResilientClusterTest::server)).isNotEqualTo(key(replica1));
      }
    } finally {
      release(held);
    }

    assertThat(cluster.pools().get(1).stats().timeouts()).isPositive(); // it was tried
    assertThat(resilience.state("rc-replica-1")).isEqualTo(BreakerState.CLOSED);
    assertThat(resilient.stats().get(1).failedCalls()).isZero();
  }

  @Test
  void aWriteToASaturatedPrimaryIsNotRetriedNorCounted() throws SQLException {
    List<Connection> held = exhaust(cluster.primary());
    try {
      assertThatThrownBy(() -> resilient.writeIdempotent(ResilientClusterTest::server))
          .isInstanceOf(AcquireTimeoutException.class);
    } finally {
      release(held);
    }

    assertThat(cluster.primary().stats().timeouts()).isEqualTo(1);
    assertThat(resilience.state("rc-primary")).isEqualTo(BreakerState.CLOSED);
    assertThat(resilient.stats().get(0).failedCalls()).isZero();
    assertThat(resilient.write(ResilientClusterTest::server)).isEqualTo(key(primary));
  }

  @Test
  void readsSkipAReplicaWhoseBreakerRefusesAtBorrowTime() throws SQLException {
    FaultDriver.plan(replica1.jdbcUrl()).failStatements(FaultTrigger.once(), "08006", "reset");
    resilient.read(ResilientClusterTest::server);
    resilient.read(ResilientClusterTest::server);
    assertThat(resilience.state("rc-replica-1")).isEqualTo(BreakerState.OPEN);

    for (int i = 0; i < 20; i++) {
      assertThat(resilient.read(ResilientClusterTest::server)).isNotEqualTo(key(replica1));
    }
    try (Connection c = resilient.readConnection()) {
      assertThat(server(c)).isNotEqualTo(key(replica1));
    }
  }

  /** Roles by configuration: the primary's stub answers PRIMARY, every other REPLICA. */
  private static final class StubDialect implements Dialect {
    private final String primaryKey;

    StubDialect(PoolConfig primary) {
      this.primaryKey = key(primary);
    }

    @Override
    public String driverClassName() {
      return FaultDriver.class.getName();
    }

    @Override
    public String validationQuery() {
      return "SELECT 1";
    }

    @Override
    public ServerRole role(Connection connection) throws SQLException {
      return server(connection).equals(primaryKey) ? ServerRole.PRIMARY : ServerRole.REPLICA;
    }

    @Override
    public String primaryPosition(Connection p) {
      return null;
    }

    @Override
    public ReplicationLag lag(Connection replica, String primaryPosition) {
      return ReplicationLag.NONE;
    }

    @Override
    public Map<String, String> timeoutProperties(Duration timeout) {
      return Map.of();
    }
  }
}
