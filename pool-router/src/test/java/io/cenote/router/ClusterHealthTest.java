package io.cenote.router;

import static io.cenote.router.RouterTestSupport.keyOf;
import static io.cenote.router.RouterTestSupport.serverOf;
import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolConfig;
import io.cenote.router.RouterTestSupport.RecordingListener;
import io.cenote.router.RouterTestSupport.ScriptedDialect;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exclusion, re-admission, fallback and failover against stub servers of the fault driver.
 * Health checks run only when the test calls {@code checkNow()} (the interval is an hour).
 */
class ClusterHealthTest {

  private final PoolConfig primary = stub("orders-primary");
  private final PoolConfig replica1 = stub("orders-replica-1");
  private final PoolConfig replica2 = stub("orders-replica-2");
  private final ScriptedDialect dialect = new ScriptedDialect();
  private final RecordingListener events = new RecordingListener();
  private Cluster cluster;

  @BeforeEach
  void roles() {
    dialect.role(primary, ServerRole.PRIMARY)
        .role(replica1, ServerRole.REPLICA)
        .role(replica2, ServerRole.REPLICA);
  }

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private ClusterConfig.Builder builder() {
    return ClusterConfig.builder("orders")
        .primary(primary).replica(replica1).replica(replica2)
        .dialect(dialect)
        .listener(events)
        .healthCheckInterval(Duration.ofHours(1));
  }

  private static FaultPlan plan(PoolConfig server) {
    return FaultDriver.plan(server.jdbcUrl());
  }

