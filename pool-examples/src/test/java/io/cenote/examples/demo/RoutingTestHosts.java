package io.cenote.examples.demo;

import io.cenote.router.ExclusionReason;
import io.cenote.router.HostStats;
import io.cenote.router.ReplicationLag;
import io.cenote.router.ServerRole;

/** Host statistics for the routing tests, as a cluster would report them. */
final class RoutingTestHosts {

  private RoutingTestHosts() {}

  static HostStats writer(long reads, long writes) {
    return new HostStats(RoutingCluster.WRITER, "jdbc:sqlite:/tmp/demo.db", ServerRole.PRIMARY,
        ServerRole.UNKNOWN, null, "role UNKNOWN", null, reads, writes, 0, 0);
  }

  static HostStats replica(String name, long reads, long exclusions) {
    return new HostStats(name, "jdbc:sqlite:/tmp/demo.db?open_mode=1", ServerRole.REPLICA,
        ServerRole.UNKNOWN, null, "no lag", ReplicationLag.NONE, reads, 0, 0, exclusions);
  }

  static HostStats down(String name, long reads) {
    return new HostStats(name, "jdbc:cenote-fault:sqlite:/tmp/demo.db?open_mode=1",
        ServerRole.REPLICA, ServerRole.UNKNOWN, ExclusionReason.DOWN,
        "SQLException [08001]: connection refused", null, reads, 0, 0, 1);
  }
}
