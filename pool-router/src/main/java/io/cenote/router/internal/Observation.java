package io.cenote.router.internal;

import io.cenote.router.ReplicationLag;
import io.cenote.router.ServerRole;

/**
 * What one health check saw of one host.
 *
 * @param role what the host reported, or null when the check failed
 * @param position the primary's change-stream position (asked of a configured primary that
 *     reports itself primary), or null
 * @param lag the replication lag (asked of a configured replica that does not report itself
 *     primary), or null
 * @param failure why the check failed, or null when it did not
 */
record Observation(ServerRole role, String position, ReplicationLag lag, String failure) {

  /** A check that failed. */
  static Observation failed(String failure) {
    return new Observation(null, null, null, failure);
  }

  /** @return true when the host did not answer in time or answered with an error */
  boolean hasFailed() {
    return failure != null;
  }
}
