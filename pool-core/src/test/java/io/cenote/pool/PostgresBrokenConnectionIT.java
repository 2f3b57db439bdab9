package io.cenote.pool;

import static io.cenote.pool.PoolItSupport.awaitPgSessions;
import static io.cenote.pool.PoolItSupport.pgSessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolTestSupport.ManualTicker;
import io.cenote.pool.PoolItSupport.RecordingListener;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Sessions killed on the server with {@code pg_terminate_backend} (from a separate connection of
 * the same role, as an operator or a failover tool would) are found out by the pool and never lent
 * again.
 */
class PostgresBrokenConnectionIT {

  private static final Duration PAST_BYPASS_WINDOW = Duration.ofSeconds(1);

  /**
   * The victims are picked first (a materialised CTE), so pg_terminate_backend never runs on
   * other sessions, such as the superuser's background workers, which the planner might
   * otherwise evaluate before the filter.
   */
  private static final String TERMINATE_BY_APPLICATION = "WITH victims AS MATERIALIZED"
      + " (SELECT pid FROM pg_stat_activity WHERE application_name = ?)"
      + " SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM victims";
  private static final String TERMINATE_BY_PID = "WITH victims AS MATERIALIZED"
      + " (SELECT pid FROM pg_stat_activity WHERE pid = ?)"
      + " SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM victims";

  @Test
  void terminatedIdleConnectionsFailTheirPrePingAndAreReplaced(
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.PRIMARY)
          DatabaseTarget pg) throws Exception {
    String app = PoolItSupport.uniqueName("cenote_terminate");
    ManualTicker ticker = new ManualTicker();
    RecordingListener events = new RecordingListener();
    int size = 4;
    try (ConnectionPool pool = ConnectionPool.create(PoolItSupport.postgres(pg, app)
        .maxSize(size)
        .validateOnBorrow(true)
        .acquireTimeout(Duration.ofSeconds(5))
        .ticker(ticker)
        .listener(events)
        .build())) {
      PoolItSupport.await("the pool warms up", Duration.ofSeconds(10),
          () -> pool.stats().total() == size);
      awaitPgSessions(pg, app, size);
      Set<Long> original = new HashSet<>(events.connects);

      long terminated = Sql.queryLong(pg, TERMINATE_BY_APPLICATION, app);
      assertThat(terminated).isEqualTo(size);
      awaitPgSessions(pg, app, 0);
      ticker.advance(PAST_BYPASS_WINDOW);   // last known good long enough ago: pre-ping runs

      List<Connection> borrowed = new ArrayList<>();
      try {
        for (int i = 0; i < size; i++) {
          Connection c = pool.getConnection();
          borrowed.add(c);
          assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
          assertThat(original).doesNotContain(c.unwrap(LeasedConnection.class).connectionId());
        }
      } finally {
        for (Connection c : borrowed) {
          c.close();
        }
      }

      assertThat(events.closedWith(CloseReason.INVALID))
          .containsExactlyInAnyOrderElementsOf(original);
      assertThat(events.invalidated).containsExactlyInAnyOrderElementsOf(original);
      PoolStats stats = pool.stats();
      assertThat(stats.validationFailures()).isEqualTo(size);
      assertThat(stats.timeouts()).isZero();
      awaitPgSessions(pg, app, size);
      assertThat(pgSessions(pg, app)).isEqualTo(pool.stats().total()).isEqualTo(size);
      System.out.printf("[PostgresBrokenConnectionIT] terminated %d idle sessions; next %d"
              + " borrows all succeeded; validationFailures=%d, closed INVALID=%s, created=%d,"
              + " pool total=%d = pg_stat_activity=%d%n", terminated, size,
          stats.validationFailures(), events.closedWith(CloseReason.INVALID), stats.created(),
          pool.stats().total(), pgSessions(pg, app));
    }
    awaitPgSessions(pg, app, 0);
  }

  @Test
  void aConnectionKilledWhileBorrowedIsClosedOnReturnNotReused(
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.PRIMARY)
          DatabaseTarget pg) throws Exception {
    String app = PoolItSupport.uniqueName("cenote_midwork");
    RecordingListener events = new RecordingListener();
    try (ConnectionPool pool = ConnectionPool.create(PoolItSupport.postgres(pg, app)
        .maxSize(1)
        .acquireTimeout(Duration.ofSeconds(5))
        .listener(events)
        .build())) {
      long brokenId;
      int brokenPid;
      try (Connection c = pool.getConnection()) {
        brokenId = c.unwrap(LeasedConnection.class).connectionId();
        brokenPid = queryInt(c, "SELECT pg_backend_pid()");
        assertThat(Sql.queryLong(pg, TERMINATE_BY_PID, brokenPid)).isOne();
        PoolItSupport.await("backend " + brokenPid + " is gone", Duration.ofSeconds(10),
            () -> Sql.queryLong(pg, "SELECT count(*) FROM pg_stat_activity WHERE pid = ?",
                brokenPid) == 0);

        assertThatThrownBy(() -> queryInt(c, "SELECT 1"))
            .isInstanceOf(SQLException.class)
            .satisfies(e -> {
              String state = ((SQLException) e).getSQLState();
              System.out.printf("[PostgresBrokenConnectionIT] query on the killed session:"
                  + " SQLState %s, %s%n", state, e.getMessage());
              assertThat(state).isIn("57P01", "08006", "08003");
            });
      }

      assertThat(events.invalidated).containsExactly(brokenId);
      assertThat(events.closedWith(CloseReason.INVALID)).containsExactly(brokenId);
      try (Connection next = pool.getConnection()) {
        assertThat(next.unwrap(LeasedConnection.class).connectionId()).isNotEqualTo(brokenId);
        assertThat(queryInt(next, "SELECT pg_backend_pid()")).isNotEqualTo(brokenPid);
      }
      PoolStats stats = pool.stats();
      assertThat(stats.destroyed().get(CloseReason.INVALID)).isOne();
      assertThat(stats.total()).isOne();
      awaitPgSessions(pg, app, 1);
    }
    awaitPgSessions(pg, app, 0);
  }

  static int queryInt(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getInt(1);
    }
  }
}
