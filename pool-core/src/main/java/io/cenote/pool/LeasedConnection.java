package io.cenote.pool;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Extra operations on a connection lent by {@link ConnectionPool}, reached with
 * {@code connection.unwrap(LeasedConnection.class)}.
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
}
