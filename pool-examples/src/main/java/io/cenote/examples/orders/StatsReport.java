package io.cenote.examples.orders;

import io.cenote.pool.PoolControl;
import io.cenote.pool.PoolStats;
import io.cenote.router.Cluster;
import io.cenote.router.HostStats;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Prints the statistics at the end of a run: each host's pool ({@code PoolStats}), each host's
 * routing ({@code HostStats}) and a few meters read back from the registry, as a monitoring
 * system would see them.
 */
final class StatsReport {

  /** The meters shown per host, all tagged with {@code host}. */
  private static final List<String> HOST_METERS = List.of(
      "cenote.connections", "cenote.connections.acquired", "cenote.host.reads",
      "cenote.host.writes");

  private StatsReport() {}

  /**
   * Prints the report.
   *
   * @param cluster the running cluster
   * @param registry the registry its meters are bound to
   * @param out where to print
   */
  static void print(Cluster cluster, MeterRegistry registry, PrintStream out) {
    out.println();
    out.println("Pools (PoolStats):");
    for (PoolControl pool : cluster.pools()) {
      PoolStats s = pool.stats();
      out.printf("  %-16s %s, acquired=%d, created=%d, timeouts=%d, peak=%d%n",
          s.poolName(), s.gauges(), s.acquired(), s.created(), s.timeouts(), s.peakTotal());
    }
    out.println("Routing (Cluster.hostStats()):");
    for (HostStats h : cluster.hostStats()) {
      out.printf("  %-16s %-7s reads=%d, writes=%d, fallbacks=%d, %s%n", h.name(),
          h.configuredRole().name().toLowerCase(Locale.ROOT), h.readsRouted(),
          h.writesRouted(), h.fallbacks(), h.healthy() ? "healthy" : "excluded: " + h.exclusion());
    }
    out.println("Meters (SimpleMeterRegistry):");
    for (HostStats h : cluster.hostStats()) {
      StringBuilder line = new StringBuilder();
      for (String name : HOST_METERS) {
        line.append(line.length() == 0 ? "" : ", ").append(name).append('=')
            .append(format(sum(registry, name, "host", h.name())));
      }
      out.printf("  %-16s %s%n", h.name(), line);
    }
    out.printf("  %-16s resilience4j.retry.calls=%s, breakers closed=%s%n",
        cluster.name(), format(sum(registry, "resilience4j.retry.calls")),
        format(sum(registry, "resilience4j.circuitbreaker.state", "state", "closed")));
  }

  /**
   * Sums the first measurement (a counter's count, a gauge's value) of every meter of a name
   * with the given tags.
   *
   * @param registry the registry
   * @param name the meter name
   * @param tags tag keys and values, alternating
   * @return the sum, 0 when no such meter is registered
   */
  static double sum(MeterRegistry registry, String name, String... tags) {
    double total = 0;
    for (Meter m : registry.find(name).tags(tags).meters()) {
      Iterator<Measurement> measurements = m.measure().iterator();
      if (measurements.hasNext()) {
        total += measurements.next().getValue();
      }
    }
    return total;
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format("%.2f", value);
  }
}
