package io.cenote.router;

/**
 * Receives routing and health events of one cluster. Every method has a no-op default. With no
 * listener registered the cluster skips dispatch entirely, so the per-read events
 * ({@link #onSelected}, {@link #onFallbackToPrimary}) cost nothing unless somebody listens.
 *
 * <p>Callbacks run on the thread that caused the event (a reader, or a host's health-check
 * thread); they must be fast and must not block. An exception from a listener is logged and
 * ignored. Hosts are named by their pool names.
 */
public interface RouterListener {

  /**
   * A read or write was routed to a host. Fired for every borrow: treat as debug output.
   *
   * @param cluster the cluster's name
   * @param host the chosen host
   * @param write true for a write, false for a read
   */
  default void onSelected(String cluster, String host, boolean write) {}

  /**
   * A host stopped receiving reads (or, for the primary, was found unfit for writes).
   *
   * @param cluster the cluster's name
   * @param host the host
   * @param reason why
   * @param detail the error or measurement behind it, never containing a password
   */
  default void onExcluded(String cluster, String host, ExclusionReason reason, String detail) {}

  /**
   * An excluded host passed a health check and receives reads again.
   *
   * @param cluster the cluster's name
   * @param host the host
   * @param excludedNanos how long it was excluded
   */
  default void onReadmitted(String cluster, String host, long excludedNanos) {}

  /**
   * A health check measured a replica's lag beyond {@code maxReplicationLag} (fired on every
   * such check, also while it stays excluded).
   *
   * @param cluster the cluster's name
   * @param host the replica
   * @param lag the measurement
   */
  default void onLagging(String cluster, String host, ReplicationLag lag) {}

  /**
   * A read went to the primary because no replica was eligible. Fired for every such read.
   *
   * @param cluster the cluster's name
   * @param primary the host that served the read
   */
  default void onFallbackToPrimary(String cluster, String primary) {}

  /**
   * Writes now go to a different host, or nowhere: the write host reported itself a replica
   * (writes stop at once), or a failover moved them after {@code failoverChecks} consecutive
   * checks found the write host unreachable or read-only and the new one writable.
   *
   * @param cluster the cluster's name
   * @param from the previous write host, or null when writes were failing
   * @param to the new write host, or null when no host accepts writes
   */
  default void onWriterChanged(String cluster, String from, String to) {}
}
