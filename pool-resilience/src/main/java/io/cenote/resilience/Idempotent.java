package io.cenote.resilience;

/**
 * Whether write work may run more than once, passed to
 * {@link ResilientPool#write(Idempotent, io.cenote.pool.ConnectionWork)} and to a cluster's
 * {@code write(Idempotent, work)} (pool-router).
 */
public enum Idempotent {

  /**
   * Running the work twice has the same effect as once (an upsert, a write keyed by a client
   * id): it is retried after host failures and transaction conflicts, unless a commit's outcome
   * is unknown.
   */
  YES,

  /**
   * The work must not run twice: it is retried only when it never started (the borrow failed).
   */
  NO
}
