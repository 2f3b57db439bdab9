package io.cenote.pool;

import static io.cenote.pool.PoolItSupport.awaitPgSessions;
import static io.cenote.pool.PoolItSupport.pgSessions;
import static io.cenote.pool.PostgresBrokenConnectionIT.queryInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolItSupport.Leak;
import io.cenote.pool.PoolTestSupport.ManualTicker;
import io.cenote.pool.PoolItSupport.RecordingListener;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Leak detection and reclaim against a real PostgreSQL session. Time is a hand-driven ticker and
 * housekeeping is run on demand, so nothing sleeps for the thresholds.
 */
class PostgresLeakDetectionIT {

  private static final Duration THRESHOLD = Duration.ofSeconds(2);
  private static final Duration RECLAIM = Duration.ofSeconds(5);

  @Test
  void aLeakedConnectionIsReportedWithItsBorrowerAndThenReclaimed(
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.PRIMARY)
          DatabaseTarget pg) throws Exception {
    String app = PoolItSupport.uniqueName("cenote_leak");
    ManualTicker ticker = new ManualTicker();
    RecordingListener events = new RecordingListener();
    try (ConnectionPool pool = ConnectionPool.create(PoolItSupport.postgres(pg, app)
        .maxSize(2)
        .leakDetectionThreshold(THRESHOLD)
        .leakReclaim(RECLAIM)
        .ticker(ticker)
        .listener(events)
        .build())) {
      Connection leaked = pool.getConnection();   // never closed by this "application"
      long id = leaked.unwrap(LeasedConnection.class).connectionId();
      int pid = queryInt(leaked, "SELECT pg_backend_pid()");

      ticker.advance(THRESHOLD.plusMillis(500));
      pool.housekeep();
      PoolItSupport.await("the leak is reported", Duration.ofSeconds(5),
          () -> !events.leaks.isEmpty());

      Leak leak = events.leaks.get(0);
      assertThat(leak.connectionId()).isEqualTo(id);
      assertThat(leak.heldNanos()).isGreaterThan(THRESHOLD.toNanos());
      assertThat(Arrays.stream(leak.borrowSite().getStackTrace()))
          .as("the borrow site names the test method that borrowed the connection")
          .anySatisfy(frame -> {
            assertThat(frame.getClassName()).isEqualTo(PostgresLeakDetectionIT.class.getName());
            assertThat(frame.getMethodName())
                .isEqualTo("aLeakedConnectionIsReportedWithItsBorrowerAndThenReclaimed");
          });
      assertThat(events.closes).isEmpty();   // reported, not yet reclaimed
      assertThat(queryInt(leaked, "SELECT 1")).isEqualTo(1);
      assertThat(pidAlive(pg, pid)).isTrue();

      ticker.advance(RECLAIM.minus(THRESHOLD));   // now held 5.5 s
      pool.housekeep();
      PoolItSupport.await("the leaked connection is reclaimed", Duration.ofSeconds(5),
          () -> events.closedWith(CloseReason.LEAK).contains(id));
      PoolItSupport.await("backend " + pid + " is gone from pg_stat_activity",
          PoolItSupport.SERVER_CATCH_UP, () -> !pidAlive(pg, pid));
      assertThat(events.leaks).hasSize(1);   // reported once per borrow

      // The holder finds its connection dead; returning it is harmless.
      assertThatThrownBy(() -> queryInt(leaked, "SELECT 1")).isInstanceOf(SQLException.class);
      leaked.close();

      PoolStats stats = pool.stats();
      assertThat(stats.destroyed().get(CloseReason.LEAK)).isOne();
      assertThat(stats.active()).isZero();
      PoolItSupport.await("the pool refills to 2", Duration.ofSeconds(10),
          () -> pool.stats().total() == 2);
      awaitPgSessions(pg, app, 2);
      System.out.printf("[PostgresLeakDetectionIT] leak of connection %d (backend %d) reported"
              + " after %d ms held, borrow site top frames: %s; reclaimed (LEAK) and backend"
              + " gone; pool total=%d = pg_stat_activity=%d%n", id, pid,
          leak.heldNanos() / 1_000_000,
          Arrays.stream(leak.borrowSite().getStackTrace()).limit(4).toList(),
          pool.stats().total(), pgSessions(pg, app));
    }
    awaitPgSessions(pg, app, 0);
  }

  private static boolean pidAlive(DatabaseTarget pg, int pid) throws SQLException {
    return Sql.queryLong(pg, "SELECT count(*) FROM pg_stat_activity WHERE pid = ?", pid) == 1;
  }
}
