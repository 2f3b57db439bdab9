package io.cenote.testkit.fault;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;

/** Builds the exceptions the fault driver throws, with the SQLStates of {@link FaultSqlStates}. */
final class Errors {

  private Errors() {}

  static SQLException connectionClosed() {
    return new SQLException("connection is closed", FaultSqlStates.CONNECTION_CLOSED);
  }

  static SQLException statementClosed() {
    return new SQLException("statement is closed", FaultSqlStates.CONNECTION_CLOSED);
  }

  static SQLException resultSetClosed() {
    return new SQLException("result set is closed", FaultSqlStates.CONNECTION_CLOSED);
  }

  static SQLException reset(String reason) {
    return new SQLException("connection reset: " + reason, FaultSqlStates.CONNECTION_FAILURE);
  }

  static SQLException closedWhileBlocked() {
    return new SQLException("connection was closed or aborted while a call was blocked",
        FaultSqlStates.CONNECTION_FAILURE);
  }

  static SQLException networkTimeout(int millis) {
    return new SQLException("network timeout of " + millis + " ms elapsed",
        FaultSqlStates.CONNECTION_FAILURE, new SocketTimeoutException("Read timed out"));
  }

  static SQLTimeoutException callTimeout(long nanos) {
    return new SQLTimeoutException("the call was canceled after its timeout of "
        + (nanos / 1_000_000) + " ms", FaultSqlStates.QUERY_CANCELED);
  }

  static SQLException interrupted() {
    return new SQLException("interrupted while a call was blocked", FaultSqlStates.INTERRUPTED,
        new InterruptedException());
  }

  static SQLException noTransaction(String operation) {
    return new SQLException("cannot " + operation + " when autoCommit is enabled",
        FaultSqlStates.NO_ACTIVE_TRANSACTION);
  }

  static SQLException invalidArgument(String name, Object value) {
    return new SQLException(name + " is not valid: " + value, FaultSqlStates.INVALID_ARGUMENT);
  }

  static SQLFeatureNotSupportedException unsupported(String operation) {
    return new SQLFeatureNotSupportedException(
        operation + " is not supported by the fault driver's stub");
  }
}
