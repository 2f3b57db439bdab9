package io.cenote.bench;

import io.cenote.bench.CompareReport.Result;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Pooled against unpooled on a real database (seed 004's table): 8 threads run each
 * {@link Workload} (a simple query, an indexed read, a write, a mixed 80/20 load) for a fixed
 * time through a new connection per operation ("unpooled"), Cenote and HikariCP, and the
 * harness prints throughput, p50/p95/p99 latency and the improvement in percent, as Markdown
 * and, when asked, as an HTML page with charts ({@link CompareReport}). After one discarded
 * round per pool (JIT warm-up of the driver), each pool runs twice, in ABBA order, and its two
 * runs are reported together. Not JMH: each operation is a network round trip, so a plain timed
 * loop with per-operation latencies is the right tool.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.cenote.bench.RealDatabaseBenchmark
 * postgres|mariadb|sqlite [seconds] [report.html]}. The servers come from the variables
 * {@code scripts/db.sh} writes: {@code CENOTE_PG_PRIMARY_URL}, {@code CENOTE_MARIADB_PRIMARY_URL},
 * {@code CENOTE_DB_USER}, {@code CENOTE_DB_PASSWORD}.
 */
public final class RealDatabaseBenchmark {

  /** Rows of {@code bench_items}. */
  static final int ROWS = 10_000;
  private static final int THREADS = 8;
  /** Operations one thread may record per run: far more than a run of minutes performs. */
  private static final int MAX_OPERATIONS = 2_000_000;
  private static final Duration WARM_UP = Duration.ofSeconds(2);

  private final String url;
  private final Properties credentials;
  private final Duration runTime;
  private final Duration warmUp;

  RealDatabaseBenchmark(String url, Properties credentials, Duration runTime, Duration warmUp) {
    this.url = url;
    this.credentials = credentials;
    this.runTime = runTime;
    this.warmUp = warmUp;
  }

  /**
   * Runs every workload in every mode against one database.
   *
   * @param args {@code postgres}, {@code mariadb} or {@code sqlite}; then optionally seconds
   *     per run and the HTML file to write
   * @throws Exception when the database cannot be reached
   */
  public static void main(String[] args) throws Exception {
    String target = args.length > 0 ? args[0] : "postgres";
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
    Properties credentials = new Properties();
    String url;
    switch (target) {
      case "postgres", "postgresql" -> {
        url = require("CENOTE_PG_PRIMARY_URL");
        credentials.setProperty("user", require("CENOTE_DB_USER"));
        credentials.setProperty("password", require("CENOTE_DB_PASSWORD"));
      }
      case "mariadb", "mysql" -> {
        url = require("CENOTE_MARIADB_PRIMARY_URL");
        credentials.setProperty("user", require("CENOTE_DB_USER"));
        credentials.setProperty("password", require("CENOTE_DB_PASSWORD"));
      }
      case "sqlite" -> {
        Path file = Files.createTempFile("cenote-bench", ".db");
        file.toFile().deleteOnExit();
        url = "jdbc:sqlite:" + file;
      }
      default -> throw new IllegalArgumentException(
          "the database must be postgres, mariadb or sqlite, but was " + target);
    }
    RealDatabaseBenchmark bench = new RealDatabaseBenchmark(url, credentials,
        Duration.ofSeconds(seconds), WARM_UP);
    String title = String.format(Locale.ROOT, "%s: unpooled, Cenote and HikariCP, %d threads,"
        + " %d s per run", target, THREADS, seconds);
    CompareReport report = new CompareReport(title, bench.run());
    System.out.println(title);
    System.out.println(report.markdown());
    if (args.length > 2) {
      report.writeHtml(Path.of(args[2]));
      System.out.println("chart: " + args[2]);
    }
  }

  private static String require(String variable) {
    String value = System.getenv(variable);
    if (value == null) {
      throw new IllegalStateException(variable + " is not set; run scripts/db.sh start and"
          + " export the variables of target/db.env");
    }
    return value;
  }

  /** @return every workload in every mode, in {@link CompareReport#MODES} order */
  List<Result> run() throws Exception {
    prepare();
    // Discarded rounds: the JIT compiles the driver's code during the first pooled run, which
    // would otherwise penalise whichever pool runs first.
    for (Workload workload : Workload.values()) {
      measure(workload, "hikari");
      measure(workload, "cenote");
    }
    List<Result> results = new ArrayList<>();
    for (Workload workload : Workload.values()) {
      Measurement unpooled = measure(workload, "unpooled");
      // ABBA order, so neither pool always runs first after the unpooled storm of logins.
      Measurement cenote = measure(workload, "cenote");
      Measurement hikari = measure(workload, "hikari").merge(measure(workload, "hikari"));
      cenote = cenote.merge(measure(workload, "cenote"));
      results.add(new Result(workload, "unpooled", unpooled));
      results.add(new Result(workload, "cenote", cenote));
      results.add(new Result(workload, "hikari", hikari));
    }
    return results;
  }

  private void prepare() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, credentials);
        Statement s = c.createStatement()) {
      if (url.startsWith("jdbc:sqlite:")) {
        // Readers and one writer at a time without blocking each other; the setting stays
        // with the file, so every connection of every mode has it.
        s.execute("PRAGMA journal_mode=WAL");
      }
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
      // Settle statistics now, not during a measured run; MySQL and MariaDB say TABLE.
      s.execute(url.startsWith("jdbc:mysql:") ? "ANALYZE TABLE bench_items"
          : "ANALYZE bench_items");
    }
  }

  private Measurement measure(Workload workload, String mode) throws Exception {
    DataSource pool = mode.equals("unpooled") ? null : Pools.open(mode, url, credentials, THREADS);
    try {
      timed(workload, pool, warmUp);
      Measurement m = timed(workload, pool, runTime);
      if (pool instanceof ConnectionPool cenote) {
        PoolStats s = cenote.stats();
        System.err.printf(Locale.ROOT, "  (%s, cenote: hit rate %.4f, p99 wait %s, %d"
            + " validations)%n", workload.label(), s.hitRate(), s.waitTime().p99(),
            s.validations());
      }
      return m;
    } finally {
      if (pool != null) {
        Pools.close(pool);
      }
    }
  }

  private Measurement timed(Workload workload, DataSource pool, Duration time) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long[][] latencies = new long[THREADS][];
    int[] counts = new int[THREADS];
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long[] mine = new long[MAX_OPERATIONS];
      latencies[t] = mine;
      int index = t;
      threads.add(new Thread(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int n = 0;
        try {
          while (!stop.get() && n < mine.length) {
            long t0 = System.nanoTime();
            try (Connection c = pool == null ? DriverManager.getConnection(url, credentials)
                : pool.getConnection()) {
              workload.runAndCommit(c, random);
            }
            mine[n++] = System.nanoTime() - t0;
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
        counts[index] = n;
      }, "bench-" + workload.name().toLowerCase(Locale.ROOT) + "-" + t));
    }
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    Thread.sleep(time.toMillis());
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;
    if (failure.get() != null) {
      throw new IllegalStateException(workload.label() + " failed", failure.get());
    }
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < THREADS; t++) {
      System.arraycopy(latencies[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    return new Measurement(total / (elapsed / 1e9), all);
  }
}
