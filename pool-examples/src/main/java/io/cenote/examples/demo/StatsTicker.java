package io.cenote.examples.demo;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Format;
import io.cenote.examples.console.Output;
import io.cenote.pool.PoolStats;
import java.util.Locale;
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

  /** Slot gauges are drawn only for pools up to this many slots, to keep the line short. */
  static final int MAX_GAUGE_SLOTS = 24;

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
      out.row(gauge(s, out.ansi()), line(s, out.ansi()));
    } catch (RuntimeException e) {
      out.event(Ansi.Style.RED, "STATS", "could not read the pool's statistics: " + e);
    }
  }

  /**
   * Formats the figures of one statistics line.
   *
   * @param s the snapshot
   * @param ansi the colours
   * @return e.g. {@code total  6 active  6 idle  0 waiting  3 overflow 2 | acquired  1,024
   *     timeouts 0 | p99 wait 412 ms hit 93.9%}
   */
  static String line(PoolStats s, Ansi ansi) {
    String sep = ansi.paint(Ansi.Style.DIM, " | ");
    String waiting = String.format(Locale.ROOT, "%2d", s.waiting());
    String timeouts = Format.count(s.timeouts());
    return field(ansi, "total", String.format(Locale.ROOT, "%2d", s.total()))
        + field(ansi, " active", String.format(Locale.ROOT, "%2d", s.active()))
        + field(ansi, " idle", String.format(Locale.ROOT, "%2d", s.idle()))
        + field(ansi, " waiting", s.waiting() > 0 ? ansi.paint(Ansi.Style.YELLOW, waiting)
            : waiting)
        + field(ansi, " overflow", Integer.toString(s.overflowInUse()))
        + sep + field(ansi, "acquired", String.format(Locale.ROOT, "%6s",
            Format.count(s.acquired())))
        + field(ansi, " timeouts", s.timeouts() > 0 ? ansi.paint(Ansi.Style.RED, timeouts)
            : timeouts)
        + sep + field(ansi, "p99 wait", String.format(Locale.ROOT, "%6s",
            Format.duration(s.waitTime().p99())))
        + field(ansi, " hit", Format.percent(s.hitRate()));
  }

  private static String field(Ansi ansi, String label, String value) {
    return ansi.paint(Ansi.Style.DIM, label) + " " + value;
  }

  /**
   * Draws the slots, for the tag column: {@code #} busy, {@code o} open and idle, {@code .}
   * not open; a bar separates maxSize from the overflow allowance. Large pools get the word
   * {@code stats} instead.
   *
   * @param s the snapshot
   * @param ansi the colours
   * @return e.g. {@code [###o|#.]}
   */
  static String gauge(PoolStats s, Ansi ansi) {
    int slots = s.maxSize() + s.maxOverflow();
    if (slots > MAX_GAUGE_SLOTS) {
      return ansi.paint(Ansi.Style.CYAN, "stats");
    }
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < slots; i++) {
      if (i == s.maxSize()) {
        b.append('|');
      }
      Ansi.Style busyStyle = i < s.maxSize() ? Ansi.Style.GREEN : Ansi.Style.YELLOW;
      if (i < s.active()) {
        b.append(ansi.paint(busyStyle, "#"));
      } else if (i < s.total()) {
        b.append('o');
      } else {
        b.append(ansi.paint(Ansi.Style.DIM, "."));
      }
    }
    return b.append(']').toString();
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
