package io.cenote.router.internal;

import io.cenote.pool.AcquireTimeoutException;
import io.cenote.pool.PoolConfig;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure of the host (exclude it, retry elsewhere) from a busy pool (retry elsewhere,
 * keep the host) and from a failure of the statement (report it).
 */
public final class Failures {

  private Failures() {}

  /**
   * Tells whether an error means the host or the way to it failed: SQLState class {@code 08},
   * PostgreSQL's {@code 57P01}-{@code 57P03} (server shutting down or starting), the JDBC
   * connection exception types, or a pool's acquire timeout that points at the host (connects
   * failing or hanging, pre-pings failing), anywhere in the cause chain. An acquire timeout of
   * a merely busy pool is not one (see {@link #isBusy}), whatever else its chain holds. A
   * transient connection error without a reason (a pool that does not say why) counts as one.
   *
   * @param error the error
   * @return true for a connection failure
   */
  public static boolean isConnectionFailure(SQLException error) {
    AcquireTimeoutException timeout = acquireTimeout(error);
    if (timeout != null) {
      return timeout.reason().hostUnreachable();
    }
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
   * Tells whether an error is a pool's acquire timeout while the host was fine: every
   * connection was lent ({@code EXHAUSTED}) or the pool was suspended. Such a read belongs on
   * another host, but the host stays eligible.
   *
   * @param error the error
   * @return true for a busy pool
   */
  public static boolean isBusy(SQLException error) {
    AcquireTimeoutException timeout = acquireTimeout(error);
    return timeout != null && !timeout.reason().hostUnreachable();
  }

  /** @return the first acquire timeout in the cause chain, or null */
  private static AcquireTimeoutException acquireTimeout(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof AcquireTimeoutException timeout) {
        return timeout;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
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
    return error.getClass().getSimpleName() + state + ": "
        + PoolConfig.maskCredentials(error.getMessage());
  }
}
