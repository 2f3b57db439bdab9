package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.RestartUnderLoad.Outcome;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool against the MariaDB primary through mysql-connector-j: the server's own view of the
 * pool's sessions matches {@link PoolStats#total()}, and a restart under load fails no request
 * once the server is back.
 *
 * <p>MariaDB here has no performance schema, so connection attributes are not visible. Instead
 * every connection the pool opens registers its server thread id ({@code CONNECTION_ID()}) in a
 * table through {@code connectionInitSql}; {@code information_schema.PROCESSLIST} then tells which
 * of them are still open, whoever else uses the server.
 */
class MariaDbPoolIT {

  private DatabaseTarget maria;
  private String table;

  @BeforeEach
  void createRegistry(
      @Database(engine = DatabaseEngine.MARIADB, role = DatabaseRole.PRIMARY)
          DatabaseTarget target) throws SQLException {
    maria = target;
    table = PoolItSupport.uniqueName("cenote_sessions");
    Sql.execute(maria, "CREATE TABLE " + table
        + " (id BIGINT NOT NULL, opened TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))");
  }

  @AfterEach
  void dropRegistry() throws SQLException {
    if (maria == null) {
      return;   // the server was missing and the test skipped
    }
    maria.server().start();   // no-op when it is up; never leave the shared server down
    Sql.execute(maria, "DROP TABLE IF EXISTS " + table);
  }

  @Test
  void serverSessionsMatchThePoolsTotal() throws Exception {
    ConnectionPool pool = ConnectionPool.create(config("cenote-mariadb-sizing")
        .minIdle(1)
        .maxSize(4)
        .build());
    try {
      expectSessions(pool, 1, "after warm-up");
      hammer(pool, 8, Duration.ofSeconds(1));
      assertThat(pool.stats().peakTotal()).isEqualTo(4);
      expectSessions(pool, 4, "after load");
      pool.resize(1, 1, 0);
      expectSessions(pool, 1, "after resize(1, 1, 0)");
    } finally {
      pool.close();
    }
    PoolItSupport.await("no session of the pool is left", PoolItSupport.SERVER_CATCH_UP,
        () -> openSessions("1970-01-01 00:00:01") == 0);
    System.out.printf("[MariaDbPoolIT] after close: pool total=%d, server sessions=0%n",
        pool.stats().total());
  }

  @Test
  void noRequestFailsOnceTheRestartedServerIsBack() throws Exception {
    int clients = 4;
    ConnectionPool pool = ConnectionPool.create(config("cenote-mariadb-restart")
        .maxSize(clients)
        .acquireTimeout(Duration.ofSeconds(2))
        .validateOnBorrow(true)
        .validationTimeout(Duration.ofSeconds(1))
        .build());
    RestartUnderLoad load = new RestartUnderLoad(pool, clients, "SELECT 1");
    try {
      PoolItSupport.await("the pool warms up", Duration.ofSeconds(10),
          () -> pool.stats().total() == clients);
      // Thread ids start again from 1 after a restart: count only sessions opened since then.
      String beforeRestart = Sql.queryString(maria, "SELECT NOW(6)");
      try {
        load.run(Duration.ofSeconds(1), () -> maria.server().restart(), this::probe,
            Duration.ofSeconds(3));
      } finally {
        maria.server().start();
      }
      System.out.println(load.report("[MariaDbPoolIT] MariaDB primary restart() (clean"
          + " shutdown + start), " + clients + " clients, validateOnBorrow, acquireTimeout 2 s"));

      assertThat(load.failuresStartedBefore(load.killNanos)).isEmpty();
      assertThat(load.failuresStartedFrom(load.backNanos))
          .as("requests started after the server was back must all succeed")
          .isEmpty();
      for (Outcome failed : load.failuresBetween(load.killNanos, load.backNanos)) {
        assertThat(failed.failure()).isInstanceOf(SQLException.class);
        if (failed.failure() instanceof SQLTransientConnectionException timeout) {
          assertThat(timeout.getSQLState()).startsWith("08");
          assertThat(((SQLException) timeout.getCause()).getSQLState()).startsWith("08");
        }
      }
      assertThat(load.firstSuccessStartedAfterBack()).isNotNull();
      PoolItSupport.await("the pool refills", Duration.ofSeconds(10),
          () -> pool.stats().total() == clients);
      PoolItSupport.await("the server shows the pool's sessions", PoolItSupport.SERVER_CATCH_UP,
          () -> openSessions(beforeRestart) == clients);
      pool.close();
      PoolItSupport.await("no session of the pool is left", PoolItSupport.SERVER_CATCH_UP,
          () -> openSessions(beforeRestart) == 0);
    } finally {
      pool.close();
    }
  }

  private PoolConfig.Builder config(String name) {
    return PoolConfig.builder()
        .poolName(name)
        .jdbcUrl(maria.jdbcUrl())
        .username(maria.user())
        .password(maria.password())
        .driverProperty("connectTimeout", "2000")
        .driverProperty("socketTimeout", "10000")
        .connectionInitSql("INSERT INTO " + table + " (id) VALUES (CONNECTION_ID())")
        .registerMbean(false);
  }

  /** Sessions the pool opened since {@code since} (server time) that the server still has. */
  private long openSessions(String since) throws SQLException {
    return Sql.queryLong(maria, "SELECT count(*) FROM information_schema.PROCESSLIST"
        + " WHERE ID IN (SELECT id FROM " + table + " WHERE opened >= ?)", since);
  }

  private void expectSessions(ConnectionPool pool, int expected, String when) throws Exception {
    PoolItSupport.await("pool total is " + expected + " " + when, Duration.ofSeconds(10),
        () -> pool.stats().total() == expected);
    PoolItSupport.await("the server shows " + expected + " sessions " + when,
        PoolItSupport.SERVER_CATCH_UP, () -> openSessions("1970-01-01 00:00:01") == expected);
    System.out.printf("[MariaDbPoolIT] %-24s pool total=%d, PROCESSLIST=%d%n", when,
        pool.stats().total(), openSessions("1970-01-01 00:00:01"));
  }

  private boolean probe() throws SQLException {
    try (Connection c = maria.connect()) {
      return c.isValid(2);
    }
  }

  private static void hammer(ConnectionPool pool, int clients, Duration duration)
      throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(clients);
    AtomicBoolean stop = new AtomicBoolean();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        futures.add(executor.submit(() -> {
          while (!stop.get()) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT SLEEP(0.005)")) {
              rs.next();
            }
          }
          return null;
        }));
      }
      Thread.sleep(duration.toMillis());
      stop.set(true);
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      stop.set(true);
      executor.shutdownNow();
    }
  }
}
