package io.cenote.pool;

import static io.cenote.pool.PoolItSupport.awaitPgSessions;
import static io.cenote.pool.PoolItSupport.pgSessions;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolTestSupport.ManualTicker;
import io.cenote.pool.PoolItSupport.RecordingListener;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The physical connections PostgreSQL sees ({@code pg_stat_activity}, filtered by this test's own
 * {@code application_name}) match {@link PoolStats#total()} through the whole life of a pool:
 * warm-up, growth under load, overflow, shrinking by idle timeout and by resize, and close.
 */
class PostgresPoolSizingIT {

  private static final int MIN_IDLE = 2;
  private static final int MAX_SIZE = 6;
  private static final int MAX_OVERFLOW = 2;
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  @Test
  void serverSessionsMatchThePoolsTotalThroughItsLife(
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.PRIMARY)
          DatabaseTarget pg) throws Exception {
    String app = PoolItSupport.uniqueName("cenote_sizing");
    ManualTicker ticker = new ManualTicker();
    RecordingListener events = new RecordingListener();
    PoolConfig config = PoolItSupport.postgres(pg, app)
        .minIdle(MIN_IDLE)
        .maxSize(MAX_SIZE)
        .maxOverflow(MAX_OVERFLOW)
        .idleTimeout(IDLE_TIMEOUT)
        .acquireTimeout(Duration.ofSeconds(10))
        .ticker(ticker)
        .listener(events)
        .build();

    ConnectionPool pool = ConnectionPool.create(config);
    try {
      // Warm-up: the pool opens minIdle connections in the background.
      expectSessions(pg, app, pool, MIN_IDLE, "after warm-up");

      // Growth under load: 16 clients for 1.5 s reach maxSize + maxOverflow; overflow
      // connections close as soon as nobody waits, leaving maxSize.
      long[] load = hammer(pool, 16, Duration.ofMillis(1500), pg, app);
      PoolStats afterLoad = pool.stats();
      System.out.printf("[PostgresPoolSizingIT] load: %d queries by 16 clients, peakTotal=%d,"
              + " most sessions seen on the server while loaded=%d, overflow closed=%d,"
              + " p99 wait=%s%n", load[0], afterLoad.peakTotal(), load[1],
          afterLoad.destroyed().get(CloseReason.OVERFLOW), afterLoad.waitTime().p99());
      assertThat(afterLoad.peakTotal()).isEqualTo(MAX_SIZE + MAX_OVERFLOW);
      expectSessions(pg, app, pool, MAX_SIZE, "after load");

      // Overflow held: 8 borrowers hold a connection each at the same time.
      holdAll(pool, MAX_SIZE + MAX_OVERFLOW, () ->
          expectSessions(pg, app, pool, MAX_SIZE + MAX_OVERFLOW, "while 8 are held"));
      expectSessions(pg, app, pool, MAX_SIZE, "after the overflow was returned");

      // Shrink by idle timeout: idle connections above minIdle close.
      ticker.advance(IDLE_TIMEOUT.plusSeconds(1));
      pool.housekeep();
      expectSessions(pg, app, pool, MIN_IDLE, "after the idle timeout");
      assertThat(events.closedWith(CloseReason.IDLE)).hasSize(MAX_SIZE - MIN_IDLE);

      // Grow by resize (minIdle 5 warms up), then shrink by resize (idle surplus closes now).
      pool.resize(5, 5, 0);
      expectSessions(pg, app, pool, 5, "after resize(5, 5, 0)");
      pool.resize(1, 1, 0);
      expectSessions(pg, app, pool, 1, "after resize(1, 1, 0)");
      assertThat(pool.stats().destroyed().get(CloseReason.EVICTED)).isEqualTo(4);
    } finally {
      pool.close();
    }
    assertThat(pool.stats().total()).isZero();
    awaitPgSessions(pg, app, 0);
    System.out.printf("[PostgresPoolSizingIT] after close: pool total=0, server sessions=%d;"
        + " lifetime: created=%d, destroyed=%s%n", pgSessions(pg, app), pool.stats().created(),
        pool.stats().destroyed());
  }

  /** Waits until the pool holds {@code expected} connections and the server shows as many. */
  private static void expectSessions(DatabaseTarget pg, String app, ConnectionPool pool,
      int expected, String when) throws Exception {
    try {
      PoolItSupport.await("pool total is " + expected + " " + when, Duration.ofSeconds(10),
          () -> pool.stats().total() == expected);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; pool: " + pool.stats() + ", server sessions: "
          + pgSessions(pg, app), e);
    }
    awaitPgSessions(pg, app, expected);
    long sessions = pgSessions(pg, app);
    System.out.printf("[PostgresPoolSizingIT] %-32s pool total=%d, pg_stat_activity=%d%n", when,
        pool.stats().total(), sessions);
    assertThat(sessions).as("server sessions " + when).isEqualTo(pool.stats().total());
  }

  /**
   * Runs short queries from {@code clients} threads for the duration while sampling the server's
   * session count; returns {queries, most sessions sampled}.
   */
  private static long[] hammer(ConnectionPool pool, int clients, Duration duration,
      DatabaseTarget pg, String app) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(clients);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong queries = new AtomicLong();
    long mostSessions = 0;
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        futures.add(executor.submit(() -> {
          while (!stop.get()) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_sleep(0.005)")) {
              rs.next();
            }
            queries.incrementAndGet();
          }
          return null;
        }));
      }
      long end = System.nanoTime() + duration.toNanos();
      while (System.nanoTime() - end < 0) {
        mostSessions = Math.max(mostSessions, pgSessions(pg, app));
        Thread.sleep(50);
      }
      stop.set(true);
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.SECONDS);   // rethrows any client failure
      }
    } finally {
      stop.set(true);
      executor.shutdownNow();
    }
    return new long[] {queries.get(), mostSessions};
  }

  /** Borrows {@code n} connections on n threads, runs the check while all are held. */
  private static void holdAll(ConnectionPool pool, int n, Check whileHeld) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(n);
    CountDownLatch held = new CountDownLatch(n);
    CountDownLatch release = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(executor.submit(() -> {
          try (Connection c = pool.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
            held.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
          }
          return null;
        }));
      }
      assertThat(held.await(10, TimeUnit.SECONDS)).as("all %d borrowed", n).isTrue();
      whileHeld.run();
      release.countDown();
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      release.countDown();
      executor.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface Check {
    void run() throws Exception;
  }
}
