package io.cenote.examples.console;

import io.cenote.pool.PoolStats;
import java.util.Locale;

/**
 * The once-a-second statistics line of the demo and the simulator: a gauge of the connection
 * slots, then total, active, idle, waiting and overflow connections, borrows and timeouts so
 * far, the p99 wait and the hit rate.
 */
public final class PoolGauge {

  /** Slot gauges are drawn only for pools up to this many slots, to keep the line short. */
  public static final int MAX_GAUGE_SLOTS = 24;

  private PoolGauge() {}

  /**
   * Formats the figures of one statistics line.
   *
   * @param s the snapshot
   * @param ansi the colours
   * @return e.g. {@code total  6 active  6 idle  0 waiting  3 overflow 2 | acquired  1,024
   *     timeouts 0 | p99 wait 412 ms hit 93.9%}
   */
  public static String line(PoolStats s, Ansi ansi) {
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
  public static String gauge(PoolStats s, Ansi ansi) {
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
}
