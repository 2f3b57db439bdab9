package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.ThreadMode;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Waiters are served first come, first served: with the pool exhausted, borrowers that queue in
 * a known order get the connection, returned one at a time, in exactly that order.
 */
@ConcurrencyTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FifoFairnessTest {

  private static final int ROUNDS = 25;
  private static final int WAITERS = 16;

  @ParameterizedTest
  @EnumSource(ThreadMode.class)
  void waitersAreServedInArrivalOrder(ThreadMode mode) throws Exception {
    mode.assumeAvailable();
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    PoolConfig config = PoolConfig.builder().poolName("fifo-" + mode.name().toLowerCase(Locale.ROOT))
        .jdbcUrl(url).maxSize(2).acquireTimeout(Duration.ofSeconds(30)).registerMbean(false)
        .build();
    ExecutorService executor = mode.newExecutor("fifo-waiter");
    long started = System.nanoTime();
    try (ConnectionPool pool = ConnectionPool.create(config)) {
      for (int round = 0; round < ROUNDS; round++) {
        // Arrange: exhaust the pool, then queue the waiters one by one; each must be counted
        // as waiting and parked before the next one starts.
        Connection first = pool.getConnection();
        Connection second = pool.getConnection();
        BlockingQueue<Integer> served = new LinkedBlockingQueue<>();
        List<CountDownLatch> giveBack = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
          int index = i;
          CountDownLatch latch = new CountDownLatch(1);
          AtomicReference<Thread> thread = new AtomicReference<>();
          giveBack.add(latch);
          futures.add(executor.submit(() -> {
            thread.set(Thread.currentThread());
            Connection c = pool.getConnection();
            try {
              served.add(index);
              latch.await();
            } finally {
              c.close();
            }
            return null;
          }));
          awaitCondition("waiter " + i + " queued", () -> pool.stats().waiting() == index + 1
              && parked(thread.get()));
        }

        // Act: return one connection; each waiter hands it on only when the test says so.
        first.close();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
          Integer next = served.poll(10, TimeUnit.SECONDS);
          order.add(next);
          assertThat(next).as("round %d: served so far %s", round, order).isEqualTo(i);
          giveBack.get(i).countDown();
        }
        second.close();
        for (Future<?> f : futures) {
          f.get(10, TimeUnit.SECONDS);
        }

        // Assert
        assertThat(served).isEmpty();
        assertThat(order).isSorted().hasSize(WAITERS);
      }
      PoolStats s = pool.stats();
      System.out.printf("[fifo/%s] %d rounds x %d waiters served in arrival order in %d ms;"
              + " wait p99=%s max=%s; %s%n", mode, ROUNDS, WAITERS,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          LoadHarness.ms(s.waitTime().p99()), LoadHarness.ms(s.waitTime().max()), s.gauges());
      LoadHarness.assertAtRestAndWhole(pool, plan, (long) ROUNDS * (WAITERS + 2));
      LoadHarness.assertClosedClean(pool, plan);
    } finally {
      executor.shutdownNow();
    }
  }

  private static boolean parked(Thread t) {
    if (t == null) {
      return false;
    }
    Thread.State state = t.getState();
    return state == Thread.State.TIMED_WAITING || state == Thread.State.WAITING;
  }

  static void awaitCondition(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(0, 100_000);
    }
  }
}
