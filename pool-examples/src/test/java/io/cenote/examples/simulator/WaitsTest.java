package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.testkit.Polling;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the wait histogram of a tiny real pool on an SQLite file. */
class WaitsTest {

  /** The first bar's bound, 2^17 - 1 ns. */
  private static final double FIRST_BOUND_MILLIS = ((1L << 17) - 1) / 1e6;
  /** How long the queued borrower is kept waiting. */
  private static final long HELD_MILLIS = 100;

  @TempDir
  Path dir;

  private ConnectionPool pool() {
    return ConnectionPool.create(PoolConfig.builder().poolName("waits")
        .jdbcUrl("jdbc:sqlite:" + dir.resolve("waits.db")).minIdle(1).maxSize(1)
        .maxOverflow(0).acquireTimeout(Duration.ofSeconds(30)).registerMbean(false).build());
  }

  @Test
  void noPoolHasNoBars() {
    assertThat(Waits.of(null)).isEmpty();
  }

  @Test
  void poolWithoutBorrowsHasNoBars() {
    try (ConnectionPool pool = pool()) {
      assertThat(Waits.of(pool)).isEmpty();
    }
  }

  @Test
  void barsCountEveryBorrowOnDoublingBounds() throws SQLException {
    try (ConnectionPool pool = pool()) {
      for (int i = 0; i < 5; i++) {
        try (Connection c = pool.getConnection()) {
          c.createStatement().close();
        }
      }

      List<WaitBucket> bars = Waits.of(pool);

      assertThat(bars).isNotEmpty();
      assertThat(bars.stream().mapToLong(WaitBucket::borrows).sum()).isEqualTo(5);
      assertThat(bars.get(0).upToMillis()).isEqualTo(FIRST_BOUND_MILLIS);
      for (int i = 1; i < bars.size(); i++) {
        assertThat(bars.get(i).upToMillis()).isEqualTo(((1L << (17 + i)) - 1) / 1e6);
      }
      assertThat(bars.get(bars.size() - 1).borrows()).isPositive();
    }
  }

  @Test
  void aLongWaitReachesABarAtLeastAsLong() throws Exception {
    try (ConnectionPool pool = pool()) {
      Connection held = pool.getConnection();
      CompletableFuture<Void> queued = CompletableFuture.runAsync(() -> {
        try (Connection c = pool.getConnection()) {
          c.createStatement().close();
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      Polling.await("a borrower queues", Duration.ofSeconds(10),
          () -> pool.waitingCount() == 1);
      Thread.sleep(HELD_MILLIS);
      held.close();
      queued.get(10, TimeUnit.SECONDS);

      List<WaitBucket> bars = Waits.of(pool);

      assertThat(bars.stream().mapToLong(WaitBucket::borrows).sum()).isEqualTo(2);
      WaitBucket last = bars.get(bars.size() - 1);
      assertThat(last.upToMillis()).isGreaterThanOrEqualTo(HELD_MILLIS);
      assertThat(last.borrows()).isEqualTo(1);
    }
  }
}
