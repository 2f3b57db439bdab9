package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.ThreadMode;
import io.cenote.testkit.fault.FaultConnection;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import io.cenote.testkit.fault.FaultTrigger;
import io.cenote.testkit.fault.NetworkCall;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deterministic reproductions of races between a borrower that is still checking a connection
 * out (its pre-ping hangs in the driver) and the threads that act on lent connections: the
 * housekeeper's leak reclaim and {@code close()}'s abort of borrowed connections. Both used to
 * take the connection out from under the borrower, which then destroyed it a second time: the
 * capacity counter dropped below the real number of connections, so the pool opened more than
 * {@code maxSize}, and the counters no longer added up. The chaos test hits the same races at
 * random (a leak report of "held for 8157861 ms" is the first one: a connection's first borrow
 * taken for a leak while its pre-ping ran).
 */
@ConcurrencyTest
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CheckoutRaceTest {

  private final ExecutorService executor = ThreadMode.PLATFORM.newExecutor("checkout");

  @AfterEach
  void stopThreads() {
    executor.shutdownNow();
  }

  @Test
  void leakReclaimLeavesAConnectionBeingCheckedOutAlone() throws Exception {
    // Arrange: one connection, last borrowed a minute ago by the ticker, so its pre-ping is due;
    // that pre-ping hangs until its 1 s timeout.
    AtomicLong now = new AtomicLong();
    AtomicInteger leaksReported = new AtomicInteger();
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    PoolConfig config = PoolConfig.builder().poolName("reclaim-race").jdbcUrl(url).maxSize(1)
        .acquireTimeout(Duration.ofSeconds(5)).validationTimeout(Duration.ofSeconds(1))
        .leakDetectionThreshold(Duration.ofSeconds(1)).leakReclaim(Duration.ofSeconds(2))
        .ticker(now::get).listener(new PoolListener() {
          @Override
          public void onLeakSuspected(String poolName, long connectionId, long heldNanos,
              Throwable borrowSite) {
            leaksReported.incrementAndGet();
          }
        }).registerMbean(false).build();
    try (ConnectionPool pool = ConnectionPool.create(config)) {
      long first = borrowAndReturn(pool);
      now.set(TimeUnit.MINUTES.toNanos(1));
      plan.hang(FaultTrigger.once(), NetworkCall.IS_VALID);
      AtomicReference<Thread> borrowerThread = new AtomicReference<>();
      Future<Long> borrower = executor.submit(() -> {
        borrowerThread.set(Thread.currentThread());
        return borrowAndReturn(pool);
      });
      FifoFairnessTest.awaitCondition("the pre-ping hangs", () -> plan.stats().isValidCalls() == 1
          && borrowerThread.get() != null
          && borrowerThread.get().getState() == Thread.State.TIMED_WAITING);

      // Act: a housekeeping pass while the borrower's pre-ping hangs.
      pool.housekeep();
      long second = borrower.get(10, TimeUnit.SECONDS);

      // Assert: the hung connection failed its pre-ping and was replaced, not reclaimed as a
      // leak; the pool never had two connections and the counters add up.
      PoolStats s = pool.stats();
      System.out.println("[reclaim-race] " + s);
      assertThat(second).isNotEqualTo(first);
      assertThat(leaksReported).hasValue(0);
      assertThat(s.destroyed()).containsEntry(CloseReason.LEAK, 0L)
          .containsEntry(CloseReason.INVALID, 1L);
      assertThat(plan.stats().peakOpen()).isEqualTo(1);
      LoadHarness.assertAtRestAndWhole(pool, plan, 2);
      LoadHarness.assertClosedClean(pool, plan);
    }
  }

  @Test
  void closeDestroysAConnectionBeingCheckedOutOnce() throws Exception {
    // Arrange: every borrow pre-pings; the next pre-ping hangs until its 1 s timeout.
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    PoolConfig config = PoolConfig.builder().poolName("close-race").jdbcUrl(url).maxSize(1)
        .acquireTimeout(Duration.ofSeconds(5)).validationTimeout(Duration.ofSeconds(1))
        .validationBypassWindow(Duration.ZERO).shutdownGracePeriod(Duration.ZERO)
        .registerMbean(false).build();
    ConnectionPool pool = ConnectionPool.create(config);
    plan.hang(FaultTrigger.once(), NetworkCall.IS_VALID);
    AtomicReference<Thread> borrowerThread = new AtomicReference<>();
    Future<Long> borrower = executor.submit(() -> {
      borrowerThread.set(Thread.currentThread());
      return borrowAndReturn(pool);
    });
    FifoFairnessTest.awaitCondition("the pre-ping hangs", () -> plan.stats().isValidCalls() == 1
        && borrowerThread.get() != null
        && borrowerThread.get().getState() == Thread.State.TIMED_WAITING);

    // Act
    pool.close();

    // Assert: the borrower is refused, the connection was closed exactly once and never counted
    // as lent.
    assertThat(borrower).failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(SQLNonTransientConnectionException.class);
    PoolStats s = pool.stats();
    System.out.println("[close-race] " + s);
    assertThat(s.created()).isEqualTo(1);
    assertThat(s.destroyedTotal()).isEqualTo(1);
    assertThat(s.acquired()).isZero();
    assertThat(s.released()).isZero();
    assertThat(s.total()).isZero();
    assertThat(plan.stats().open()).isZero();
  }

  private static long borrowAndReturn(ConnectionPool pool) throws SQLException {
    Connection c = pool.getConnection();
    try {
      return c.unwrap(FaultConnection.class).id();
    } finally {
      c.close();
    }
  }
}
