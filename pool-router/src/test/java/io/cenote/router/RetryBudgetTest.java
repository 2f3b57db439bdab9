package io.cenote.router;

import static io.cenote.router.RouterTestSupport.keyOf;
import static io.cenote.router.RouterTestSupport.serverOf;
import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.ConnectionWork;
import io.cenote.pool.PoolConfig;
import io.cenote.resilience.BreakerSettings;
import io.cenote.resilience.Idempotent;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.router.RouterTestSupport.ScriptedDialect;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultTrigger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One retry layer with one budget: a call makes at most {@code maxAttempts} attempts in all,
 * each on a host that has not failed it while one is eligible. Before, the cluster retried a read
 * across its replicas inside each of the resilience layer's attempts, so one read could run
 * (replicas + 1) x maxAttempts times; these tests count the runs of the work on the fault driver.
 */
class RetryBudgetTest {

  /** Breakers that never open here: the budget, not a breaker, must end the calls. */
  private static final BreakerSettings NEVER_OPENS = BreakerSettings.builder()
      .slidingWindowSize(100).minimumNumberOfCalls(100).build();

  private final PoolConfig primary = stub("budget-primary");
  private final PoolConfig replica1 = stub("budget-replica-1");
  private final PoolConfig replica2 = stub("budget-replica-2");
  private final List<String> servers = Collections.synchronizedList(new ArrayList<>());
  private Cluster cluster;

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
    for (PoolConfig p : List.of(primary, replica1, replica2)) {
      FaultDriver.plan(p.jdbcUrl()).reset();
    }
  }

  private Cluster start(UnaryOperator<ClusterConfig.Builder> settings) {
    ScriptedDialect dialect = new ScriptedDialect().role(primary, ServerRole.PRIMARY)
        .role(replica1, ServerRole.REPLICA).role(replica2, ServerRole.REPLICA);
    cluster = Cluster.start(settings.apply(ClusterConfig.builder("budget")
        .dialect(dialect) // the replicas report themselves replicas, as real ones do
        .healthCheckInterval(Duration.ofHours(1))
        .primary(primary).replica(replica1).replica(replica2)).build());
    return cluster;
  }

  private static ResilienceConfig resilience(int maxAttempts) {
    return ResilienceConfig.builder().maxAttempts(maxAttempts).breaker(NEVER_OPENS)
        .initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(2))
        .probeInterval(Duration.ofHours(1)).build();
  }

  private void failEverywhere() {
    for (PoolConfig p : List.of(primary, replica1, replica2)) {
      FaultDriver.plan(p.jdbcUrl()).failStatements(FaultTrigger.always(), "08006",
          "connection reset");
    }
  }

  /** The work: notes which server it ran on, then runs a query. */
  private final ConnectionWork<Integer> counted = c -> {
    servers.add(serverOf(c));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  };

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5})
  void aFailingReadRunsAtMostMaxAttemptsTimesEachOnAnotherHostWhileThereIsOne(int maxAttempts) {
    start(b -> b.resilience(resilience(maxAttempts)));
    failEverywhere();

    assertThatThrownBy(() -> cluster.read(counted)).isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08006");

    System.out.printf("[RetryBudgetTest] read, maxAttempts %d: %d runs on %s%n", maxAttempts,
        servers.size(), servers);
    assertThat(servers).hasSize(maxAttempts);
    int hosts = Math.min(maxAttempts, 3);
    assertThat(servers.subList(0, hosts)).doesNotHaveDuplicates();
    assertThat(servers.get(0)).isIn(keyOf(replica1), keyOf(replica2));
  }

  @Test
  void anIdempotentWriteRunsAtMostMaxAttemptsTimes() {
    start(b -> b.resilience(resilience(4)));
    failEverywhere();

    assertThatThrownBy(() -> cluster.write(Idempotent.YES, counted))
        .isInstanceOf(SQLException.class);

    System.out.printf("[RetryBudgetTest] idempotent write, maxAttempts 4: %d runs%n",
        servers.size());
    assertThat(servers).hasSize(4).containsOnly(keyOf(primary));
  }

  @Test
  void aWriteThatMustNotRepeatRunsOnceOnceItStarted() {
    start(b -> b.resilience(resilience(4)));
    failEverywhere();

    assertThatThrownBy(() -> cluster.write(counted)).isInstanceOf(SQLException.class);

    assertThat(servers).containsExactly(keyOf(primary));
  }

  @Test
  void aReadThatSucceedsOnItsSecondAttemptCountsOneRetryOnTheHostThatFailed()
      throws SQLException {
    start(b -> b.resilience(resilience(3)).strategy(Strategy.ROUND_ROBIN));
    FaultDriver.plan(replica1.jdbcUrl()).failStatements(FaultTrigger.always(), "08006",
        "connection reset");
    FaultDriver.plan(replica2.jdbcUrl()).failStatements(FaultTrigger.always(), "08006",
        "connection reset");

    assertThat(cluster.read(counted)).isEqualTo(1);

    assertThat(servers).hasSize(3).endsWith(keyOf(primary));
    List<String> retried = cluster.resilienceStats().stream()
        .filter(h -> h.retries() > 0).map(h -> h.host()).toList();
    assertThat(retried).containsExactlyInAnyOrder("budget-replica-1", "budget-replica-2");
  }

  @Test
  void withoutAResilienceSectionAReadTriesEachHostOnceAndAWriteOnce() {
    start(b -> b);
    failEverywhere();

    assertThatThrownBy(() -> cluster.read(counted)).isInstanceOf(SQLException.class);
    assertThat(servers).hasSize(3).doesNotHaveDuplicates();

    servers.clear();
    assertThatThrownBy(() -> cluster.write(Idempotent.YES, counted))
        .isInstanceOf(SQLException.class);
    assertThat(servers).containsExactly(keyOf(primary));
  }

  @Test
  void aBorrowIsOneCallUnderTheSameBudget() {
    start(b -> b.resilience(resilience(3)));
    for (PoolConfig p : List.of(primary, replica1, replica2)) {
      FaultDriver.plan(p.jdbcUrl()).down();
    }
    cluster.pools().forEach(p -> p.softEvictAll());

    assertThatThrownBy(() -> cluster.readConnection()).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> cluster.dataSource().getConnection().createStatement())
        .isInstanceOf(SQLException.class);

    long attempts = cluster.resilienceStats().stream().mapToLong(h -> h.calls()).sum();
    System.out.printf("[RetryBudgetTest] two borrows of maxAttempts 3 on three dead hosts:"
        + " %d borrow attempts%n", attempts);
    assertThat(attempts).isBetween(2L, 6L);
  }

  private static int selectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void aSuccessfulReadRunsOnce() throws SQLException {
    start(b -> b.resilience(resilience(3)));

    assertThat(cluster.read(RetryBudgetTest::selectOne)).isEqualTo(1);
    assertThat(cluster.resilienceStats()).allSatisfy(h -> assertThat(h.retries()).isZero());
  }
}
