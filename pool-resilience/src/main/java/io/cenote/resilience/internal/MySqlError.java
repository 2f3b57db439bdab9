package io.cenote.resilience.internal;

import io.cenote.resilience.FailureKind;
import java.sql.SQLException;

/**
 * The MySQL/MariaDB server error codes the standard classifier knows, each with the SQLState
 * those servers send with it. A code counts only on an error that is MySQL's or MariaDB's: one
 * thrown by a class of their drivers, or one carrying the code's SQLState or {@code HY000}, their
 * general state. Connector/J and MariaDB Connector/J throw most server errors as plain
 * {@link SQLException}s (a write on a {@code --read-only} server is {@code java.sql.SQLException}
 * with {@code HY000} and 1290), so the class alone cannot tell; other drivers reuse the numbers
 * with other states or none (Oracle's ORA-01836, a date format error, has vendor code 1836).
 * The states {@code 40001} and {@code 08S01} decide by themselves before any code is looked at;
 * for those codes it is the general state that needs the code.
 */
enum MySqlError {

  /** 1290 ER_OPTION_PREVENTS_STATEMENT: {@code --read-only} / {@code --super-read-only}. */
  OPTION_PREVENTS_STATEMENT(1290, "HY000", FailureKind.READ_ONLY_SERVER),
  /** 1836 ER_READ_ONLY_MODE. */
  READ_ONLY_MODE(1836, "HY000", FailureKind.READ_ONLY_SERVER),
  /** 1213 ER_LOCK_DEADLOCK. */
  DEADLOCK(1213, "40001", FailureKind.TRANSACTION_CONFLICT),
  /** 1053 ER_SERVER_SHUTDOWN. */
  SERVER_SHUTDOWN(1053, "08S01", FailureKind.HOST_FAILURE),
  /** 1927 ER_CONNECTION_KILLED (MariaDB). */
  CONNECTION_KILLED(1927, "70100", FailureKind.HOST_FAILURE);

  /** The state MySQL and MariaDB send with a server error that has no standard state. */
  private static final String GENERAL_STATE = "HY000";
  /** Packages of Connector/J ({@code com.mysql.cj}) and MariaDB Connector/J. */
  private static final String[] DRIVER_PACKAGES = {"com.mysql.", "org.mariadb."};

  private final int code;
  private final String state;
  private final FailureKind kind;

  MySqlError(int code, String state, FailureKind kind) {
    this.code = code;
    this.state = state;
    this.kind = kind;
  }

  /**
   * Classifies an error by its MySQL/MariaDB vendor code.
   *
   * @param error an error whose SQLState the classifier did not know
   * @return the code's kind, or null when the code is not one of these or the error is not
   *     MySQL's or MariaDB's
   */
  static FailureKind classify(SQLException error) {
    for (MySqlError e : values()) {
      if (e.code == error.getErrorCode()) {
        return e.isSentWith(error) ? e.kind : null;
      }
    }
    return null;
  }

  private boolean isSentWith(SQLException error) {
    String s = error.getSQLState();
    return state.equals(s) || GENERAL_STATE.equals(s) || fromDriver(error);
  }

  private static boolean fromDriver(SQLException error) {
    String name = error.getClass().getName();
    for (String p : DRIVER_PACKAGES) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
