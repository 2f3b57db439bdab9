package io.cenote.resilience.internal;

import io.cenote.pool.ConnectionPool;
import io.cenote.resilience.SqlFailureClassifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One half-open probe call with a deadline: a borrow from the host's pool, then a validation of
 * the lent connection under a network timeout of the time left. It runs on a probe worker; its
 * run's watchdog calls {@link #expire} at the deadline. A failure counts against the host when
 * the classifier says so; one that does not (a pool that was only busy, a borrow interrupted
 * because the prober is closing) gives the permission back: no verdict, the next pass probes
 * again.
 *
 * <p>Two fields keep the two threads apart without a lock. {@code outcome} is settled once, by
 * whoever decides first (the call when it ends, the watchdog at the deadline), and only that
 * side records it on the breaker. {@code lent} holds the borrowed connection until one
 * side takes it: the call to give it back, or the watchdog to abort it (which ends a validation
 * that ignores its timeouts). Because each side writes its own flag before it reads the other's,
 * a connection lent just after the deadline is always seen and given back by the call.
 */
final class ProbeCall {

  private static final Logger log = LoggerFactory.getLogger(ProbeCall.class);

  /**
   * Runs a driver's network-timeout setter on the probe's own thread, so the timeout is in force
   * before the validation starts (Connector/J hands the change to this executor).
   */
  private static final Executor DIRECT = Runnable::run;
  private static final long MILLIS_PER_SECOND = 1_000;
  private static final int PENDING = 0;
  private static final int BY_CALL = 1;
  private static final int BY_WATCHDOG = 2;

  private final HostState host;
  private final ConnectionPool pool;
  private final long timeoutNanos;
  private final SqlFailureClassifier classifier;
  private final long startNanos = System.nanoTime();
  private final AtomicInteger outcome = new AtomicInteger(PENDING);
  private final AtomicReference<Connection> lent = new AtomicReference<>();

  ProbeCall(HostState host, ConnectionPool pool, long timeoutNanos,
      SqlFailureClassifier classifier) {
    this.host = host;
    this.pool = pool;
    this.timeoutNanos = timeoutNanos;
    this.classifier = classifier;
  }

  /**
   * Runs the call on the calling thread and records its outcome unless the watchdog did.
   *
   * @return true when the host answered in time
   */
  boolean run() {
    Connection c;
    try {
      c = pool.getConnection();
    } catch (SQLException e) {
      return failed(e);
    }
    lent.set(c);
    try {
      if (expired()) {
        return false; // the deadline passed while the pool lent it
      }
      validate(c);
      if (outcome.compareAndSet(PENDING, BY_CALL)) {
        host.succeeded(elapsed());
        return true;
      }
      return false;
    } catch (SQLException e) {
      return failed(e);
    } finally {
      giveBack(c);
    }
  }

  private void validate(Connection c) throws SQLException {
    long leftMillis = TimeUnit.NANOSECONDS.toMillis(timeoutNanos - elapsed());
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, leftMillis));
    try {
      c.setNetworkTimeout(DIRECT, millis);
    } catch (SQLFeatureNotSupportedException e) {
      // a driver without read timeouts: the watchdog's abort still bounds the call
    }
    // isValid counts whole seconds (0 would mean no limit): round up, the network timeout and
    // the watchdog keep the millisecond deadline
    int seconds = (int) ((millis + MILLIS_PER_SECOND - 1) / MILLIS_PER_SECOND);
    if (!c.isValid(seconds)) {
      throw new SQLException("half-open probe: isValid returned false on host '" + host.name()
          + "'", "08006");
    }
  }

  private boolean failed(SQLException e) {
    if (outcome.compareAndSet(PENDING, BY_CALL)) {
      host.failed(elapsed(), e, classifier.classify(e));
    }
    return false;
  }

  private void giveBack(Connection c) {
    if (lent.compareAndSet(c, null)) { // else the watchdog took it to abort
      try {
        c.close();
      } catch (SQLException e) {
        log.debug("[{}] returning a probe's connection failed", host.name(), e);
      }
    }
  }

  /**
   * Ends the call at its deadline if it has not ended: records a failure and aborts the lent
   * connection, if any, on {@code aborter}.
   *
   * @return true when this ended the call
   */
  boolean expire(Executor aborter) {
    if (!outcome.compareAndSet(PENDING, BY_WATCHDOG)) {
      return false;
    }
    SQLException timeout = new SQLTransientConnectionException("half-open probe of host '"
        + host.name() + "' did not end within probeTimeout ("
        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms)", "08001");
    host.failed(elapsed(), timeout, classifier.classify(timeout));
    Connection c = lent.getAndSet(null);
    if (c != null) {
      aborter.execute(() -> abort(c));
    }
    return true;
  }

  private void abort(Connection c) {
    try {
      c.abort(DIRECT);
    } catch (SQLException e) {
      log.debug("[{}] aborting a hung probe's connection failed", host.name(), e);
    }
  }

  /** @return true when the watchdog ended the call (and so records its outcome) */
  boolean expired() {
    return outcome.get() == BY_WATCHDOG;
  }

  private long elapsed() {
    return System.nanoTime() - startNanos;
  }
}
