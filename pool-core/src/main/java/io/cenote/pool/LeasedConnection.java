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
 * to that wrapper. The hooks cost a borrow nothing while unused; every borrow gets a fresh lease,
 * so they start clear each time.
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
   * Names the connection the user actually holds when another layer wraps this lease (a
   * router's own connection, say), so the user is never handed the lease around the wrapper.
   * From then on {@link java.sql.Statement#getConnection()} of every statement of this lease,
   * plain, prepared and callable, those created earlier and those reached through
   * {@link java.sql.ResultSet#getStatement()}, and {@link java.sql.DatabaseMetaData#getConnection()}
   * of its metadata return {@code holder}. Until it is called they return this lease itself.
   *
   * <p>Call it once, right after borrowing and before the connection is used or shared with
   * another thread: like the rest of a connection's state it is not synchronised.
   *
   * @param holder the connection the user holds, which wraps this lease
   * @throws IllegalStateException when a different holder was set before
   */
  void setHolder(Connection holder);
}
