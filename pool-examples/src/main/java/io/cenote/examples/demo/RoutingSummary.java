package io.cenote.examples.demo;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Format;
import io.cenote.router.HostStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the table printed when the routing part ends: one row per host (reads, writes and
 * fallbacks routed to it, exclusions, state at the end), then what the clients saw.
 */
final class RoutingSummary {

  private static final int LABEL_WIDTH = 26;
  private static final int VALUE_WIDTH = 17;
  private static final String RULE = "  " + "-".repeat(LABEL_WIDTH + VALUE_WIDTH + 30);
  private static final String HOST_FORMAT = "  %-12s%-9s%9s%9s%11s%10s   %s";

  private RoutingSummary() {}

  /**
   * Renders the summary.
   *
   * @param cluster the cluster's name
   * @param hosts the hosts' statistics at the end of the run, primary first
   * @param counts what the clients did
   * @param elapsed how long the part took
   * @param ansi the colours
   * @return the table, lines separated by {@code \n}, ending with a newline
   */
  static String render(String cluster, List<HostStats> hosts, RoutingWorkload.Counts counts,
      Duration elapsed, Ansi ansi) {
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("  " + ansi.paint(Ansi.Style.BOLD, String.format(Locale.ROOT,
        "Summary of cluster '%s' after %.1f s", cluster, seconds)));
    lines.add(RULE);
    lines.add(ansi.paint(Ansi.Style.DIM, String.format(Locale.ROOT, HOST_FORMAT, "host", "role",
        "reads", "writes", "fallbacks", "excluded", "at the end")));
    for (HostStats h : hosts) {
      String state = h.healthy() ? "healthy"
          : ansi.paint(Ansi.Style.RED, "excluded " + h.exclusion().name());
      lines.add(String.format(Locale.ROOT, HOST_FORMAT, h.name(),
          h.configuredRole().name().toLowerCase(Locale.ROOT), Format.count(h.readsRouted()),
          Format.count(h.writesRouted()), Format.count(h.fallbacks()),
          Format.count(h.exclusions()), state));
    }
    lines.add(RULE);
    lines.add(row("notes inserted", Format.count(counts.inserts()),
        String.format(Locale.ROOT, "%.0f/s, cluster.write", counts.inserts() / seconds)));
    lines.add(row("reads via cluster.read", Format.count(counts.reads()),
        String.format(Locale.ROOT, "%.0f/s", counts.reads() / seconds)));
    lines.add(row("reads via dataSource()", Format.count(counts.dataSourceReads()),
        "setReadOnly(true), then a query"));
    lines.add(row("reads right after a write", Format.count(counts.ownReads()),
        Format.count(counts.ownReadsOnWriter()) + " on the writer, "
            + Format.count(counts.ownRowsSeen()) + " saw their own row"));
    lines.add(row("reads after the window", Format.count(counts.laterReads()),
        Format.count(counts.laterReadsOnReplica()) + " back on a replica (window "
            + Format.duration(RoutingCluster.READ_YOUR_WRITES_WINDOW) + ")"));
    lines.add(row("reads cut by the outage", Format.count(counts.cut()),
        counts.cut() == 0 ? "" : "dataSource() connections on a replica that broke under them"));
    String errors = Format.count(counts.errors());
    lines.add(row("unexpected errors",
        counts.errors() == 0 ? errors : ansi.paint(Ansi.Style.RED, errors), ""));
    lines.add(RULE);
    return String.join("\n", lines) + "\n";
  }

  private static String row(String label, String value, String note) {
    // the value may carry colour codes, so pad by its visible length
    String line = "  " + Ansi.padRight(label, LABEL_WIDTH) + Ansi.padLeft(value, VALUE_WIDTH);
    return note.isEmpty() ? line : line + "   " + note;
  }
}
