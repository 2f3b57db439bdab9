package io.cenote.resilience;

/**
 * What a failure means for the breaker and for retry, as decided by a
 * {@link SqlFailureClassifier}. See the classification table in {@code docs/resilience.md}.
 */
public enum FailureKind {

  /**
   * The host or the way to it failed (SQLState class {@code 08} except {@code 08007},
   * PostgreSQL {@code 57P01}-{@code 57P03}, the pool's acquire timeout unless the pool was only
   * busy, connect timeouts): counted by the host's breaker and retried.
   */
  HOST_FAILURE(true, true),

  /**
   * The host failed while the outcome of a transaction was being decided ({@code 08007}, or a
   * connection failure during {@code commit()}): counted by the breaker, never retried.
   */
  UNKNOWN_OUTCOME(true, false),

  /**
   * The transaction lost a conflict ({@code 40001} serialization failure, {@code 40P01}
   * deadlock, SQLite {@code SQLITE_BUSY}/{@code SQLITE_LOCKED}) and was rolled back: the whole
   * unit of work is retried; the host is healthy, so the breaker does not count it.
   */
  TRANSACTION_CONFLICT(false, true),

  /**
   * A write reached a read-only server ({@code 25006}, MySQL/MariaDB error 1290 or 1836): the
   * cluster refreshes roles and the connection is evicted; not counted. Retried, after the
   * refresh, only for work that may repeat.
   */
  READ_ONLY_SERVER(false, true),

  /**
   * The host's pool could not lend a connection in time although the host is reachable: every
   * connection was lent or the pool was suspended (pool-core's
   * {@link io.cenote.pool.AcquireTimeoutException} whose
   * {@linkplain io.cenote.pool.AcquireTimeoutException.Reason#hostUnreachable() reason} does not
   * point at the host). Busy is not down, so the breaker does not count it (a saturated replica
   * does not trip and flap). It is retried only where the next attempt may go to another host
   * (a cluster's reads); on a single host the caller has already waited the pool's
   * {@code acquireTimeout}, and waiting again would only add load to a saturated pool.
   */
  POOL_BUSY(false, true),

  /** The host's breaker is open and refused the call: neither counted nor retried. */
  BREAKER_OPEN(false, false),

  /**
   * The request itself is wrong (SQLState classes {@code 22} data, {@code 23} constraint,
   * {@code 28} authorization, {@code 42} syntax or access): retrying cannot help and the host is
   * fine, so neither counted nor retried.
   */
  PERMANENT(false, false),

  /** Nothing the classifier recognises: neither counted nor retried. */
  OTHER(false, false);

  private final boolean counted;
  private final boolean retryable;

  FailureKind(boolean counted, boolean retryable) {
    this.counted = counted;
    this.retryable = retryable;
  }

  /** @return true when the host's circuit breaker records this failure */
  public boolean countsAgainstBreaker() {
    return counted;
  }

  /**
   * @return true when work that may repeat is retried after this failure ({@link #POOL_BUSY}:
   *     only when the retry may go to another host)
   */
  public boolean retryable() {
    return retryable;
  }
}
