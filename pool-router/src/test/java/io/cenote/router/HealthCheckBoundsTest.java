package io.cenote.router;

import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.router.RouterTestSupport.ScriptedDialect;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import io.cenote.testkit.fault.FaultTrigger;
import io.cenote.testkit.fault.NetworkCall;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Health checks never hang on a dead host: each host is checked on its own schedule, and one
 * check (connect, role and lag) is bounded by {@code healthCheckTimeout} as a whole, even when
 * the connect or the queries never answer. The hangs here last an hour or a minute; a check
 * that waited for them would hit the test's timeout, so no assertion depends on how fast the
 * machine is.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HealthCheckBoundsTest {

  /** Long enough that a check waiting for a hang out would fail the test. */
  private static final Duration HANG = Duration.ofHours(1);
  /** How long the tests wait for background checks to make progress. */
  private static final long PROGRESS_MILLIS = 20_000;

  private final PoolConfig primary = stub("bounds-primary");
  private final PoolConfig replica1 = stub("bounds-replica-1");
  private final PoolConfig replica2 = stub("bounds-replica-2");
  private final ScriptedDialect dialect = new ScriptedDialect();
  private Cluster cluster;

  @BeforeEach
  void roles() {
    dialect.role(primary, ServerRole.PRIMARY).role(replica1, ServerRole.REPLICA)
        .role(replica2, ServerRole.REPLICA);
  }

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static FaultPlan plan(PoolConfig server) {
    return FaultDriver.plan(server.jdbcUrl());
  }

  private ClusterConfig.Builder builder() {
    return ClusterConfig.builder("bounds").primary(primary).replica(replica1).replica(replica2)
        .dialect(dialect);
  }

  @Test
  void aConnectThatNeverCompletesIsGivenUpAfterTheTimeout() {
    cluster = Cluster.start(builder().healthCheckInterval(Duration.ofHours(1))
        .healthCheckTimeout(Duration.ofMillis(200)).build());
    // the probe's open connection breaks, and a new one takes an hour to open
    plan(replica1).connectLatency(HANG).restart();

    cluster.checkNow();

    HostStats r1 = cluster.hostStats().get(1);
    assertThat(r1.exclusion()).isEqualTo(ExclusionReason.DOWN);
    assertThat(r1.detail()).contains("connect did not complete within 200 ms");
    assertThat(cluster.hostStats().get(2).healthy()).isTrue();
  }

  @Test
  void aConnectThatHungThroughAnOutageIsGivenUpOnceTheHostAnswersAgain() {
    cluster = Cluster.start(builder().healthCheckInterval(Duration.ofHours(1))
        .healthCheckTimeout(Duration.ofMillis(200)).build());
    plan(replica1).connectLatency(HANG).restart(); // a partition: the connect never returns
    cluster.checkNow();
    assertThat(cluster.hostStats().get(1).exclusion()).isEqualTo(ExclusionReason.DOWN);

    plan(replica1).connectLatency(Duration.ZERO); // healed; the first connect still hangs
    cluster.checkNow();

    assertThat(cluster.hostStats().get(1).healthy()).as(cluster.hostStats().get(1).detail())
        .isTrue();
  }

  @Test
  void aCheckIsBoundedAsAWholeNotPerQuery() {
    cluster = Cluster.start(builder().healthCheckInterval(Duration.ofHours(1))
        .healthCheckTimeout(Duration.ofMillis(250)).build());
    // each of the role and lag queries answers within the network timeout, both together not
    plan(replica1).statementLatency(Duration.ofMillis(150));

    cluster.checkNow();

    HostStats r1 = cluster.hostStats().get(1);
    assertThat(r1.exclusion()).isEqualTo(ExclusionReason.DOWN);
    assertThat(r1.detail()).contains("did not answer within 250 ms");
  }

  @Test
  void aBlackHoledPrimaryDoesNotHoldUpTheReplicasChecks() throws InterruptedException {
    dialect.position("0/3000148");
    cluster = Cluster.start(builder().healthCheckInterval(Duration.ofMillis(50))
        .healthCheckTimeout(Duration.ofMinutes(1)).build());
    TimingListener.await("the replicas saw the primary's position", PROGRESS_MILLIS,
        () -> dialect.positionSeenBy(replica1).equals("0/3000148")
            && dialect.positionSeenBy(replica2).equals("0/3000148"));
    // the primary's connection accepts queries and never answers them
    plan(primary).hang(FaultTrigger.always(), NetworkCall.EXECUTE);
    awaitReplicaChecks(3); // a primary check past its query when the hang began is done by now
    dialect.position("0/4000000"); // no primary check gets this far any more
    int primaryChecks = dialect.checks(primary);

    awaitReplicaChecks(5);

    assertThat(dialect.checks(primary)).as("primary checks answered").isEqualTo(primaryChecks);
    assertThat(dialect.positionSeenBy(replica1)).as("the last position the primary gave")
        .isEqualTo("0/3000148");
  }

  private void awaitReplicaChecks(int more) throws InterruptedException {
    int r1 = dialect.checks(replica1);
    int r2 = dialect.checks(replica2);
    TimingListener.await("the replicas are checked on while the primary hangs", PROGRESS_MILLIS,
        () -> dialect.checks(replica1) >= r1 + more && dialect.checks(replica2) >= r2 + more);
  }

  @Test
  void aReplicaIsReadmittedOnItsOwnScheduleWhileAnotherHostHangs() throws InterruptedException {
    cluster = Cluster.start(builder().healthCheckInterval(Duration.ofMillis(50))
        .healthCheckTimeout(Duration.ofMinutes(1)).build());
    plan(replica1).down().restart();
    TimingListener.await("replica 1 is excluded", PROGRESS_MILLIS,
        () -> cluster.hostStats().get(1).exclusion() == ExclusionReason.DOWN);
    plan(primary).hang(FaultTrigger.always(), NetworkCall.EXECUTE);

    plan(replica1).up();

    TimingListener.await("replica 1 is re-admitted while the primary's check hangs",
        PROGRESS_MILLIS, () -> cluster.hostStats().get(1).healthy());
    assertThat(cluster.eligibleReplicas().size()).isEqualTo(2);
  }
}
