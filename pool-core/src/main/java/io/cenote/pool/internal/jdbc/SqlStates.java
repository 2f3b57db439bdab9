package io.cenote.pool.internal.jdbc;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.sql.SQLException;

/** Knows which driver errors mean the connection itself is gone or a commit's fate unknown. */
final class SqlStates {

  /** "Operation canceled" (SQL CLI): a cancelled call; the fault driver's interrupted call. */
  private static final String CANCELLED = "HY008";
  /** Causes followed before giving up, so a cyclic cause chain cannot loop for ever. */
  private static final int MAX_CAUSES = 32;

  private SqlStates() {}

  /**
   * True for connection exceptions (class 08), PostgreSQL admin shutdown / crash shutdown /
   * cannot-connect-now (57P01-57P03) and the JDBC "connection closed" codes of common drivers.
   */
  static boolean isFatal(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      String state = x.getSQLState();
      if (state != null && (state.startsWith("08") || state.equals("57P01")
          || state.equals("57P02") || state.equals("57P03") || state.equals("JZ0C0")
          || state.equals("JZ0C1"))) {
        return true;
      }
      if (x.getNextException() == x) {
        break;
      }
    }
    return false;
  }

  /**
   * True when a failed commit may nevertheless have committed: the connection failed
   * ({@link #isFatal}) or the call was cut short by an interrupt or a cancel (SQLState
   * {@code HY008}, or an interrupt or socket timeout among the causes), so the database's answer
   * never arrived. False when the database answered with an error, such as {@code 40001}: then
   * nothing was committed.
   */
  static boolean leavesCommitUnknown(SQLException e) {
    if (isFatal(e)) {
      return true;
    }
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (CANCELLED.equals(x.getSQLState()) || cutShort(x)) {
        return true;
      }
      if (x.getNextException() == x) {
        break;
      }
    }
    return false;
  }

  /** Whether an interrupt or an I/O timeout lies among the causes (a chain, possibly cyclic). */
  private static boolean cutShort(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof InterruptedIOException
          || t instanceof ClosedByInterruptException) {
        return true;
      }
    }
    return false;
  }
}
