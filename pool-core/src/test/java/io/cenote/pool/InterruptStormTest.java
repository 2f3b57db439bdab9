package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.ThreadMode;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many waiters, interrupted at random. An interrupted waiter gets an {@code SQLException}
 * (SQLState {@code HY008}) with its interrupt flag still set (checked by {@link LoadHarness});
 * the others are unaffected: nobody times out, nothing fails, and no slot is lost.
 */
@ConcurrencyTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InterruptStormTest {

  @ParameterizedTest
  @EnumSource(ThreadMode.class)
  void interruptedWaitersLeaveWithoutHarmingOthers(ThreadMode mode) throws Exception {
    mode.assumeAvailable();
    // Arrange: 4 connections for 32 (or 500 virtual) borrowers that hold long enough to queue.
    int borrowers = mode.borrowers(32, 500);
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    PoolConfig config = PoolConfig.builder().poolName("interrupts-" + mode.name().toLowerCase(Locale.ROOT))
        .jdbcUrl(url).maxSize(4).acquireTimeout(Duration.ofSeconds(30)).registerMbean(false)
        .build();
    try (ConnectionPool pool = ConnectionPool.create(config)) {
      LoadHarness.Run run = new LoadHarness(pool, plan).mode(mode).borrowers(borrowers)
          .cyclesPerBorrower(60_000 / borrowers + 1)
          .hold(new LoadHarness.HoldProfile(30, 20_000, 10, 500_000)).start();

      // Act: interrupt a random running borrower every 20-200 us until all are done.
      long sent = 0;
      AtomicReferenceArray<Thread> threads = run.threads();
      ThreadLocalRandom random = ThreadLocalRandom.current();
      while (run.running() > 0) {
        Thread t = threads.get(random.nextInt(threads.length()));
        if (t != null) {
          t.interrupt();
          sent++;
        }
        LockSupport.parkNanos(random.nextLong(20_000, 200_000));
      }
      LoadHarness.Result r = run.await(Duration.ofSeconds(60));
      r.print("interrupts/" + mode, pool, plan);
      System.out.printf(Locale.ROOT, "[interrupts/%s]   %d interrupts sent, %d borrowers"
          + " interrupted while waiting%n", mode, sent, r.interrupted);

      // Assert
      r.assertNoViolations();
      assertThat(r.interrupted).as("some waiters were interrupted").isPositive()
          .isLessThanOrEqualTo(sent);
      assertThat(r.timeouts).isZero();
      assertThat(r.useFailures).isZero();
      assertThat(r.served + r.interrupted).isEqualTo(r.cycles());
      LoadHarness.assertAtRestAndWhole(pool, plan, r.served);
      LoadHarness.assertClosedClean(pool, plan);
    }
  }
}
