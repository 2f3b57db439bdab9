package io.cenote.pool;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by {@link ConnectionPool#getConnection()} when no connection could be lent within
 * {@code acquireTimeout}. It is an {@link SQLTransientConnectionException}, so a retry policy
 * that classifies by JDBC type or SQLState treats it as transient; {@link #reason()} says why the
 * time ran out, so a router or a circuit breaker can tell a busy pool from an unreachable host.
 *
 * <p>The message names the pool, the real time the call took, the reason and the pool's gauges;
 * the cause is the last driver error of a failing connection attempt, when there is one, and the
 * SQLState is that error's (else {@code 08001} when the host looks unreachable, none when the
 * pool was merely busy).
 */
public final class AcquireTimeoutException extends SQLTransientConnectionException {

  private static final long serialVersionUID = 1L;

  /** Why a borrow ran out of time. */
  public enum Reason {
    /** Every connection the pool may open was lent to other borrowers: the pool is busy. */
    EXHAUSTED(false),
    /** Opening a connection kept failing (the cause is the driver's last error). */
    CONNECT_FAILING(true),
    /** A connection attempt was under way and did not complete in time. */
    CONNECT_PENDING(true),
    /** Idle connections were found broken by their pre-ping during this borrow. */
    VALIDATION_FAILED(true),
    /** The pool was suspended for the whole wait. */
    SUSPENDED(false);

    private final boolean hostUnreachable;

    Reason(boolean hostUnreachable) {
      this.hostUnreachable = hostUnreachable;
    }

    /**
     * @return true when the reason points at the database or the network (connect failures,
     *     hanging connects, failed pre-pings), false when the pool was only busy or suspended
     */
    public boolean hostUnreachable() {
      return hostUnreachable;
    }
  }

  private final String poolName;
  private final Reason reason;
  private final Duration elapsed;

  /**
   * Creates the exception.
   *
   * @param message the full message (pool name, elapsed time, reason, gauges)
   * @param sqlState the SQLState, or null
   * @param cause the last connection error, or null
   * @param poolName the pool's name
   * @param reason why the time ran out
   * @param elapsed how long the call took
   */
  public AcquireTimeoutException(String message, String sqlState, Throwable cause,
      String poolName, Reason reason, Duration elapsed) {
    super(message, sqlState, cause);
    this.poolName = Objects.requireNonNull(poolName, "poolName");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
  }

  /** @return the name of the pool that could not lend */
  public String poolName() {
    return poolName;
  }

  /** @return why the time ran out */
  public Reason reason() {
    return reason;
  }

  /** @return how long {@code getConnection()} took before it gave up */
  public Duration elapsed() {
    return elapsed;
  }
}
