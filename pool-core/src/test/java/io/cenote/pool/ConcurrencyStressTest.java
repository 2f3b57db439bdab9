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
 * Many borrowers against a pool smaller than their number, with the pool's invariants checked
 * throughout by {@link LoadHarness}: never more than {@code maxSize + maxOverflow} physical
 * connections, every borrower served or timed out by its deadline, no physical connection lent
 * twice at once, and at the end no slot lost and the counters adding up.
 */
@ConcurrencyTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConcurrencyStressTest {

  private static final Duration SAFETY_LIMIT = Duration.ofSeconds(90);

  @ParameterizedTest
  @EnumSource(ThreadMode.class)
  void servesEveryBorrowerWithinTheCap(ThreadMode mode) throws Exception {
    mode.assumeAvailable();
    // Arrange: 8 + 2 connections for 32 (or 1000 virtual) borrowers, 200k borrows in total;
    // maxUses retires connections now and then so opening under load is exercised too.
    int borrowers = mode.borrowers(32, 1000);
    long cycles = 200_000 / borrowers + 1;
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    PoolConfig config = PoolConfig.builder().poolName("stress-" + mode.name().toLowerCase(Locale.ROOT))
        .jdbcUrl(url).maxSize(8).maxOverflow(2).maxUses(5_000)
        .acquireTimeout(Duration.ofSeconds(30)).registerMbean(false).build();
    try (ConnectionPool pool = ConnectionPool.create(config)) {

      // Act
      LoadHarness.Result r = new LoadHarness(pool, plan).mode(mode).borrowers(borrowers)
          .cyclesPerBorrower(cycles).statementPercent(10)
          .runToCompletion(SAFETY_LIMIT);
      r.print("stress/" + mode, pool, plan);

      // Assert
      r.assertNoViolations();
      assertThat(r.cycles()).isEqualTo(borrowers * cycles).isGreaterThanOrEqualTo(200_000);
      assertThat(r.timeouts).isZero();
      assertThat(r.useFailures).isZero();
      LoadHarness.assertAtRestAndWhole(pool, plan, r.served);
      LoadHarness.assertClosedClean(pool, plan);
    }
  }

  @ParameterizedTest
  @EnumSource(ThreadMode.class)
  void wakesEveryWaiterWhileConnectionsChurn(ThreadMode mode) throws Exception {
    mode.assumeAvailable();
    // Arrange: every connection retires after one borrow, so waiters keep asking for new ones
    // (through the creator's queue) while returns and new connections are handed to them.
    int borrowers = mode.borrowers(32, 1000);
    long cycles = 40_000 / borrowers + 1;
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    PoolConfig config = PoolConfig.builder().poolName("churn-" + mode.name().toLowerCase(Locale.ROOT))
        .jdbcUrl(url).maxSize(4).maxOverflow(2).maxUses(1)
        .acquireTimeout(Duration.ofSeconds(10)).registerMbean(false).build();
    try (ConnectionPool pool = ConnectionPool.create(config)) {

      // Act
      LoadHarness.Result r = new LoadHarness(pool, plan).mode(mode).borrowers(borrowers)
          .cyclesPerBorrower(cycles).runToCompletion(SAFETY_LIMIT);
      r.print("churn/" + mode, pool, plan);

      // Assert
      r.assertNoViolations();
      assertThat(r.timeouts).isZero();
      assertThat(r.cycles()).isEqualTo(borrowers * cycles);
      LoadHarness.assertAtRestAndWhole(pool, plan, r.served);
      LoadHarness.assertClosedClean(pool, plan);
    }
  }

  @ParameterizedTest
  @EnumSource(ThreadMode.class)
  void shortTimeoutsEndOnTime(ThreadMode mode) throws Exception {
    mode.assumeAvailable();
    // Arrange: holds long enough that the queue often exceeds the acquireTimeout (2 ms for 32
    // borrowers; 50 ms for 1000, whose queue alone takes tens of milliseconds).
    int borrowers = mode.borrowers(32, 1000);
    Duration timeout = Duration.ofMillis(mode.borrowers(2, 50));
    long cycles = 100_000 / borrowers + 1;
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    PoolConfig config = PoolConfig.builder().poolName("timeouts-" + mode.name().toLowerCase(Locale.ROOT))
        .jdbcUrl(url).maxSize(8).maxOverflow(2)
        .acquireTimeout(timeout).registerMbean(false).build();
    try (ConnectionPool pool = ConnectionPool.create(config)) {

      // Act
      LoadHarness.Result r = new LoadHarness(pool, plan).mode(mode).borrowers(borrowers)
          .cyclesPerBorrower(cycles).hold(LoadHarness.HoldProfile.HEAVY)
          .withoutMissedWakeUpCheck()
          .runToCompletion(SAFETY_LIMIT);
      r.print("short-timeouts/" + mode, pool, plan);

      // Assert
      r.assertNoViolations();
      assertThat(r.timeouts).as("some borrows time out").isPositive();
      assertThat(r.served).as("some borrows are served").isPositive();
      assertThat(pool.stats().timeouts()).isEqualTo(r.timeouts);
      LoadHarness.assertAtRestAndWhole(pool, plan, r.served);
      LoadHarness.assertClosedClean(pool, plan);
    }
  }
}
