package io.cenote.router;

/** Why a cluster stopped routing reads to a host. */
public enum ExclusionReason {

  /** A health check could not connect, or the host failed while a read was using it. */
  DOWN,

  /** Its replication lag exceeded {@code maxReplicationLag}, or replication is not running. */
  LAGGING,

  /** It reports a different role than configured (a replica that became primary, or the reverse). */
  ROLE_CHANGED,

  /** Borrowing a connection from its pool failed (connection error or acquire timeout). */
  BORROW_FAILED,

  /** The cluster's {@link HostGuard} refuses it (for example, its circuit breaker is open). */
  CIRCUIT_OPEN
}
