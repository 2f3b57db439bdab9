package io.cenote.examples.demo;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Output;
import io.cenote.examples.console.PoolGauge;
import io.cenote.pool.PoolStats;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints one line of pool statistics every second: a gauge of the connection slots, then total,
 * active, idle, waiting and overflow connections, borrows and timeouts so far, the p99 wait and
 * the hit rate.
 */
final class StatsTicker implements AutoCloseable {

  private final Supplier<PoolStats> stats;
  private final Output out;
  private final ScheduledExecutorService scheduler;

  /**
   * Creates the ticker; nothing prints until {@link #start()}.
   *
   * @param stats where snapshots come from
   * @param out where to print
   */
  StatsTicker(Supplier<PoolStats> stats, Output out) {
    this.stats = stats;
    this.out = out;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stats-ticker");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts printing, first after one second. */
  void start() {
    scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  private void tick() {
    try {
      PoolStats s = stats.get();
      out.row(PoolGauge.gauge(s, out.ansi()), PoolGauge.line(s, out.ansi()));
    } catch (RuntimeException e) {
      out.event(Ansi.Style.RED, "STATS", "could not read the pool's statistics: " + e);
    }
  }

  /** Stops printing; a line being printed is finished first. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
