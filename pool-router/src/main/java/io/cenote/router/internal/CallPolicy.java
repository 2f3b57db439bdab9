package io.cenote.router.internal;

import io.cenote.resilience.Attempt;
import java.sql.SQLException;

/**
 * How a cluster runs the attempts of one call (a unit of work or a borrow): the one retry layer.
 * {@link ResilientCalls} when the cluster has a resilience section, {@link BuiltInCalls}
 * otherwise. An attempt chooses its host, borrows once and runs the work once; it records its
 * host in the call's context, so the policy charges a failure to the right host and the next
 * attempt can avoid the hosts that failed.
 */
interface CallPolicy {

  /**
   * Runs a read call (read work, a read borrow, a lazy read binding); reads may repeat.
   *
   * @param attempt one attempt
   * @param <T> the result type
   * @return the result
   * @throws SQLException the failure that ended the call
   */
  <T> T read(Attempt<T> attempt) throws SQLException;

  /**
   * Runs a write call.
   *
   * @param repeatable true when the work may run more than once (idempotent work, or a plain
   *     borrow)
   * @param attempt one attempt
   * @param <T> the result type
   * @return the result
   * @throws SQLException the failure that ended the call
   */
  <T> T write(boolean repeatable, Attempt<T> attempt) throws SQLException;

  /**
   * Tells whether a connection whose work failed this way must be closed, not returned.
   *
   * @param failure the work's failure
   * @return true to invalidate the connection
   */
  boolean evicts(SQLException failure);
}
