package io.cenote.examples.demo;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Format;
import io.cenote.pool.CloseReason;
import io.cenote.pool.PoolStats;
import io.cenote.pool.TimeStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the table printed when the demo ends, from the pool's final statistics. */
final class SummaryTable {

  private static final int LABEL_WIDTH = 26;
  private static final int VALUE_WIDTH = 17;
  private static final String RULE = "  " + "-".repeat(LABEL_WIDTH + VALUE_WIDTH + 30);

  private SummaryTable() {}

  /**
   * Renders the summary.
   *
   * @param s the pool's statistics after the run
   * @param counts what the clients did
   * @param leaks how many leaks the pool reported
   * @param elapsed how long the run took
   * @param ansi the colours
   * @return the table, lines separated by {@code \n}, ending with a newline
   */
  static String render(PoolStats s, Workload.Counts counts, int leaks, Duration elapsed,
      Ansi ansi) {
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    // hitRate counts borrows served at once; the rest waited (timeouts are not borrows)
    long waited = Math.round(s.acquired() * (1.0 - s.hitRate()));
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("  " + ansi.paint(Ansi.Style.BOLD, String.format(Locale.ROOT,
        "Summary of pool '%s' after %.1f s", s.poolName(), seconds)));
    lines.add(RULE);
    lines.add(row("borrows acquired", Format.count(s.acquired()),
        String.format(Locale.ROOT, "%.0f/s", s.acquired() / seconds)));
    lines.add(row("borrows that waited", Format.count(waited),
        s.acquired() == 0 ? "" : Format.percent((double) waited / s.acquired()) + " of borrows"));
    lines.add(row("acquire timeouts", Format.count(s.timeouts()),
        s.timeouts() == 0 ? "" : "SQLTransientConnectionException after acquireTimeout"));
    lines.add(row("wait p50 / p99", pair(s.waitTime()), "max " + Format.duration(
        s.waitTime().max())));
    lines.add(row("hold p50 / p99", pair(s.holdTime()), "max " + Format.duration(
        s.holdTime().max())));
    lines.add(row("hit rate", Format.percent(s.hitRate()),
        "borrows served by an idle connection at once"));
    lines.add(row("peak connections", Integer.toString(s.peakTotal()),
        "maxSize " + s.maxSize() + " + maxOverflow " + s.maxOverflow()));
    lines.add(row("connections created", Format.count(s.created()), ""));
    lines.add(row("connections destroyed", Format.count(s.destroyedTotal()), ""));
    for (Map.Entry<CloseReason, Long> e : byReason(s)) {
      lines.add(row("  " + e.getKey().name().toLowerCase(Locale.ROOT),
          Format.count(e.getValue()), ""));
    }
    lines.add(row("leaks reported", Integer.toString(leaks),
        leaks == 0 ? "" : "with the borrower's stack"));
    lines.add(row("queries run", Format.count(counts.reads() + counts.writes()),
        Format.count(counts.reads()) + " reads, " + Format.count(counts.writes()) + " writes"));
    String errors = Format.count(counts.errors());
    lines.add(row("unexpected errors",
        counts.errors() == 0 ? errors : ansi.paint(Ansi.Style.RED, errors), ""));
    lines.add(RULE);
    return String.join("\n", lines) + "\n";
  }

  private static List<Map.Entry<CloseReason, Long>> byReason(PoolStats s) {
    List<Map.Entry<CloseReason, Long>> out = new ArrayList<>();
    for (CloseReason r : CloseReason.values()) {
      Long n = s.destroyed().get(r);
      if (n != null && n > 0) {
        out.add(Map.entry(r, n));
      }
    }
    return out;
  }

  private static String pair(TimeStats t) {
    return Format.duration(t.p50()) + " / " + Format.duration(t.p99());
  }

  private static String row(String label, String value, String note) {
    // the value may carry colour codes, so pad by its visible length
    String line = "  " + Ansi.padRight(label, LABEL_WIDTH) + Ansi.padLeft(value, VALUE_WIDTH);
    return note.isEmpty() ? line : line + "   " + note;
  }
}
