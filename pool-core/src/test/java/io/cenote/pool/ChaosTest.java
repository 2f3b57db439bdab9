package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.ThreadMode;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import io.cenote.testkit.fault.FaultTrigger;
import io.cenote.testkit.fault.NetworkCall;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stress load under faults: connects that fail or are slow, pre-pings that fail or hang,
 * statements that fail with class 08 or hang (ended by a network timeout, by leak reclaim, or by
 * the fault being lifted), a server restart that breaks every open connection and a short down
 * time. The invariants hold throughout; after the faults stop the pool recovers: a second load
 * sees no failure at all, nothing leaked, no slot lost.
 */
@ConcurrencyTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ChaosTest {

  private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);

  @ParameterizedTest
  @EnumSource(ThreadMode.class)
  void recoversOnceTheFaultsStop(ThreadMode mode) throws Exception {
    mode.assumeAvailable();
    int borrowers = mode.borrowers(32, 500);
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    PoolConfig config = PoolConfig.builder().poolName("chaos-" + mode.name().toLowerCase(Locale.ROOT))
        .jdbcUrl(url).maxSize(8).maxOverflow(2)
        .acquireTimeout(Duration.ofSeconds(1))
        .validationBypassWindow(Duration.ZERO)
        .validationTimeout(VALIDATION_TIMEOUT)
        .leakDetectionThreshold(Duration.ofMillis(100))
        .leakReclaim(Duration.ofMillis(300))
        .shutdownGracePeriod(Duration.ofSeconds(1))
        .registerMbean(false).build();
    try (ConnectionPool pool = ConnectionPool.create(config)) {
      // A pre-ping that hangs in the driver may take a whole second (JDBC's isValid timeout is
      // in seconds) and can start just before the borrower's deadline.
      LoadHarness load = new LoadHarness(pool, plan).mode(mode).borrowers(borrowers)
          .statementPercent(100).networkTimeoutMillis(50).extraTolerance(VALIDATION_TIMEOUT)
          .withoutMissedWakeUpCheck();

      // Arrange / Act: healthy, then every fault at once; then a crash (restart) followed by an
      // outage longer than acquireTimeout, while the other faults go on; then the faults stop.
      LoadHarness.Run chaos = load.start();
      Thread.sleep(500);
      plan.failConnects(FaultTrigger.probability(0.3))
          .connectLatency(Duration.ZERO, Duration.ofMillis(3))
          .failValidation(FaultTrigger.probability(0.02))
          .failStatements(FaultTrigger.probability(0.01))
          .statementLatency(Duration.ZERO, Duration.ofMillis(1))
          .hang(FaultTrigger.probability(0.002), NetworkCall.EXECUTE, NetworkCall.IS_VALID);
      Thread.sleep(1500);
      plan.restart().down();
      Thread.sleep(1200);
      plan.up();
      long afterOutage = awaitFullStrength(pool, plan, config.maxSize());
      Thread.sleep(Math.max(0, 1000 - TimeUnit.NANOSECONDS.toMillis(afterOutage)));
      plan.reset();
      long faultsStopped = System.nanoTime();
      long afterFaults = awaitFullStrength(pool, plan, config.maxSize());
      Thread.sleep(Math.max(0, 2000 - TimeUnit.NANOSECONDS.toMillis(afterFaults)));
      LoadHarness.Result chaosResult = chaos.stop(Duration.ofSeconds(60));
      chaosResult.print("chaos/" + mode, pool, plan);
      System.out.printf(Locale.ROOT, "[chaos/%s]   recovery: %d connections open again %.1f ms"
              + " after the outage ended (other faults still on), %.1f ms after all faults"
              + " stopped; last failed borrow or statement %.1f ms after the faults stopped%n",
          mode, config.maxSize(), afterOutage / 1e6, afterFaults / 1e6,
          Math.max(0, chaosResult.lastFailureAt - faultsStopped) / 1e6);

      // Assert: invariants held during the chaos; faults did happen.
      chaosResult.assertNoViolations();
      assertThat(chaosResult.useFailures).as("statements failed").isPositive();
      assertThat(chaosResult.timeouts).as("borrowers timed out during the outage").isPositive();
      assertThat(plan.stats().connectFailures()).isPositive();
      assertThat(pool.stats().validationFailures()).isPositive();
      assertThat(plan.stats().peakOpen()).isLessThanOrEqualTo(10);

      // Act 2: the same load again on a healthy server.
      LoadHarness.Result after = new LoadHarness(pool, plan).mode(mode).borrowers(borrowers)
          .statementPercent(100).cyclesPerBorrower(20_000 / borrowers + 1)
          .runToCompletion(Duration.ofSeconds(60));
      after.print("after-chaos/" + mode, pool, plan);

      // Assert: every borrow and statement succeeds, nothing leaked, no slot lost.
      after.assertNoViolations();
      assertThat(after.timeouts).isZero();
      assertThat(after.useFailures).isZero();
      PoolStats rest = LoadHarness.assertAtRestAndWhole(pool, plan,
          chaosResult.served + after.served);
      System.out.printf(Locale.ROOT, "[chaos/%s]   at rest: %s; created=%d destroyed=%s;"
              + " validations=%d failed=%d; creationFailures=%d%n", mode, rest.gauges(),
          rest.created(), rest.destroyed(), rest.validations(), rest.validationFailures(),
          rest.creationFailures());
      LoadHarness.assertClosedClean(pool, plan);
    }
  }

  /** @return nanoseconds until the pool and the driver agree on at least maxSize connections */
  private static long awaitFullStrength(ConnectionPool pool, FaultPlan plan, int maxSize)
      throws InterruptedException {
    long start = System.nanoTime();
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
      PoolStats s = pool.stats();
      if (s.total() >= maxSize && plan.counters().open() >= maxSize) {
        break;
      }
      Thread.sleep(1);
    }
    return System.nanoTime() - start;
  }
}
