package io.cenote.router;

import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.resilience.BreakerSettings;
import io.cenote.resilience.HostResilienceStats;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultTrigger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failure is charged to the breaker of the host it happened on, whatever else the thread did
 * in between: the host travels with the call. Before, the resilience layer read the host from a
 * thread-local set by the last borrow, so a read of cluster B inside work on cluster A charged
 * A's failure to B's host.
 */
class FailureAttributionTest {

  private static final int ROUNDS = 50;
  /** Breakers that never open here: the counts, not the states, are what is compared. */
  private static final BreakerSettings NEVER_OPENS = BreakerSettings.builder()
      .slidingWindowSize(1000).minimumNumberOfCalls(1000).build();

  private final PoolConfig aPrimary = stub("a-primary");
  private final PoolConfig aReplica = stub("a-replica");
  private final PoolConfig bPrimary = stub("b-primary");
  private final PoolConfig bReplica = stub("b-replica");
  private Cluster a;
  private Cluster b;

  @BeforeEach
  void start() {
    a = Cluster.start(config("a", aPrimary, aReplica));
    b = Cluster.start(config("b", bPrimary, bReplica));
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    for (PoolConfig p : List.of(aPrimary, aReplica, bPrimary, bReplica)) {
      FaultDriver.plan(p.jdbcUrl()).reset();
    }
  }

  private static ClusterConfig config(String name, PoolConfig primary, PoolConfig replica) {
    return ClusterConfig.builder(name).databaseType(DatabaseType.SQLITE)
        .healthCheckInterval(Duration.ofHours(1))
        .primary(primary).replica(replica)
        .resilience(ResilienceConfig.builder().maxAttempts(2).breaker(NEVER_OPENS)
            .initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(1))
            .probeInterval(Duration.ofHours(1)).build())
        .build();
  }

  private static int selectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The host's next statement fails, as when its connection broke under the work. */
  private static void failNextStatement(PoolConfig host) {
    FaultDriver.plan(host.jdbcUrl()).failStatements(FaultTrigger.once(), "08006",
        "connection reset");
  }

  private static Map<String, HostResilienceStats> byHost(Cluster... clusters) {
    Map<String, HostResilienceStats> out = new HashMap<>();
    for (Cluster c : clusters) {
      for (HostResilienceStats h : c.resilienceStats()) {
        out.put(h.host(), h);
      }
    }
    return out;
  }

  @Test
  void clustersUsedAlternatelyOnOneThreadChargeEachFailureToItsOwnHost() throws SQLException {
    for (int i = 0; i < ROUNDS; i++) {
      failNextStatement(bReplica);
      assertThat(a.read(FailureAttributionTest::selectOne)).isEqualTo(1);
      // b's replica fails and is excluded; the retry reads b's primary
      assertThat(b.read(FailureAttributionTest::selectOne)).isEqualTo(1);
      b.checkNow(); // a passing check re-admits b's replica, so every round meets it again
    }

    Map<String, HostResilienceStats> hosts = byHost(a, b);
    System.out.printf("[FailureAttributionTest] alternating: %s%n", hosts.values());
    assertThat(hosts.get("b-replica").failedCalls()).isEqualTo(ROUNDS);
    assertThat(hosts.get("b-replica").retries()).isEqualTo(ROUNDS);
    assertThat(hosts.get("a-primary").failedCalls()).isZero();
    assertThat(hosts.get("a-replica").failedCalls()).isZero();
    assertThat(hosts.get("b-primary").failedCalls()).isZero();
    assertThat(hosts.get("a-primary").retries() + hosts.get("a-replica").retries()
        + hosts.get("b-primary").retries()).isZero();
  }

  @Test
  void aReadOfAnotherClusterNestedInWorkDoesNotTakeTheBlameForTheOuterFailure()
      throws SQLException {
    for (int i = 0; i < ROUNDS; i++) {
      failNextStatement(aReplica);
      int outer = a.read(c -> {
        // the nested call borrows and succeeds on b between a's borrow and a's failure
        int inner = b.read(FailureAttributionTest::selectOne);
        return inner + selectOne(c);
      });
      assertThat(outer).isEqualTo(2);
      a.checkNow();
    }

    Map<String, HostResilienceStats> hosts = byHost(a, b);
    System.out.printf("[FailureAttributionTest] nested: %s%n", hosts.values());
    assertThat(hosts.get("a-replica").failedCalls()).isEqualTo(ROUNDS);
    assertThat(hosts.get("a-replica").retries()).isEqualTo(ROUNDS);
    assertThat(hosts.get("b-primary").failedCalls()).isZero();
    assertThat(hosts.get("b-replica").failedCalls()).isZero();
    assertThat(hosts.get("b-primary").retries() + hosts.get("b-replica").retries()).isZero();
  }
}
