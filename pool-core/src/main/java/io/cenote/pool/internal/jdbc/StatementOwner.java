package io.cenote.pool.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a statement proxy needs from the connection proxy that created it.
 *
 * <p>The statement proxies know nothing about pooling; this interface is the whole of their view
 * of the connection, which keeps them testable without a pool.
 */
public interface StatementOwner {

  /**
   * The connection the user holds, returned from {@link Statement#getConnection()} and
   * {@code DatabaseMetaData.getConnection()}: the pooled connection proxy, or the wrapper set
   * as the lease's holder.
   *
   * @return the connection the user holds, never the driver's connection
   */
  Connection connection();

  /**
   * Inspects a driver exception (marks the connection broken on fatal SQLStates) and returns it
   * for rethrow.
   *
   * @param e the exception the driver threw
   * @return the exception to throw, normally {@code e} itself
   */
  SQLException checkException(SQLException e);

  /**
   * Called once when a statement proxy is closed by the user, so the owner stops tracking it.
   *
   * @param statement the statement proxy that was closed
   */
  void statementClosed(Statement statement);

  /**
   * Called when a statement executes, so an open transaction is known to need a rollback on
   * return.
   */
  void markTransactionDirty();
}
