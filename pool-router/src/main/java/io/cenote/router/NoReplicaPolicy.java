package io.cenote.router;

/** What a read does when no replica of its cluster is eligible. */
public enum NoReplicaPolicy {

  /** The read goes to the primary (the default). */
  FALLBACK_TO_PRIMARY,

  /**
   * The read fails at once with a {@link java.sql.SQLTransientConnectionException} (SQLState
   * {@code 08001}) that names the cluster and why each replica is excluded.
   */
  FAIL_FAST
}
