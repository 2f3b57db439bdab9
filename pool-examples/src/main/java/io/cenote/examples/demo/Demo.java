package io.cenote.examples.demo;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Format;
import io.cenote.examples.console.Output;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.HealthStatus;
import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolHealth;
import io.cenote.pool.PoolStats;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the demo's pool part: prepares the SQLite file, starts a small pool with more clients
 * than connections, walks through the {@link Phase}s while the ticker and the event listener
 * print, then closes everything and prints the summary.
 */
final class Demo {

  /** Overflow connections allowed beyond maxSize. */
  static final int MAX_OVERFLOW = 2;
  /** How long a borrower waits before {@code SQLTransientConnectionException}. */
  static final Duration ACQUIRE_TIMEOUT = Duration.ofMillis(800);
  /** Connections held longer than this are reported; above the slow phase's longest hold. */
  static final Duration LEAK_THRESHOLD = Duration.ofMillis(1_500);
  /** How long the leak phase may overrun while the leak is not yet reported. */
  static final long LEAK_GRACE_MILLIS = 3_000;

  private final DemoOptions options;
  private final long millis;
  private final Output out;
  private final EventThrottle throttle = new EventThrottle();
  private volatile Phase phase = Phase.STEADY;

  /**
   * Creates the pool part.
   *
   * @param options the clients and the pool size
   * @param millis how long the phases take together
   * @param out where to print
   */
  Demo(DemoOptions options, long millis, Output out) {
    this.options = options;
    this.millis = millis;
    this.out = out;
  }

  /**
   * Runs the pool part on a file; it takes about the milliseconds given to the constructor.
   *
   * @param file the SQLite file; its {@code accounts} table is (re)created
   * @return what the run produced
   * @throws SQLException when the database cannot be prepared
   * @throws InterruptedException when interrupted
   */
  DemoResult run(Path file) throws SQLException, InterruptedException {
    return runOn(DemoDatabase.prepare(file), file);
  }

  private DemoResult runOn(String url, Path file) throws InterruptedException {
    long start = System.nanoTime();
    ConsoleEvents events = new ConsoleEvents(out, throttle);
    PoolConfig config = PoolConfig.builder()
        .poolName("demo")
        .jdbcUrl(url)
        .driverProperty("busy_timeout", DemoDatabase.BUSY_TIMEOUT_MILLIS)
        .maxSize(options.maxSize())
        .minIdle(Math.min(2, options.maxSize()))
        .maxOverflow(MAX_OVERFLOW)
        .acquireTimeout(ACQUIRE_TIMEOUT)
        .leakDetectionThreshold(LEAK_THRESHOLD)
        .shutdownGracePeriod(Duration.ofSeconds(2))
        .registerMbean(false)
        .listener(events)
        .build();
    printHeader(file, config);

    out.banner("start", "the pool opens its first connection, then warms to minIdle");
    ConnectionPool pool = ConnectionPool.create(config);
    Workload workload = new Workload(pool, options.clients(), () -> phase);
    long[] durations = Phase.durations(millis);
    boolean leakExpected = durations[Phase.LEAK.ordinal()] >= Phase.MIN_LEAK_MILLIS;
    long phaseEnd = System.nanoTime();
    try (StatsTicker ticker = new StatsTicker(pool::stats, out)) {
      for (Phase p : Phase.values()) {
        phaseEnd += TimeUnit.MILLISECONDS.toNanos(durations[p.ordinal()]);
        startPhase(p, durations[p.ordinal()]);
        if (p.ordinal() == 0) {
          workload.start();
          ticker.start();
        }
        runPhase(p, phaseEnd, pool, events, leakExpected);
      }
    } finally {
      workload.stop(TimeUnit.SECONDS.toMillis(5));
      printHidden();
      out.banner("shutdown", "clients stop, the pool closes its connections");
      pool.close();
      printHidden();
    }
    PoolStats finalStats = pool.stats();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    out.print(SummaryTable.render(finalStats, workload.counts(), events.leaksReported(), elapsed,
        out.ansi()));
    return new DemoResult(finalStats, workload.counts(), events.leaksReported(), leakExpected,
        elapsed, workload.firstError());
  }

  private void startPhase(Phase p, long millis) {
    printHidden();
    phase = p;
    out.banner(String.format(Locale.ROOT, "phase %d/%d: %s (%.1f s)", p.ordinal() + 1,
        Phase.values().length, p.title, millis / 1000.0), p.description);
  }

  private void runPhase(Phase p, long endNanos, ConnectionPool pool, ConsoleEvents events,
      boolean leakExpected) throws InterruptedException {
    LeakyReport leak = p == Phase.LEAK ? new LeakyReport(pool, out) : null;
    if (leak != null) {
      leak.start();
    }
    try {
      long left = endNanos - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.sleep(left);
      }
      if (leak != null && leakExpected) {
        // the report job may have queued behind the slow phase; give detection a little longer
        events.awaitLeak(LEAK_GRACE_MILLIS);
      }
    } finally {
      if (leak != null) {
        leak.finish();
      }
    }
    printHealth(pool.health());
  }

  private void printHeader(Path file, PoolConfig c) {
    Ansi a = out.ansi();
    out.print(a.paint(Ansi.Style.BOLD, "Cenote demo, pool part") + ": pool '" + c.poolName()
        + "' on the SQLite file " + file.toAbsolutePath());
    out.print(String.format(Locale.ROOT,
        "  maxSize %d, maxOverflow %d, minIdle %d, acquireTimeout %s, leakDetectionThreshold %s",
        c.maxSize(), c.maxOverflow(), c.minIdle(), Format.duration(c.acquireTimeout()),
        Format.duration(c.leakDetectionThreshold())));
    out.print(String.format(Locale.ROOT, "  %d client%s (%d%% writes) share%s at most %d"
            + " connections for %.1f s",
        options.clients(), options.clients() == 1 ? "" : "s", Workload.WRITE_PERCENT,
        options.clients() == 1 ? "s" : "", c.maxSize() + c.maxOverflow(), millis / 1000.0));
    out.print("  every second a gauge of the slots: " + a.paint(Ansi.Style.GREEN, "#")
        + " busy, o idle, " + a.paint(Ansi.Style.DIM, ".") + " not open; overflow slots after |");
  }

  private void printHealth(PoolHealth health) {
    Ansi.Style style = health.status() == HealthStatus.UP ? Ansi.Style.GREEN
        : health.status() == HealthStatus.DEGRADED ? Ansi.Style.YELLOW : Ansi.Style.RED;
    out.event(style, "HEALTH", health.status()
        + (health.alerts().isEmpty() ? "" : ": " + String.join("; ", health.alerts())));
  }

  /** Tells how many events of each kind the throttle counted but did not show. */
  private void printHidden() {
    Map<EventThrottle.Kind, Integer> hidden = throttle.reset();
    if (!hidden.isEmpty()) {
      StringBuilder b = new StringBuilder("... and ");
      String sep = "";
      for (Map.Entry<EventThrottle.Kind, Integer> e : hidden.entrySet()) {
        b.append(sep).append(Format.count(e.getValue())).append(" more ")
            .append(e.getKey().plural);
        sep = ", ";
      }
      out.event(Ansi.Style.DIM, "", out.ansi().paint(Ansi.Style.DIM, b + " (not shown)"));
    }
  }
}
