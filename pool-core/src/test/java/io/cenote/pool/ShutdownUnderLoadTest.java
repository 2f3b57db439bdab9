package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.ThreadMode;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code close()} while borrowers keep borrowing: every borrower is refused or served promptly
 * (none waits past its deadline, all finish within the grace period plus the scheduling
 * tolerance), and afterwards the driver has no connection of the pool open and the counters
 * add up. Connections open slowly, so openings are in flight when the pool closes.
 */
@ConcurrencyTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShutdownUnderLoadTest {

  @ParameterizedTest
  @EnumSource(ThreadMode.class)
  void closeWithGracePeriodEndsEveryBorrower(ThreadMode mode) throws Exception {
    closeUnderLoad(mode, Duration.ofMillis(200));
  }

  @ParameterizedTest
  @EnumSource(ThreadMode.class)
  void closeWithoutGracePeriodEndsEveryBorrower(ThreadMode mode) throws Exception {
    closeUnderLoad(mode, Duration.ZERO);
  }

  private static void closeUnderLoad(ThreadMode mode, Duration grace) throws Exception {
    mode.assumeAvailable();
    // Arrange
    int borrowers = mode.borrowers(32, 1000);
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    plan.connectLatency(Duration.ZERO, Duration.ofMillis(2))
        .statementLatency(Duration.ZERO, Duration.ofMillis(1));
    String label = "shutdown-grace" + grace.toMillis() + "/" + mode;
    PoolConfig config = PoolConfig.builder()
        .poolName("shutdown-" + grace.toMillis() + "-" + mode.name().toLowerCase(Locale.ROOT))
        .jdbcUrl(url).maxSize(8).maxOverflow(2).acquireTimeout(Duration.ofSeconds(2))
        .shutdownGracePeriod(grace).registerMbean(false).build();
    ConnectionPool pool = ConnectionPool.create(config);
    LoadHarness.Run run = new LoadHarness(pool, plan).mode(mode).borrowers(borrowers)
        .statementPercent(50).stopWhenClosed().start();
    Thread.sleep(1000);

    // Act
    long closeStarted = System.nanoTime();
    pool.close();
    long closeTook = System.nanoTime() - closeStarted;
    LoadHarness.Result r = run.await(Duration.ofSeconds(30));
    long lastFinished = r.lastFinishedAt - closeStarted;

    // Assert
    r.print(label, pool, plan);
    System.out.printf(Locale.ROOT, "[%s]   close() took %.1f ms; last borrower finished %.1f ms"
        + " after close() began; open after close: %d%n", label, closeTook / 1e6,
        lastFinished / 1e6, plan.stats().open());
    r.assertNoViolations();
    assertThat(r.refusedClosed).as("borrowers refused after close").isEqualTo(borrowers);
    assertThat(r.timeouts).isZero();
    assertThat(lastFinished).as("every borrower finished within grace + tolerance")
        .isLessThan(grace.plus(LoadHarness.DEADLINE_TOLERANCE).toNanos());
    PoolStats s = pool.stats();
    assertThat(s.closed()).isTrue();
    assertThat(s.total()).isZero();
    assertThat(s.waiting()).isZero();
    assertThat(s.acquired()).isEqualTo(r.served);
    assertThat(s.released()).isEqualTo(r.served);
    assertThat(s.created()).as("created == destroyed: %s", s).isEqualTo(s.destroyedTotal());
    assertThat(plan.stats().open()).as("driver open after close").isZero();
    assertThat(plan.openConnections()).isEmpty();
    assertThat(plan.stats().peakOpen()).isLessThanOrEqualTo(10);
  }
}
