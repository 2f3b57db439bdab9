package io.cenote.router;

/** Why a cluster stopped routing reads to a host. */
public enum ExclusionReason {

  /** A health check could not connect, or the host failed while a read was using it. */
  DOWN,

  /** Its replication lag exceeded {@code maxReplicationLag}, or replication is not running. */
  LAGGING,

  /** It reports a different role than configured (a replica that became primary, or the reverse). */
  ROLE_CHANGED,

  /**
   * Borrowing a connection from its pool failed with a connection error, or timed out because
   * connects failed or hung. A borrow that timed out because the pool was busy (every connection
   * lent) does not exclude a replica: the read goes elsewhere.
   */
  BORROW_FAILED,

  /** Its circuit breaker (the cluster's resilience section) is open or half-open. */
  CIRCUIT_OPEN
}
