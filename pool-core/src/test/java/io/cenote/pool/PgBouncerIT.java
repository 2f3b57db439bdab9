package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cenote behind PgBouncer in transaction pooling mode ({@code scripts/db.sh} runs it in front of
 * the PostgreSQL primary, with 5 server connections): a pool of 12 connections and 12 workers
 * run transactions of a prepared insert and a prepared count (pgjdbc with
 * {@code prepareThreshold=0}, since PgBouncer hands each transaction to any server connection),
 * and every transaction commits. The pool's connections carry a unique {@code ApplicationName},
 * which PgBouncer sets on whichever server connection runs their transaction; so PostgreSQL's
 * {@code pg_stat_activity}, sampled throughout, shows how many backends served the pool's 12
 * connections: at most PgBouncer's 5.
 */
class PgBouncerIT {

  /** Written by {@code scripts/db.sh} into {@code target/db.env}. */
  private static final String URL_VARIABLE = "CENOTE_PGBOUNCER_URL";
  /** {@code PGB_POOL_SIZE} of {@code scripts/db.sh}. */
  private static final int SERVER_CONNECTIONS = 5;
  private static final int CLIENTS = 12;
  private static final int TRANSACTIONS_PER_CLIENT = 200;
  /** Far beyond the run's few seconds; a stuck worker fails the test instead of hanging it. */
  private static final long WORKER_BOUND_SECONDS = 120;

  private DatabaseTarget primary;
  private String url;
  private String table;

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.PRIMARY)
      DatabaseTarget target) throws SQLException {
    url = System.getenv(URL_VARIABLE);
    if (url == null) {
      String why = URL_VARIABLE + " is not set; start PgBouncer with scripts/db.sh start";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(why + " (CI=true, so the test fails)");
      }
      Assumptions.abort(why);
    }
    primary = target;
    table = PoolItSupport.uniqueName("cenote_bouncer");
    Sql.execute(primary, "CREATE TABLE " + table + " (worker INT NOT NULL, n INT NOT NULL)");
  }

  @AfterEach
  void tearDown() throws SQLException {
    if (table != null) {
      Sql.execute(primary, "DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  void transactionsCommitThroughTransactionPoolingWithFewerServerConnections()
      throws Exception {
    String app = table; // unique per run
    PoolConfig config = PoolConfig.builder().poolName("bouncer").jdbcUrl(url)
        .username(primary.user()).password(primary.password())
        .driverProperty("ApplicationName", app)
        .minIdle(CLIENTS).maxSize(CLIENTS).autoCommit(false)
        .acquireTimeout(Duration.ofSeconds(10)).registerMbean(false).build();
    AtomicLong mostServers = new AtomicLong();
    List<Integer> counts;
    PoolStats stats;
    try (ConnectionPool pool = ConnectionPool.create(config)) {
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService workers = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < CLIENTS; w++) {
          int worker = w;
          done.add(workers.submit(() -> runTransactions(pool, worker)));
        }
        while (running.get()) {
          mostServers.accumulateAndGet(backendsNamed(app), Math::max);
          running.set(done.stream().anyMatch(f -> !f.isDone()));
          Thread.sleep(20);
        }
        counts = new ArrayList<>();
        for (Future<Integer> f : done) {
          counts.add(f.get(WORKER_BOUND_SECONDS, TimeUnit.SECONDS));
        }
      } finally {
        workers.shutdownNow();
      }
      stats = pool.stats();
    }

    System.out.printf("[PgBouncerIT] a pool of %d connections through PgBouncer: at most %d"
        + " PostgreSQL backends served it; %d borrows, %d transactions%n", stats.total(),
        mostServers.get(), stats.acquired(), CLIENTS * TRANSACTIONS_PER_CLIENT);
    assertThat(counts).as("each worker's last count of its own committed rows")
        .allSatisfy(n -> assertThat(n).isEqualTo(TRANSACTIONS_PER_CLIENT));
    assertThat(Sql.queryLong(primary, "SELECT count(*) FROM " + table))
        .isEqualTo((long) CLIENTS * TRANSACTIONS_PER_CLIENT);
    assertThat(stats.total()).isEqualTo(CLIENTS);
    assertThat(stats.timeouts()).isZero();
    assertThat(mostServers.get()).as("PostgreSQL backends that served the pool's connections")
        .isBetween(1L, (long) SERVER_CONNECTIONS);
  }

  /** Runs this worker's transactions; returns the count of its rows the last one saw. */
  private int runTransactions(ConnectionPool pool, int worker) throws SQLException {
    int seen = 0;
    for (int i = 1; i <= TRANSACTIONS_PER_CLIENT; i++) {
      try (Connection c = pool.getConnection();
          PreparedStatement insert = c.prepareStatement(
              "INSERT INTO " + table + " (worker, n) VALUES (?, ?)");
          PreparedStatement count = c.prepareStatement(
              "SELECT count(*) FROM " + table + " WHERE worker = ?")) {
        insert.setInt(1, worker);
        insert.setInt(2, i);
        insert.executeUpdate();
        count.setInt(1, worker);
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          seen = rs.getInt(1);
        }
        c.commit();
      }
    }
    return seen;
  }

  /** PostgreSQL backends whose current or last transaction came from the pool. */
  private long backendsNamed(String app) throws SQLException {
    return Sql.queryLong(primary, "SELECT count(*) FROM pg_stat_activity WHERE"
        + " application_name = ?", app);
  }
}