  private Set<String> readServers(int reads) throws SQLException {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < reads; i++) {
      seen.add(cluster.read(RouterTestSupport::queryServer));
    }
    return seen;
  }

  @Test
  void readsGoToReplicasAndWritesToThePrimary() throws SQLException {
    cluster = Cluster.start(builder().build());

    assertThat(readServers(10)).containsExactlyInAnyOrder(keyOf(replica1), keyOf(replica2));
    assertThat(cluster.write(RouterTestSupport::serverOf)).isEqualTo(keyOf(primary));
    assertThat(cluster.hostStats()).extracting(HostStats::readsRouted).containsExactly(0L, 5L, 5L);
    assertThat(cluster.hostStats().get(0).writesRouted()).isEqualTo(1);
  }

  @Test
  void aReplicaThatFailsACheckIsExcludedAndReadmittedWhenItPassesAgain() throws SQLException {
    cluster = Cluster.start(builder().build());

    plan(replica1).down().restart();
    cluster.checkNow();

    assertThat(cluster.eligibleReplicas().size()).isEqualTo(1);
    assertThat(cluster.hostStats().get(1).exclusion()).isEqualTo(ExclusionReason.DOWN);
    assertThat(cluster.hostStats().get(1).detail()).contains("08001");
    assertThat(readServers(10)).containsExactly(keyOf(replica2));

    plan(replica1).up();
    cluster.checkNow();

    assertThat(cluster.eligibleReplicas().size()).isEqualTo(2);
    assertThat(readServers(10)).containsExactlyInAnyOrder(keyOf(replica1), keyOf(replica2));
    assertThat(events.events).containsSubsequence("excluded orders-replica-1 DOWN",
        "readmitted orders-replica-1");
    assertThat(cluster.hostStats().get(1).exclusions()).isEqualTo(1);
  }

  @Test
  void aFailedBorrowExcludesTheReplicaAndTheReadMovesOnWithoutFailing() throws SQLException {
    cluster = Cluster.start(builder().build());
    // replica 1 dies between checks: its pooled connections break and it refuses new ones
    plan(replica1).down().restart();

    Set<String> seen = readServers(20);

    assertThat(seen).containsExactly(keyOf(replica2));
    HostStats r1 = cluster.hostStats().get(1);
    assertThat(r1.exclusion()).isIn(ExclusionReason.BORROW_FAILED, ExclusionReason.DOWN);
    assertThat(r1.exclusions()).isEqualTo(1);
  }

  @Test
  void withNoEligibleReplicaReadsFallBackToThePrimary() throws SQLException {
    cluster = Cluster.start(builder().build());
    plan(replica1).down().restart();
    plan(replica2).down().restart();
    cluster.checkNow();

    assertThat(readServers(5)).containsExactly(keyOf(primary));
    assertThat(cluster.hostStats().get(0).fallbacks()).isEqualTo(5);
    assertThat(events.events).contains("fallback orders-primary");
  }

  @Test
  void failFastPolicyRefusesReadsWithoutWaiting() {
    cluster = Cluster.start(builder().noReplicaPolicy(NoReplicaPolicy.FAIL_FAST).build());
    plan(replica1).down().restart();
    plan(replica2).down().restart();
    cluster.checkNow();

    long start = System.nanoTime();
    assertThatThrownBy(() -> cluster.readConnection())
        .isInstanceOf(SQLTransientConnectionException.class)
        .hasMessageContaining("cluster 'orders' has no eligible replica")
        .hasMessageContaining("orders-replica-1: DOWN")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
    assertThat(System.nanoTime() - start).isLessThan(Duration.ofMillis(100).toNanos());
  }

  @Test
  void aLaggingReplicaIsExcludedUntilItCatchesUp() throws SQLException {
    cluster = Cluster.start(builder().maxReplicationLag(Duration.ofSeconds(2)).build());

    dialect.lag(replica2, ReplicationLag.of(Duration.ofSeconds(5), -1, "5 s behind"));
    cluster.checkNow();
    assertThat(readServers(10)).containsExactly(keyOf(replica1));
    assertThat(cluster.hostStats().get(2).exclusion()).isEqualTo(ExclusionReason.LAGGING);
    assertThat(cluster.hostStats().get(2).lastLag().time()).isEqualTo(Duration.ofSeconds(5));
    assertThat(events.events).contains("lagging orders-replica-2",
        "excluded orders-replica-2 LAGGING");

    dialect.lag(replica2, ReplicationLag.of(Duration.ofMillis(100), -1, "caught up"));
    cluster.checkNow();
    assertThat(readServers(10)).contains(keyOf(replica2));
  }

  @Test
  void stoppedReplicationAndByteLagExcludeToo() {
    cluster = Cluster.start(builder().maxReplicationLagBytes(1_000_000).build());

    dialect.lag(replica1, ReplicationLag.stopped("Slave_SQL_Running=No"));
    dialect.lag(replica2, ReplicationLag.of(Duration.ZERO, 2_000_000, "2 MB behind"));
    cluster.checkNow();

    assertThat(cluster.eligibleReplicas().size()).isZero();
    assertThat(cluster.hostStats().get(1).detail()).isEqualTo("Slave_SQL_Running=No");
  }

  @Test
  void whileThePrimaryIsDownReplicasWhoseReplicationStoppedKeepServingReads()
      throws SQLException {
    cluster = Cluster.start(builder().build());
    dialect.lag(replica1, ReplicationLag.stopped("Seconds_Behind_Master=NULL"));
    dialect.lag(replica2, ReplicationLag.stopped("Seconds_Behind_Master=NULL"));
    cluster.checkNow();
    assertThat(cluster.eligibleReplicas().size()).as("primary up: limits apply").isZero();

    plan(primary).down().restart();
    cluster.checkNow();

    assertThat(cluster.hostStats().get(0).exclusion()).isEqualTo(ExclusionReason.DOWN);
    assertThat(readServers(10)).containsExactlyInAnyOrder(keyOf(replica1), keyOf(replica2));
    assertThat(cluster.hostStats().get(1).detail()).contains("primary is down");
    assertThat(events.events).contains("lagging orders-replica-1", "readmitted orders-replica-1");

    plan(primary).up();
    cluster.checkNow();
    assertThat(cluster.eligibleReplicas().size()).as("primary back: limits apply again")
        .isZero();
  }

  @Test
  void aPrimaryThatReportsItselfAReplicaStopsTakingWrites() {
    cluster = Cluster.start(builder().build());

    dialect.role(primary, ServerRole.REPLICA);
    cluster.checkNow();

    assertThatThrownBy(() -> cluster.writeConnection())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("cluster 'orders'")
        .hasMessageContaining("'orders-primary' (" + primary.maskedJdbcUrl() + ")")
        .hasMessageContaining("reports itself a replica")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
    assertThat(events.events).contains("excluded orders-primary ROLE_CHANGED",
        "writer orders-primary -> null");
  }

  @Test
  void writesFollowAReplicaThatWasPromotedOnceThreeChecksAgree() throws SQLException {
    cluster = Cluster.start(builder().build());

    dialect.role(primary, ServerRole.REPLICA).role(replica2, ServerRole.PRIMARY);
    cluster.checkNow();
    // the old primary refuses writes at once; the new one has not proven itself yet
    assertThatThrownBy(() -> cluster.writeConnection())
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
    cluster.checkNow();
    cluster.checkNow();

    assertThat(cluster.write(RouterTestSupport::serverOf)).isEqualTo(keyOf(replica2));
    assertThat(readServers(6)).containsExactly(keyOf(replica1));
    assertThat(events.events).containsSubsequence("writer orders-primary -> null",
        "writer null -> orders-replica-2");

    dialect.role(primary, ServerRole.PRIMARY).role(replica2, ServerRole.REPLICA);
    for (int i = 0; i < 3; i++) {
      cluster.checkNow();
    }
    assertThat(cluster.write(RouterTestSupport::serverOf)).isEqualTo(keyOf(primary));
  }

  @Test
  void aStaleCheckConnectionIsReplacedBeforeTheHostCountsAsDown() {
    cluster = Cluster.start(builder().build());

    // breaks every open connection, the health check's own included; new ones work
    plan(replica1).restart();
    cluster.checkNow();

    assertThat(cluster.hostStats().get(1).healthy()).isTrue();
  }
}
