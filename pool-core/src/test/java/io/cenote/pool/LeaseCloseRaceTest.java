package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.stubConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.ThreadMode;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many threads end the same lease at once, by close (once or twice), invalidate and abort,
 * round after round: its listener hears {@code leaseClosed} exactly once, the connection goes
 * back (or is closed) exactly once, an abort that lost the race never kills the connection once
 * it is back in the pool, and the pool ends every round whole.
 */
@ConcurrencyTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LeaseCloseRaceTest {

  private static final int ROUNDS = 2_000;
  private static final int CLOSERS = 8;

  /** Counts leaseClosed callbacks. */
  private static final class Counting implements TransactionListener {
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public void leaseClosed() {
      closed.incrementAndGet();
    }
  }

  @ParameterizedTest
  @EnumSource(ThreadMode.class)
  void leaseClosedFiresExactlyOnceWhenThreadsEndALeaseTogether(ThreadMode mode)
      throws Exception {
    mode.assumeAvailable();
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    List<Integer> closedCounts = new ArrayList<>();
    int brokenLends = 0;
    ExecutorService executor = mode.newExecutor("closer");
    try (ConnectionPool pool = ConnectionPool.create(stubConfig("close-race", url).maxSize(2)
        .minIdle(2).autoCommit(false).acquireTimeout(Duration.ofSeconds(10)).build())) {
      for (int round = 0; round < ROUNDS; round++) {
        Connection c = pool.getConnection();
        if (!c.isValid(1)) {
          brokenLends++;
        }
        Counting listener = new Counting();
        c.unwrap(LeasedConnection.class).setTransactionListener(listener);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> closers = new ArrayList<>();
        for (int t = 0; t < CLOSERS; t++) {
          int kind = (round + t) % 4;
          closers.add(executor.submit(() -> {
            go.await();
            end(c, kind);
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : closers) {
          f.get(10, TimeUnit.SECONDS);
        }
        closedCounts.add(listener.closed.get());
      }

      assertThat(pool.activeCount()).isZero();
      assertThat(pool.stats().released()).as("every lease came back once")
          .isEqualTo(pool.stats().acquired()).isEqualTo(ROUNDS);
    } finally {
      executor.shutdownNow();
    }
    assertThat(closedCounts).as("leaseClosed per lease").hasSize(ROUNDS).containsOnly(1);
    assertThat(brokenLends).as("connections lent after an abort that lost the race").isZero();
    assertThat(plan.stats().open()).as("physical connections left open").isZero();
  }

  /** Ends the lease one of four ways. */
  private static void end(Connection c, int kind) throws SQLException {
    switch (kind) {
      case 0 -> c.close();
      case 1 -> {
        c.close();
        c.close();
      }
      case 2 -> c.unwrap(LeasedConnection.class).invalidate();
      default -> c.abort(Runnable::run);
    }
  }
}
