package io.cenote.bench;

import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Pooled against unpooled on a real database: 8 threads run {@code SELECT 1} or an indexed
 * point read for a fixed time through a new connection per operation ("unpooled"), Cenote, and
 * HikariCP, and the harness prints throughput and p50/p99 latency. After one discarded round
 * per pool (JIT warm-up of the driver), each pool runs twice, in ABBA order, and its two runs
 * are reported together. Not JMH: each operation is
 * milliseconds long, so a plain timed loop with per-operation latencies is the right tool.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.cenote.bench.RealDatabaseBenchmark
 * postgresql|sqlite [seconds]}; PostgreSQL comes from {@code CENOTE_PG_PRIMARY_URL},
 * {@code CENOTE_DB_USER} and {@code CENOTE_DB_PASSWORD} (as written by {@code scripts/db.sh}).
 */
public final class RealDatabaseBenchmark {

  private static final int THREADS = 8;
  private static final int ROWS = 10_000;

  private final String url;
  private final Properties credentials;
  private final long seconds;

  private RealDatabaseBenchmark(String url, Properties credentials, long seconds) {
    this.url = url;
    this.credentials = credentials;
    this.seconds = seconds;
  }

  /**
   * Runs every mode and query against one database.
   *
   * @param args {@code postgresql} or {@code sqlite}, then optionally seconds per run
   * @throws Exception when the database cannot be reached
   */
  public static void main(String[] args) throws Exception {
    String target = args.length > 0 ? args[0] : "postgresql";
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
    Properties credentials = new Properties();
    String url;
    if (target.equals("postgresql")) {
      url = require("CENOTE_PG_PRIMARY_URL");
      credentials.setProperty("user", require("CENOTE_DB_USER"));
      credentials.setProperty("password", require("CENOTE_DB_PASSWORD"));
    } else if (target.equals("sqlite")) {
      Path file = Files.createTempFile("cenote-bench", ".db");
      file.toFile().deleteOnExit();
      url = "jdbc:sqlite:" + file;
    } else {
      throw new IllegalArgumentException("target must be postgresql or sqlite, but was " + target);
    }
    new RealDatabaseBenchmark(url, credentials, seconds).run(target);
  }

  private static String require(String variable) {
    String value = System.getenv(variable);
    if (value == null) {
      throw new IllegalStateException(variable + " is not set; run scripts/db.sh start and"
          + " export the variables of target/db.env");
    }
    return value;
  }

  private void run(String target) throws Exception {
    prepare();
    System.out.printf(Locale.ROOT, "%s, %d threads, %d s per run%n", target, THREADS, seconds);
    System.out.println("| query | mode | ops/s | p50 ms | p99 ms |");
    System.out.println("|---|---|---|---|---|");
    String[] queries = {"SELECT 1", "SELECT payload FROM bench_items WHERE id = ?"};
    // Discarded rounds: the JIT compiles the driver's code during the first pooled run, which
    // would otherwise penalise whichever pool runs first.
    for (String query : queries) {
      measure(query, "hikari");
      measure(query, "cenote");
    }
    for (String query : queries) {
      report(query, "unpooled", measure(query, "unpooled"));
      // ABBA order, so neither pool always runs first after the unpooled storm of logins.
      Measurement cenote = measure(query, "cenote");
      Measurement hikari = measure(query, "hikari").merge(measure(query, "hikari"));
      report(query, "cenote", cenote.merge(measure(query, "cenote")));
      report(query, "hikari", hikari);
    }
  }

  private static void report(String query, String mode, Measurement m) {
    System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.3f | %.3f |%n",
        query.startsWith("SELECT 1") ? "SELECT 1" : "point read", mode, m.opsPerSecond(),
        m.percentile(0.50) / 1e6, m.percentile(0.99) / 1e6);
  }

  private void prepare() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, credentials);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_items");
      s.execute("CREATE TABLE bench_items (id INTEGER PRIMARY KEY, payload VARCHAR(64))");
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO bench_items (id, payload) VALUES (?, ?)")) {
        for (int i = 0; i < ROWS; i++) {
          ps.setInt(1, i);
          ps.setString(2, "item-" + i);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
      s.execute("ANALYZE bench_items"); // settle statistics now, not during a measured run
    }
  }

  private Measurement measure(String query, String mode) throws Exception {
    DataSource pool = mode.equals("unpooled") ? null : Pools.open(mode, url, credentials, THREADS);
    try {
      run(query, pool, 2); // warm-up
      Measurement m = run(query, pool, seconds);
      if (pool instanceof ConnectionPool) {
        PoolStats s = ((ConnectionPool) pool).stats();
        System.err.printf(Locale.ROOT, "  (cenote: hit rate %.4f, p99 wait %s, %d validations)%n",
            s.hitRate(), s.waitTime().p99(), s.validations());
      }
      return m;
    } finally {
      if (pool != null) {
        Pools.close(pool);
      }
    }
  }

  private Measurement run(String query, DataSource pool, long runSeconds) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    List<long[]> latencies = new ArrayList<>();
    int[] counts = new int[THREADS];
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long[] mine = new long[2_000_000];
      latencies.add(mine);
      int index = t;
      Thread thread = new Thread(() -> {
        int n = 0;
        try {
          while (!stop.get() && n < mine.length) {
            long t0 = System.nanoTime();
            try (Connection c = pool == null ? DriverManager.getConnection(url, credentials)
                : pool.getConnection();
                PreparedStatement ps = c.prepareStatement(query)) {
              if (query.indexOf('?') >= 0) {
                ps.setInt(1, ThreadLocalRandom.current().nextInt(ROWS));
              }
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
              }
              if (!c.getAutoCommit()) {
                c.commit();
              }
            }
            mine[n++] = System.nanoTime() - t0;
          }
        } catch (Throwable e) {
          synchronized (errors) {
            errors.add(e);
          }
        }
        counts[index] = n;
      });
      threads.add(thread);
    }
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    Thread.sleep(runSeconds * 1000);
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;
    if (!errors.isEmpty()) {
      throw new IllegalStateException("benchmark operations failed", errors.get(0));
    }
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < THREADS; t++) {
      System.arraycopy(latencies.get(t), 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    return new Measurement(total / (elapsed / 1e9), all);
  }

  /** Throughput and sorted latencies of one run. */
  private record Measurement(double opsPerSecond, long[] sortedNanos) {
    /** Two runs as one: mean throughput, latencies pooled. */
    Measurement merge(Measurement other) {
      long[] all = Arrays.copyOf(sortedNanos, sortedNanos.length + other.sortedNanos.length);
      System.arraycopy(other.sortedNanos, 0, all, sortedNanos.length, other.sortedNanos.length);
      Arrays.sort(all);
      return new Measurement((opsPerSecond + other.opsPerSecond) / 2, all);
    }

    double percentile(double p) {
      if (sortedNanos.length == 0) {
        return 0;
      }
      return sortedNanos[(int) Math.min(sortedNanos.length - 1,
          Math.ceil(p * sortedNanos.length) - 1)];
    }
  }
}
