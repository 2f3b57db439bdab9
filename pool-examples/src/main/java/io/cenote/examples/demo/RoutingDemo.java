package io.cenote.examples.demo;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Format;
import io.cenote.examples.console.Output;
import io.cenote.pool.PoolControl;
import io.cenote.router.Cluster;
import io.cenote.router.HostStats;
import io.cenote.router.PoolManager;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs the demo's routing part: a {@link Cluster} of one writer pool and two read-only replica
 * pools on the SQLite file, held by a {@link PoolManager}; writers, readers, data-source
 * readers and session clients run through the {@link RoutingPhase}s (the second replica goes
 * down and comes back) while the ticker and the router's events print; then everything closes
 * and the summary prints.
 */
final class RoutingDemo {

  private final long millis;
  private final Output out;

  /**
   * Creates the routing part.
   *
   * @param millis how long the phases take together
   * @param out where to print
   */
  RoutingDemo(long millis, Output out) {
    this.millis = millis;
    this.out = out;
  }

  /**
   * Runs the routing part on a file; it takes about the milliseconds given to the constructor.
   *
   * @param file the SQLite file; its {@code notes} table is (re)created
   * @return what the run produced
   * @throws SQLException when the database cannot be prepared
   * @throws InterruptedException when interrupted
   */
  RoutingResult run(Path file) throws SQLException, InterruptedException {
    long start = System.nanoTime();
    String url = DemoDatabase.prepareNotes(file);
    printHeader(file);
    long[] durations = RoutingPhase.durations(millis);
    boolean readmissionExpected =
        durations[RoutingPhase.RECOVERED.ordinal()] >= RoutingPhase.MIN_RECOVERY_MILLIS;
    List<HostStats> hosts;
    RoutingWorkload workload;
    Cluster cluster;
    out.banner("start", "the manager opens the writer and replica pools; a first health check"
        + " admits every host");
    PoolManager manager = new PoolManager();
    try (ReplicaOutage outage = new ReplicaOutage(RoutingCluster.faultyReplicaUrl(url))) {
      cluster = RoutingCluster.start(manager, url, new RouterEvents(out));
      workload = new RoutingWorkload(cluster);
      try (RoutingTicker ticker = new RoutingTicker(cluster::hostStats, out)) {
        long phaseEnd = System.nanoTime();
        for (RoutingPhase p : RoutingPhase.values()) {
          phaseEnd += TimeUnit.MILLISECONDS.toNanos(durations[p.ordinal()]);
          startPhase(p, durations[p.ordinal()], outage);
          if (p.ordinal() == 0) {
            workload.start();
            ticker.start();
          }
          long left = phaseEnd - System.nanoTime();
          if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
          }
        }
      } finally {
        workload.stop(TimeUnit.SECONDS.toMillis(5));
      }
      hosts = cluster.hostStats();
    } finally {
      out.banner("shutdown", "clients stop, the manager closes the cluster and its pools");
      manager.close();
    }
    int lent = 0;
    for (PoolControl pool : cluster.pools()) {
      lent += pool.stats().active();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    out.print(RoutingSummary.render(RoutingCluster.NAME, hosts, workload.counts(), elapsed,
        out.ansi()));
    return new RoutingResult(hosts, workload.counts(),
        durations[RoutingPhase.OUTAGE.ordinal()] > 0, readmissionExpected, lent, elapsed,
        workload.firstError());
  }

  private void startPhase(RoutingPhase p, long phaseMillis, ReplicaOutage outage) {
    out.banner(String.format(Locale.ROOT, "routing %d/%d: %s (%.1f s)", p.ordinal() + 1,
        RoutingPhase.values().length, p.title, phaseMillis / 1000.0), p.description);
    if (p == RoutingPhase.OUTAGE) {
      outage.begin();
      out.event(Ansi.Style.MAGENTA, "OUTAGE", RoutingCluster.REPLICA_2 + " goes down: new"
          + " connections are refused (08001) and open ones reset (08006)");
    } else if (p == RoutingPhase.RECOVERED) {
      outage.end();
      out.event(Ansi.Style.MAGENTA, "OUTAGE", RoutingCluster.REPLICA_2 + " is back up after "
          + Format.count(outage.refusedConnects()) + " refused connection attempt(s)");
    }
  }

  private void printHeader(Path file) {
    Ansi a = out.ansi();
    out.print(a.paint(Ansi.Style.BOLD, "Cenote demo, routing part") + ": cluster '"
        + RoutingCluster.NAME + "' in a PoolManager, on the SQLite file "
        + file.toAbsolutePath() + " (WAL)");
    out.print(String.format(Locale.ROOT, "  %-10s primary: read-write connections, maxSize 1"
        + " (SQLite has one writer at a time)", RoutingCluster.WRITER));
    out.print(String.format(Locale.ROOT, "  %-10s replica: read-only connections to the same"
        + " file (open_mode=1, readOnly), maxSize %d", RoutingCluster.REPLICA_1,
        RoutingCluster.REPLICA_SIZE));
    out.print(String.format(Locale.ROOT, "  %-10s replica: the same, through pool-testkit's"
        + " fault driver so the demo can take it down", RoutingCluster.REPLICA_2));
    out.print(String.format(Locale.ROOT, "  round-robin reads, health checks every %s,"
        + " read-your-writes window %s",
        Format.duration(RoutingCluster.HEALTH_CHECK_INTERVAL),
        Format.duration(RoutingCluster.READ_YOUR_WRITES_WINDOW)));
    out.print(String.format(Locale.ROOT, "  clients: %d writers (cluster.write), %d readers"
        + " (cluster.read), %d on cluster.dataSource() with setReadOnly(true), %d sessions"
        + " (write, read back, read after the window)", RoutingWorkload.WRITERS,
        RoutingWorkload.READERS, RoutingWorkload.DATA_SOURCE_READERS, RoutingWorkload.SESSIONS));
    out.print("  every second, per host: writes (w) and reads (r) routed so far, and "
        + a.paint(Ansi.Style.RED, "why") + " it is excluded");
  }
}
