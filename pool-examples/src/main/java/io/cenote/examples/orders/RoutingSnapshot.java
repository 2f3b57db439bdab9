package io.cenote.examples.orders;

import io.cenote.router.Cluster;
import io.cenote.router.HostStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reads and writes each host of a cluster had been sent at one moment, from
 * {@link Cluster#hostStats()}; the difference of two snapshots tells which host served a step.
 *
 * @param hosts per host name (primary first): reads and writes routed to it
 */
record RoutingSnapshot(Map<String, long[]> hosts) {

  /**
   * Takes a snapshot.
   *
   * @param cluster the cluster
   * @return its hosts' routing counters now
   */
  static RoutingSnapshot of(Cluster cluster) {
    Map<String, long[]> hosts = new LinkedHashMap<>();
    for (HostStats h : cluster.hostStats()) {
      hosts.put(h.name(), new long[] {h.readsRouted(), h.writesRouted()});
    }
    return new RoutingSnapshot(hosts);
  }

  /**
   * Describes what was routed since an earlier snapshot, e.g.
   * {@code reads: orders-r1 x2; writes: orders-primary x1}.
   *
   * @param earlier the snapshot before the step
   * @return the hosts that served reads and writes in between
   */
  String since(RoutingSnapshot earlier) {
    List<String> reads = new ArrayList<>();
    List<String> writes = new ArrayList<>();
    for (Map.Entry<String, long[]> e : hosts.entrySet()) {
      long[] before = earlier.hosts.getOrDefault(e.getKey(), new long[2]);
      long r = e.getValue()[0] - before[0];
      long w = e.getValue()[1] - before[1];
      if (r > 0) {
        reads.add(e.getKey() + " x" + r);
      }
      if (w > 0) {
        writes.add(e.getKey() + " x" + w);
      }
    }
    List<String> parts = new ArrayList<>();
    if (!reads.isEmpty()) {
      parts.add("reads: " + String.join(", ", reads));
    }
    if (!writes.isEmpty()) {
      parts.add("writes: " + String.join(", ", writes));
    }
    return parts.isEmpty() ? "nothing routed" : String.join("; ", parts);
  }
}
