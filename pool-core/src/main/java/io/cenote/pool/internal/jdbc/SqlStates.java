package io.cenote.pool.internal.jdbc;

import java.sql.SQLException;

/** Knows which driver errors mean the connection itself is gone. */
final class SqlStates {

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
}
