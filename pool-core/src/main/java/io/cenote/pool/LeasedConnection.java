package io.cenote.pool;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Extra operations on a connection lent by {@link ConnectionPool}, reached with
 * {@code connection.unwrap(LeasedConnection.class)}.
 *
 * <p>Besides {@link #invalidate()} and {@link #detach()} for the caller that knows more than the
 * pool, a lease offers hooks for a layer that wraps the pool's connection, such as a router
 * handing out a connection of its own: {@link #setHolder(Connection)} makes statements lead back
 * to that wrapper, {@link #setTransactionListener(TransactionListener)} reports transactions
 * and the end of the lease, and {@link #commitOutcomeUnknown()} tells a retry policy whether a
 * failed commit may have committed. The hooks cost a borrow nothing while unused; every borrow
 * gets a fresh lease, so they start clear each time.
 */
public interface LeasedConnection extends Connection {

  /** @return the id of the physical connection, as used in {@link PoolListener} events */
  long connectionId();

  /**
   * Closes this lease and the physical connection behind it instead of returning it to the
   * pool, for a connection the caller knows is broken. The pool opens a replacement when needed.
   *
   * @throws SQLException never for an open lease; the lease is closed afterwards
   */
  void invalidate() throws SQLException;

  /**
   * Takes the physical connection out of the pool for good: the pool frees the slot and forgets
   * the connection, and the caller becomes responsible for closing it. This lease is closed.
   *
   * @return the driver's connection
   * @throws SQLException when the lease is closed or the pool already reclaimed it
   */
  Connection detach() throws SQLException;

  /**
   * Whether the last commit on this lease may or may not have committed. True when
   * {@link #commit()} threw because the connection failed (SQLState class {@code 08}, or another
   * state the pool treats as a dead connection, such as PostgreSQL's {@code 57P01}-{@code 57P03})
   * or because the call was cut short (SQLState {@code HY008}, an interrupt or socket timeout
   * among the causes, the thread's interrupt flag set, or this lease aborted or closed from
   * another thread meanwhile): the database may have committed before its answer was lost, so
   * the caller must assume neither outcome (retrying may apply the transaction twice).
   * {@link #setAutoCommit(boolean) setAutoCommit(true)} commits implicitly, and counts the same
   * way when it ends a transaction that did work.
   *
   * <p>False before any commit, after a commit that succeeded, and after one the database
   * refused with an answer (a serialization failure {@code 40001}, a constraint violation):
   * nothing was committed then. Every commit sets it afresh, so a later transaction's successful
   * commit clears it.
   *
   * <p>It stays readable after the lease is closed: {@code unwrap(LeasedConnection.class)} still
   * answers on a closed connection, so the caller can check it once try-with-resources has
   * closed the connection. Like the rest of a connection's state it is not synchronised: read it
   * on the thread that committed, or after a hand-off that orders the two.
   *
   * @return true when the last commit's outcome is unknown
   */
  boolean commitOutcomeUnknown();

  /**
   * Names the connection the user actually holds when another layer wraps this lease (a
   * router's own connection, say), so the user is never handed the lease around the wrapper.
   * From then on {@link java.sql.Statement#getConnection()} of every statement of this lease,
   * plain, prepared and callable, those created earlier and those reached through
   * {@link java.sql.ResultSet#getStatement()}, and
   * {@link java.sql.DatabaseMetaData#getConnection()} of its metadata return {@code holder}.
   * Until it is called they return this lease itself.
   *
   * <p>Call it once, right after borrowing and before the connection is used or shared with
   * another thread: like the rest of a connection's state it is not synchronised.
   *
   * @param holder the connection the user holds, which wraps this lease
   * @throws IllegalStateException when a different holder was set before
   */
  void setHolder(Connection holder);

  /**
   * Registers the one listener of this lease's transactions and its end; see
   * {@link TransactionListener} for exactly which calls fire which callback. If auto-commit is
   * off at this moment (the pool lent the connection so, or the user switched it off),
   * {@link TransactionListener#transactionBegan()} fires at once, from this call, so the
   * listener learns of the transaction already open.
   *
   * <p>Call it once, right after borrowing and before the connection is used or shared with
   * another thread. Without a listener the lease fires nothing and the calls pay one null check.
   *
   * @param listener the listener
   * @throws IllegalStateException when the lease is closed or already has a listener
   */
  void setTransactionListener(TransactionListener listener);
}
