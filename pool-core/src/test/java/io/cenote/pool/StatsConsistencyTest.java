package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.awaitWaiting;
import static io.cenote.pool.PoolTestSupport.inThread;
import static io.cenote.pool.PoolTestSupport.stubConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What {@link PoolStats} reports stays true to the pool while it changes underneath. */
class StatsConsistencyTest {

  private final String url = FaultDriver.uniqueStubUrl();
  private final FaultPlan plan = FaultDriver.plan(url);
  private ConnectionPool pool;

  @AfterEach
  void close() {
    plan.reset();
    if (pool != null) {
      pool.close();
    }
    assertThat(plan.stats().open()).isZero();
  }

  @Test
  void overflowInUseCountsOnlyLentConnections() throws Exception {
    pool = ConnectionPool.create(stubConfig("stats", url).maxSize(2).minIdle(2).maxOverflow(2)
        .acquireTimeout(Duration.ofSeconds(10)).build());
    List<Connection> held = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      held.add(pool.getConnection());
    }
    assertThat(pool.stats().overflowInUse()).isEqualTo(2);
    pool.suspend();
    FutureTask<Void> waiter = inThread("stats-waiter", () -> {
      pool.getConnection().close();
      return null;
    });
    awaitWaiting(pool, 1);

    // A waiter is queued, so returned overflow connections stay open, idle while suspended.
    held.remove(0).close();
    held.remove(0).close();

    PoolStats s = pool.stats();
    assertThat(s.total()).isEqualTo(4);
    assertThat(s.active()).isEqualTo(2);
    assertThat(s.idle()).isEqualTo(2);
    assertThat(s.overflowInUse()).as("two lent, both within maxSize").isZero();
    pool.resume();
    waiter.get(5, TimeUnit.SECONDS);
    for (Connection c : held) {
      c.close();
    }
  }

  @Test
  @Tag("concurrency")
  void countersNeverGoBackwardsWhileConnectionsRetire() throws Exception {
    // maxUses 1: every return closes its connection, the path where an entry briefly leaves
    // the live set before its hold times reach the retired histogram.
    pool = ConnectionPool.create(stubConfig("stats", url).maxSize(4).minIdle(4).maxUses(1)
        .validateOnBorrow(false).acquireTimeout(Duration.ofSeconds(10)).build());
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService borrowers = Executors.newFixedThreadPool(4);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      work.add(borrowers.submit(() -> {
        while (running.get()) {
          try (Connection c = pool.getConnection()) {
            c.isClosed();
          }
        }
        return null;
      }));
    }
    long lastAcquired = 0;
    long lastReleased = 0;
    long reads = 0;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    try {
      while (System.nanoTime() - end < 0) {
        PoolStats s = pool.stats();
        assertThat(s.acquired()).as("acquired after %d reads", reads)
            .isGreaterThanOrEqualTo(lastAcquired);
        assertThat(s.released()).as("released after %d reads", reads)
            .isGreaterThanOrEqualTo(lastReleased);
        assertThat(s.released()).isLessThanOrEqualTo(s.acquired());
        lastAcquired = s.acquired();
        lastReleased = s.released();
        reads++;
      }
    } finally {
      running.set(false);
      for (Future<?> f : work) {
        f.get(10, TimeUnit.SECONDS);
      }
      borrowers.shutdown();
    }
    System.out.printf("stats read %d times over %d borrows; never went backwards%n", reads,
        lastAcquired);
    assertThat(lastAcquired).isGreaterThan(1000);
  }
}
