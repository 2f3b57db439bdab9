package io.cenote.examples.demo;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Format;
import io.cenote.examples.console.Output;
import io.cenote.router.HostStats;
import io.cenote.router.ServerRole;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints one line of routing statistics every second: per host, the reads and writes routed to
 * it so far, and the reason when it is excluded.
 */
final class RoutingTicker implements AutoCloseable {

  private final Supplier<List<HostStats>> stats;
  private final Output out;
  private final ScheduledExecutorService scheduler;

  /**
   * Creates the ticker; nothing prints until {@link #start()}.
   *
   * @param stats where snapshots come from ({@code cluster::hostStats})
   * @param out where to print
   */
  RoutingTicker(Supplier<List<HostStats>> stats, Output out) {
    this.stats = stats;
    this.out = out;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "routing-ticker");
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
      out.row(out.ansi().paint(Ansi.Style.CYAN, "routing"), line(stats.get(), out.ansi()));
    } catch (RuntimeException e) {
      out.event(Ansi.Style.RED, "STATS", "could not read the cluster's statistics: " + e);
    }
  }

  /**
   * Formats one statistics line.
   *
   * @param hosts the snapshot, primary first
   * @param ansi the colours
   * @return e.g. {@code writer w 1,024 r 31 | replica-1 r 2,980 | replica-2 r 2,979 DOWN}
   */
  static String line(List<HostStats> hosts, Ansi ansi) {
    StringBuilder b = new StringBuilder();
    String sep = "";
    for (HostStats h : hosts) {
      b.append(sep).append(ansi.paint(Ansi.Style.DIM, h.name()));
      if (h.writesRouted() > 0 || h.configuredRole() == ServerRole.PRIMARY) {
        b.append(ansi.paint(Ansi.Style.DIM, " w ")).append(number(h.writesRouted()));
      }
      b.append(ansi.paint(Ansi.Style.DIM, " r ")).append(number(h.readsRouted()));
      if (!h.healthy()) {
        b.append(' ').append(ansi.paint(Ansi.Style.RED, h.exclusion().name()));
      }
      sep = ansi.paint(Ansi.Style.DIM, " | ");
    }
    return b.toString();
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%6s", Format.count(n));
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
