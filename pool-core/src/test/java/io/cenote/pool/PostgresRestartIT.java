package io.cenote.pool;

import static io.cenote.pool.PoolItSupport.awaitPgSessions;
import static io.cenote.pool.PoolItSupport.pgSessions;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolItSupport.RecordingListener;
import io.cenote.pool.RestartUnderLoad.Outcome;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL primary crashes and restarts ({@code pg_ctl stop -m immediate}, then start)
 * while eight threads keep querying through a pool with pre-ping: requests may fail only while
 * the server is down, none after it is back, and nothing leaks.
 *
 * <p>The server is started again in {@code finally} whatever happens, because other suites may
 * share it.
 */
class PostgresRestartIT {

  private static final int CLIENTS = 8;

  @Test
  void noRequestFailsOnceTheRestartedServerIsBack(
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.PRIMARY)
          DatabaseTarget pg) throws Exception {
    restartUnderLoad(pg, "restart() = pg_ctl stop -m immediate + start",
        () -> pg.server().restart());
  }

  /**
   * The same with the server kept down for 3 s, longer than the 2 s acquire timeout, so that
   * borrowers do time out while it is down: each gets the pool's
   * {@link SQLTransientConnectionException} with the driver's error as its cause and SQLState:
   * {@code 08001} (connection refused) while down, {@code 57P03} while it recovers.
   */
  @Test
  void borrowersTimingOutDuringALongOutageSeeTheDriversConnectionError(
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.PRIMARY)
          DatabaseTarget pg) throws Exception {
    RestartUnderLoad load = restartUnderLoad(pg, "kill, 3 s down, start", () -> {
      pg.server().kill();
      try {
        Thread.sleep(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      pg.server().start();
    });

    assertThat(load.failuresBetween(load.killNanos, load.backNanos))
        .filteredOn(o -> o.failure() instanceof SQLTransientConnectionException)
        .as("acquire timeouts with the driver's connection-refused error while it was down")
        .anySatisfy(o -> {
          assertThat(((SQLException) o.failure()).getSQLState()).isEqualTo("08001");
          assertThat(o.failure().getCause()).isInstanceOf(SQLException.class);
          assertThat(((SQLException) o.failure().getCause()).getSQLState()).isEqualTo("08001");
        });
  }

  private static RestartUnderLoad restartUnderLoad(DatabaseTarget pg, String how,
      Runnable restart) throws Exception {
    String app = PoolItSupport.uniqueName("cenote_restart");
    RecordingListener events = new RecordingListener();
    PoolConfig config = PoolItSupport.postgres(pg, app)
        .maxSize(CLIENTS)
        .acquireTimeout(Duration.ofSeconds(2))
        .validateOnBorrow(true)
        .validationTimeout(Duration.ofSeconds(1))
        .listener(events)
        .build();

    RestartUnderLoad load;
    try (ConnectionPool pool = ConnectionPool.create(config)) {
      PoolItSupport.await("the pool warms to " + CLIENTS, Duration.ofSeconds(10),
          () -> pool.stats().total() == CLIENTS);
      load = new RestartUnderLoad(pool, CLIENTS, "SELECT 1");
      try {
        load.run(Duration.ofSeconds(1), restart, () -> probe(pg), Duration.ofSeconds(3));
      } finally {
        pg.server().start();   // no-op when it is up; never leave the shared server down
      }
      System.out.println(load.report("[PostgresRestartIT] " + how + ", " + CLIENTS
          + " clients, validateOnBorrow, acquireTimeout 2 s"));

      assertThat(load.failuresStartedBefore(load.killNanos)).as("failures before the kill")
          .isEmpty();
      assertThat(load.failuresStartedFrom(load.backNanos))
          .as("requests started after the server was back must all succeed")
          .isEmpty();
      for (Outcome failed : load.failuresBetween(load.killNanos, load.backNanos)) {
        assertOutageFailure(failed.failure());
      }
      assertThat(load.firstSuccessStartedAfterBack()).isNotNull();
      assertThat(load.outcomes().stream().filter(o -> o.startNanos() - load.backNanos >= 0))
          .as("requests after the server was back").hasSizeGreaterThan(100);
      assertThat(events.acquireTimeouts).hasSize(
          (int) load.outcomes().stream()
              .filter(o -> o.failure() instanceof SQLTransientConnectionException).count());

      // Every connection from before the crash was thrown away, none was lent broken again.
      PoolStats stats = pool.stats();
      assertThat(stats.destroyed().getOrDefault(CloseReason.INVALID, 0L))
          .isGreaterThanOrEqualTo(CLIENTS);
      assertThat(stats.active()).isZero();
      PoolItSupport.await("the pool refills", Duration.ofSeconds(10),
          () -> pool.stats().total() == CLIENTS);
      awaitPgSessions(pg, app, CLIENTS);
      assertThat(pgSessions(pg, app)).isEqualTo(pool.stats().total());
    }
    awaitPgSessions(pg, app, 0);
    return load;
  }

  /**
   * While the server is down a request fails either because its query hit the crash (a fatal
   * SQLState) or because no connection could be opened in time: then it is the pool's
   * {@link SQLTransientConnectionException} carrying the driver's error (class 08, or 57P03).
   */
  private static void assertOutageFailure(Throwable failure) {
    assertThat(failure).isInstanceOf(SQLException.class);
    if (failure instanceof SQLTransientConnectionException timeout) {
      // Refused while down (08001), or "the database system is starting up" (57P03) while
      // the restarted server still replays its WAL; the pool passes the driver's state on.
      assertThat(timeout.getMessage()).contains("could not lend a connection");
      assertThat(timeout.getCause()).isInstanceOf(SQLException.class);
      String causeState = ((SQLException) timeout.getCause()).getSQLState();
      assertThat(causeState).matches("08...|57P03");
      assertThat(timeout.getSQLState()).isEqualTo(causeState);
    } else {
      assertThat(((SQLException) failure).getSQLState())
          .as("SQLState of %s", failure)
          .matches("08...|57P0[1-3]");
    }
  }

  private static boolean probe(DatabaseTarget pg) throws SQLException {
    try (Connection c = pg.connect()) {
      return c.isValid(2);
    }
  }
}
