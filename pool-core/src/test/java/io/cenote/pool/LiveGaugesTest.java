package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.awaitTotal;
import static io.cenote.pool.PoolTestSupport.awaitWaiting;
import static io.cenote.pool.PoolTestSupport.inThread;
import static io.cenote.pool.PoolTestSupport.stubConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.AllocationCounter;
import io.cenote.testkit.fault.FaultDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live gauges of every pool ({@code activeCount}, {@code waitingCount}, {@code capacity} and
 * the current sizes): equal to {@code stats()} whenever the pool is quiet, following a resize at
 * once, and free to read.
 */
class LiveGaugesTest {

  private final String url = FaultDriver.uniqueStubUrl();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  private <P extends AutoCloseable> P closeLater(P pool) {
    toClose.add(pool);
    return pool;
  }

  @AfterEach
  void closePools() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private static void assertGaugesMatchStats(AbstractPool pool) {
    PoolStats s = pool.stats();
    assertThat(pool.activeCount()).as("activeCount").isEqualTo(s.active());
    assertThat(pool.waitingCount()).as("waitingCount").isEqualTo(s.waiting());
    assertThat(pool.maxSize()).as("maxSize").isEqualTo(s.maxSize());
    assertThat(pool.minIdle()).as("minIdle").isEqualTo(s.minIdle());
    assertThat(pool.maxOverflow()).as("maxOverflow").isEqualTo(s.maxOverflow());
    assertThat(pool.capacity()).as("capacity").isEqualTo(s.maxSize() + s.maxOverflow());
  }

  @Test
  void gaugesEqualStatsAfterBorrowsAndReturns() throws SQLException {
    ConnectionPool pool = closeLater(ConnectionPool.create(
        stubConfig("gauges", url).maxSize(3).minIdle(3).maxOverflow(1).build()));
    awaitTotal(pool, 3);
    assertGaugesMatchStats(pool);
    assertThat(pool.activeCount()).isZero();

    Connection first = pool.getConnection();
    Connection second = pool.getConnection();
    assertGaugesMatchStats(pool);
    assertThat(pool.activeCount()).isEqualTo(2);

    first.close();
    assertGaugesMatchStats(pool);
    assertThat(pool.activeCount()).isEqualTo(1);

    second.close();
    first.close();
    assertGaugesMatchStats(pool);
    assertThat(pool.activeCount()).isZero();
    assertThat(pool.capacity()).isEqualTo(4);
  }

  @Test
  void waitingCountShowsQueuedBorrowersUntilTheyAreServed() throws Exception {
    ConnectionPool pool = closeLater(ConnectionPool.create(
        stubConfig("gauges", url).acquireTimeout(Duration.ofSeconds(10)).build()));
    Connection held = pool.getConnection();
    List<FutureTask<Boolean>> waiters = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      waiters.add(inThread("gauge-waiter-" + i, () -> {
        try (Connection c = pool.getConnection()) {
          return c.isValid(1);
        }
      }));
    }

    awaitWaiting(pool, 2);
    assertGaugesMatchStats(pool);
    assertThat(pool.waitingCount()).isEqualTo(2);
    assertThat(pool.activeCount()).isEqualTo(1);

    held.close();
    for (FutureTask<Boolean> w : waiters) {
      assertThat(w.get(10, TimeUnit.SECONDS)).isTrue();
    }
    assertGaugesMatchStats(pool);
    assertThat(pool.waitingCount()).isZero();
    assertThat(pool.activeCount()).isZero();
  }

  @Test
  void capacityAndSizesFollowAResizeAtOnce() {
    ConnectionPool pool = closeLater(ConnectionPool.create(
        stubConfig("gauges", url).maxSize(2).minIdle(1).build()));
    assertThat(pool.capacity()).isEqualTo(2);

    pool.resize(0, 5, 3);

    assertThat(pool.capacity()).isEqualTo(8);
    assertThat(pool.maxSize()).isEqualTo(5);
    assertThat(pool.minIdle()).isZero();
    assertThat(pool.maxOverflow()).isEqualTo(3);
    assertGaugesMatchStats(pool);
    assertThat(pool.config().maxSize()).as("the configuration stays as created").isEqualTo(2);

    pool.resize(1, 1, 0);

    assertThat(pool.capacity()).isEqualTo(1);
    assertGaugesMatchStats(pool);
  }

  @Test
  void aResourcePoolHasTheSameGauges() throws Exception {
    ResourcePool<ResourcePoolTest.Resource> pool = closeLater(ResourcePool.create(
        PoolConfig.builder().poolName(PoolTestSupport.uniqueName("gauges")).registerMbean(false)
            .maxSize(2).minIdle(2).maxOverflow(1).build(),
        new ResourcePoolTest.Factory()));
    awaitTotal(pool, 2);

    try (ResourcePool.Lease<ResourcePoolTest.Resource> lease = pool.acquire()) {
      assertThat(lease.get()).isNotNull();
      assertGaugesMatchStats(pool);
      assertThat(pool.activeCount()).isEqualTo(1);
      assertThat(pool.capacity()).isEqualTo(3);
    }
    assertGaugesMatchStats(pool);
    assertThat(pool.activeCount()).isZero();
  }

  @Test
  void readingTheGaugesAllocatesNothing() throws SQLException {
    AllocationCounter thread = AllocationCounter.forCurrentThread();
    ConnectionPool pool = closeLater(ConnectionPool.create(
        stubConfig("gauges", url).maxSize(8).minIdle(8).maxOverflow(2).build()));
    awaitTotal(pool, 8);
    List<Connection> lent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      lent.add(pool.getConnection());
    }
    long sink = 0;
    for (int round = 0; round < 20; round++) {
      sink += readGauges(pool, 100_000);
    }

    long before = thread.allocatedBytes();
    sink += readGauges(pool, 100_000);
    long allocated = thread.allocatedBytes() - before;

    assertThat(sink).isPositive();
    assertThat(allocated).as("bytes allocated by 100,000 readings of every gauge")
        .isLessThan(1024);
    for (Connection c : lent) {
      c.close();
    }
  }

  private static long readGauges(AbstractPool pool, int times) {
    long sum = 0;
    for (int i = 0; i < times; i++) {
      sum += pool.activeCount() + pool.waitingCount() + pool.capacity() + pool.maxSize()
          + pool.minIdle() + pool.maxOverflow();
    }
    return sum;
  }
}
