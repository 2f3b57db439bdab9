package io.cenote.pool;

/**
 * Hears where the transactions of one lease begin and end, and when the lease ends; set with
 * {@link LeasedConnection#setTransactionListener(TransactionListener)}. A router uses it to know
 * when a session wrote something (read-your-writes), whether the user commits through the
 * connection the router handed out or through {@code statement.getConnection()}: both reach the
 * same lease. Every method has a no-op default.
 *
 * <p>The model is JDBC's: a transaction is open on the lease whenever auto-commit is off, and
 * when one ends with auto-commit still off the next is open at once. So {@link #transactionBegan()}
 * and {@link #transactionEnded(boolean)} alternate, beginning with {@code transactionBegan()}, and
 * {@link #leaseClosed()} comes last, once. The lease tracks auto-commit through its own
 * {@code setAutoCommit} calls; a mode changed by SQL text ({@code SET autocommit = 0}) is not
 * seen. Savepoints, and {@code rollback(Savepoint)}, fire nothing: the transaction goes on.
 *
 * <p>Callbacks run on the thread making the JDBC call, after the call, and must be fast and
 * must not block. A {@link RuntimeException} from a callback is caught and logged with the pool's
 * name; it never changes the outcome of the JDBC call (its result, its exception, or the return
 * of the connection to the pool).
 */
public interface TransactionListener {

  /**
   * A transaction is open. Fires:
   * <ul>
   *   <li>in {@code setTransactionListener}, when auto-commit is already off then (the pool lent
   *       the connection with {@code autoCommit=false}, or the user switched it off before), so
   *       the listener always learns of a transaction already open;
   *   <li>after {@code setAutoCommit(false)} returned on a lease whose auto-commit was on;
   *   <li>right after each {@link #transactionEnded(boolean)} that {@code commit()} or
   *       {@code rollback()} caused, since auto-commit stays off and the next transaction is
   *       open.
   * </ul>
   */
  default void transactionBegan() {}

  /**
   * The open transaction ended. Fires after:
   * <ul>
   *   <li>{@code commit()} with auto-commit off: {@code committed} is true when it returned,
   *       false when it threw; then {@link LeasedConnection#commitOutcomeUnknown()} tells
   *       whether it may have committed anyway, and a listener that must not miss a write
   *       checks it;
   *   <li>{@code rollback()} with auto-commit off, whether it returned or threw:
   *       {@code committed} is false;
   *   <li>{@code setAutoCommit(true)} that returned on a lease whose auto-commit was off, which
   *       commits the transaction: {@code committed} is true. One that threw fires nothing (the
   *       mode is unchanged as far as the lease knows); if it failed on the connection,
   *       {@code commitOutcomeUnknown()} says so.
   * </ul>
   * Neither {@code commit()} nor {@code rollback()} fires anything with auto-commit on.
   *
   * @param committed true when the transaction was committed
   */
  default void transactionEnded(boolean committed) {}

  /**
   * The lease ended: fires exactly once, when {@code close()}, {@code invalidate()},
   * {@code detach()} or {@code abort()} first ends it, after the pool took the connection back
   * (or let it go, for {@code detach()}); closing again fires nothing, also when threads close
   * the same lease at once. A transaction still open then gets no
   * {@link #transactionEnded(boolean)}: the pool rolls it back on return, and nothing of it was
   * committed (after {@code detach()} it stays open on the detached connection). A connection
   * the pool reclaims as a leak or at shutdown fires it only once its borrower closes it.
   *
   * <p>It is the last callback, with one exception: a {@code commit()} or {@code rollback()}
   * still running on another thread when the lease is closed reports its
   * {@link #transactionEnded(boolean)} afterwards rather than not at all, so a commit never goes
   * unheard (no {@code transactionBegan()} follows it). JDBC connections are not meant for such
   * concurrent use; it happens when a watchdog aborts a connection in the middle of a call.
   */
  default void leaseClosed() {}
}
