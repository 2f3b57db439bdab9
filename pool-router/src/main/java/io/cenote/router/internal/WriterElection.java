package io.cenote.router.internal;

import io.cenote.router.ServerRole;

/**
 * Chooses the write host from what consecutive health checks reported, so that one failed or
 * odd check never moves writes: a MySQL/MariaDB replica without {@code read_only} reports itself
 * writable all the time, and must not become a second writer because the primary missed one
 * check.
 *
 * <p>The rule, with {@code n} = {@code failoverChecks}:
 *
 * <ul>
 *   <li>The write host keeps the writes while it reports itself writable (or cannot tell) and
 *       fewer than its last {@code n} checks failed.
 *   <li>When its last {@code n} consecutive checks failed, writes move to a candidate; without
 *       one they stay (and fail until it comes back).
 *   <li>When it reports itself a replica, writes leave it at once (it refuses them anyway, and
 *       sending none there cannot make two writers): to a candidate, else nowhere (writes fail
 *       with {@code 25006}).
 *   <li>A candidate is another host whose last {@code n} consecutive checks reported it
 *       writable: the configured primary first, then the replicas in their configured order.
 *       With no write host, the first candidate takes the writes.
 * </ul>
 *
 * <p>Counts are kept per host and capped at {@code n}. Not thread-safe: {@link Router} calls it
 * under its lock.
 */
final class WriterElection {

  private final int checks;
  private final Host primary;
  private final Host[] replicas;

  WriterElection(int checks, Host primary, Host[] replicas) {
    this.checks = checks;
    this.primary = primary;
    this.replicas = replicas.clone();
  }

  /**
   * Records the outcome of one check of a host.
   *
   * @param host the host
   * @param role what it reported, or null when the check failed
   */
  void observed(Host host, ServerRole role) {
    if (role != null) {
      host.reportedRole = role;
    }
    host.writableChecks = role == ServerRole.PRIMARY ? Math.min(host.writableChecks + 1, checks)
        : 0;
    host.unfitChecks = role == null || role == ServerRole.REPLICA
        ? Math.min(host.unfitChecks + 1, checks) : 0;
  }

  /**
   * Applies the rule.
   *
   * @param current the write host now, or null when writes fail
   * @return the write host from now on, or null
   */
  Host next(Host current) {
    boolean refuses = current != null && current.reportedRole == ServerRole.REPLICA;
    if (current != null && !refuses && current.unfitChecks < checks) {
      return current;
    }
    Host candidate = candidate(current);
    if (candidate != null) {
      return candidate;
    }
    return refuses ? null : current;
  }

  private Host candidate(Host current) {
    if (qualifies(primary, current)) {
      return primary;
    }
    for (Host r : replicas) {
      if (qualifies(r, current)) {
        return r;
      }
    }
    return null;
  }

  private boolean qualifies(Host host, Host current) {
    return host != current && host.writableChecks >= checks;
  }
}
