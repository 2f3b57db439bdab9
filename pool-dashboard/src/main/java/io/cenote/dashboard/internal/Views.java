package io.cenote.dashboard.internal;

import io.cenote.pool.CloseReason;
import io.cenote.pool.PoolControl;
import io.cenote.pool.PoolHealth;
import io.cenote.pool.PoolStats;
import io.cenote.resilience.HostResilienceStats;
import io.cenote.router.Cluster;
import io.cenote.router.ExclusionReason;
import io.cenote.router.HostStats;
import io.cenote.router.ServerRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns pools and clusters into the API's views. Nothing here reads a URL or a credential:
 * texts that come from drivers (alerts, host details) pass through {@link Redaction}.
 */
final class Views {

  private static final double NANOS_PER_MILLI = 1_000_000.0;

  private Views() {}

  /**
   * Describes a pool.
   *
   * @param entry the pool and where it belongs
   * @return its view
   */
  static PoolView pool(PoolDirectory.Entry entry) {
    return pool(entry, entry.pool().stats(), entry.pool().health());
  }

  /**
   * Describes a pool from a snapshot taken already.
   *
   * @param entry the pool and where it belongs
   * @param s its statistics
   * @param health its health
   * @return its view
   */
  static PoolView pool(PoolDirectory.Entry entry, PoolStats s, PoolHealth health) {
    PoolControl pool = entry.pool();
    Map<String, Long> destroyed = new TreeMap<>();
    for (Map.Entry<CloseReason, Long> d : s.destroyed().entrySet()) {
      destroyed.put(d.getKey().name().toLowerCase(Locale.ROOT), d.getValue());
    }
    return new PoolView(pool.poolName(), entry.cluster(), entry.role(), s.total(), s.active(),
        s.idle(), s.waiting(), s.overflowInUse(), s.maxSize(), s.minIdle(), s.maxOverflow(),
        s.acquired(), s.timeouts(), s.created(), destroyed, millis(s.waitTime().p50()),
        millis(s.waitTime().p99()), millis(s.holdTime().p50()), millis(s.holdTime().p99()),
        s.hitRate(), s.utilisation(), s.suspended(), pool.validateOnBorrow(),
        health(health));
  }

  /**
   * Describes a health verdict.
   *
   * @param health the verdict
   * @return its view, alerts cleaned
   */
  static HealthView health(PoolHealth health) {
    return new HealthView(health.status().name(), alerts(health));
  }

  /**
   * Lists a verdict's alerts without secrets.
   *
   * @param health the verdict
   * @return the alerts, cleaned
   */
  static List<String> alerts(PoolHealth health) {
    return health.alerts().stream().map(Redaction::clean).toList();
  }

  /**
   * Describes a cluster.
   *
   * @param cluster the cluster
   * @return its view, hosts primary first
   */
  static ClusterView cluster(Cluster cluster) {
    Map<String, String> breakers = new HashMap<>();
    for (HostResilienceStats r : cluster.resilienceStats()) {
      breakers.put(r.host(), r.state().name());
    }
    List<HostStats> stats = cluster.hostStats();
    List<HostView> hosts = new ArrayList<>(stats.size());
    for (HostStats h : stats) {
      hosts.add(new HostView(h.name(), h.configuredRole().name(), h.reportedRole().name(),
          state(h.exclusion()), h.exclusion() == null ? null : h.exclusion().name(),
          Redaction.clean(h.detail()), lagMillis(h), breakers.get(h.name()), h.readsRouted(),
          h.writesRouted(), h.fallbacks()));
    }
    return new ClusterView(cluster.name(), writer(stats), hosts);
  }

  /**
   * The host writes go to, as the hosts last reported: the configured primary unless it
   * reported itself a replica, then the first host that reported itself primary.
   */
  private static String writer(List<HostStats> hosts) {
    HostStats primary = null;
    HostStats reportedPrimary = null;
    for (HostStats h : hosts) {
      if (primary == null && h.configuredRole() == ServerRole.PRIMARY) {
        primary = h;
      }
      if (reportedPrimary == null && h.reportedRole() == ServerRole.PRIMARY) {
        reportedPrimary = h;
      }
    }
    if (primary != null && primary.reportedRole() != ServerRole.REPLICA) {
      return primary.name();
    }
    return reportedPrimary == null ? null : reportedPrimary.name();
  }

  private static String state(ExclusionReason exclusion) {
    if (exclusion == null) {
      return "healthy";
    }
    return exclusion == ExclusionReason.LAGGING ? "lagging" : "excluded";
  }

  private static Double lagMillis(HostStats h) {
    if (h.lastLag() == null || h.lastLag().time() == null) {
      return null;
    }
    return millis(h.lastLag().time());
  }

  /**
   * Converts a duration for the API.
   *
   * @param d the duration
   * @return it in milliseconds, with fractions
   */
  static double millis(Duration d) {
    return millis(d.toNanos());
  }

  /**
   * Converts nanoseconds for the API.
   *
   * @param nanos the nanoseconds
   * @return them in milliseconds, with fractions
   */
  static double millis(long nanos) {
    return nanos / NANOS_PER_MILLI;
  }
}
