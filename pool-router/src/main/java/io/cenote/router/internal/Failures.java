package io.cenote.router.internal;

import io.cenote.pool.PoolConfig;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** Tells a failure of the host (retry elsewhere) from a failure of the statement (report it). */
public final class Failures {

  private Failures() {}

  /**
   * Tells whether an error means the host or the way to it failed: SQLState class {@code 08},
   * PostgreSQL's {@code 57P01}-{@code 57P03} (server shutting down or starting), the JDBC
   * connection exception types, or the pool's acquire timeout
   * ({@link SQLTransientConnectionException}), anywhere in the cause chain.
   *
   * @param error the error
   * @return true for a connection failure
   */
  public static boolean isConnectionFailure(SQLException error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
            || state.equals("57P03")) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * Describes an error for an exclusion's detail: class, SQLState and message.
   *
   * @param error the error
   * @return one line
   */
  public static String describe(Throwable error) {
    String state = error instanceof SQLException s && s.getSQLState() != null
        ? " [" + s.getSQLState() + "]" : "";
    return error.getClass().getSimpleName() + state + ": " + PoolConfig.maskCredentials(error.getMessage());
  }
}
