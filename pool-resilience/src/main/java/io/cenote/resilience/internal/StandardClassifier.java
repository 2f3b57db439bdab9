package io.cenote.resilience.internal;

import io.cenote.pool.AcquireTimeoutException;
import io.cenote.resilience.FailureKind;
import io.cenote.resilience.SqlFailureClassifier;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard classification (see {@code docs/resilience.md}). It walks the chain of causes
 * and next-exceptions, outermost first, in three passes: an open breaker anywhere wins; then the
 * first of these decides: an acquire timeout of a pool that was only busy or suspended (its
 * reason, not its state, tells), an SQLState or a vendor code it knows; then the exception types
 * that imply a broken connection when no state said otherwise.
 *
 * <p>Vendor codes are numbers every driver assigns its own way, so each set is trusted only on
 * errors of its database: SQLite's on {@code org.sqlite.*} exceptions, MySQL/MariaDB's (see
 * {@link MySqlError}) on errors of their drivers or with the SQLState those servers send with
 * the code (Oracle's ORA-01836, for one, also has vendor code 1836).
 */
public final class StandardClassifier implements SqlFailureClassifier {

  /** The shared instance. */
  public static final StandardClassifier INSTANCE = new StandardClassifier();

  /** SQLite primary result codes (sqlite-jdbc reports them as vendor code, SQLState null). */
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_IOERR = 10;
  private static final int SQLITE_CANTOPEN = 14;

  private StandardClassifier() {}

  @Override
  public FailureKind classify(Throwable error) {
    List<Throwable> chain = chain(error);
    for (Throwable t : chain) {
      if (t instanceof CallNotPermittedException) {
        return FailureKind.BREAKER_OPEN;
      }
    }
    for (Throwable t : chain) {
      if (t instanceof AcquireTimeoutException timeout && !timeout.reason().hostUnreachable()) {
        return FailureKind.POOL_BUSY; // the pool was busy or suspended: the host is fine
      }
      if (t instanceof SQLException s) {
        FailureKind kind = byState(s.getSQLState());
        if (kind == null) {
          kind = byVendorCode(s);
        }
        if (kind != null) {
          return kind;
        }
      }
    }
    for (Throwable t : chain) {
      if (t instanceof SQLTransactionRollbackException) {
        return FailureKind.TRANSACTION_CONFLICT;
      }
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          || t instanceof ConnectException
          || t instanceof SocketTimeoutException
          || t instanceof EOFException) {
        return FailureKind.HOST_FAILURE;
      }
    }
    return FailureKind.OTHER;
  }

  private static FailureKind byState(String state) {
    if (state == null || state.length() < 2) {
      return null;
    }
    switch (state) {
      case "08007":
        return FailureKind.UNKNOWN_OUTCOME;
      case "57P01": // admin shutdown
      case "57P02": // crash shutdown
      case "57P03": // cannot connect now (starting up)
        return FailureKind.HOST_FAILURE;
      case "40001": // serialization failure
      case "40P01": // deadlock detected
        return FailureKind.TRANSACTION_CONFLICT;
      case "25006": // read-only SQL transaction
        return FailureKind.READ_ONLY_SERVER;
      default:
        break;
    }
    switch (state.substring(0, 2)) {
      case "08":
        return FailureKind.HOST_FAILURE;
      case "22":
      case "23":
      case "28":
      case "42":
        return FailureKind.PERMANENT;
      default:
        return null;
    }
  }

  private static FailureKind byVendorCode(SQLException s) {
    int code = s.getErrorCode();
    if (s.getSQLState() == null && s.getClass().getName().startsWith("org.sqlite.")) {
      switch (code & 0xff) { // extended codes carry the primary code in the low byte
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
          return FailureKind.TRANSACTION_CONFLICT;
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
          return FailureKind.HOST_FAILURE;
        default:
          return FailureKind.PERMANENT;
      }
    }
    return MySqlError.classify(s);
  }

  /** The error, its causes and next-exceptions, each once, outermost first. */
  private static List<Throwable> chain(Throwable error) {
    List<Throwable> out = new ArrayList<>();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    List<Throwable> todo = new ArrayList<>();
    todo.add(error);
    while (!todo.isEmpty() && out.size() < 64) {
      Throwable t = todo.remove(0);
      if (t == null || seen.put(t, Boolean.TRUE) != null) {
        continue;
      }
      out.add(t);
      todo.add(t.getCause());
      if (t instanceof SQLException s) {
        todo.add(s.getNextException());
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "SqlFailureClassifier.standard()";
  }
}
