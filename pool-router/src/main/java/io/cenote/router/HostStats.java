package io.cenote.router;

/**
 * A snapshot of one host of a cluster, from {@link Cluster#hostStats()}.
 *
 * @param name the host's name (its pool's name)
 * @param url the host's JDBC URL with credentials masked, or null for a {@code DataSource} pool
 * @param configuredRole the role it was configured with
 * @param reportedRole the role it reported at its last health check that got an answer
 * @param exclusion why it is excluded, or null when it is healthy
 * @param detail the error or measurement behind the exclusion, or the last check's detail
 * @param lastLag the lag measured at the last check, or null (the primary; not measured yet)
 * @param readsRouted reads sent to this host
 * @param writesRouted writes sent to this host
 * @param fallbacks reads this host served because no replica was eligible
 * @param exclusions how often this host was excluded
 */
public record HostStats(
    String name,
    String url,
    ServerRole configuredRole,
    ServerRole reportedRole,
    ExclusionReason exclusion,
    String detail,
    ReplicationLag lastLag,
    long readsRouted,
    long writesRouted,
    long fallbacks,
    long exclusions) {

  /** @return true when the host is not excluded */
  public boolean healthy() {
    return exclusion == null;
  }
}
