package io.cenote.pool.internal;

import io.cenote.pool.AcquireTimeoutException;
import io.cenote.pool.PoolStats;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine's acquire timeout: a {@link TimeoutException} (what {@code ResourcePool} callers
 * catch) that also says why the time ran out and how long the call took, so the JDBC pool can
 * turn it into an {@link AcquireTimeoutException}.
 */
public final class BorrowTimeout extends TimeoutException {

  private static final long serialVersionUID = 1L;

  private final AcquireTimeoutException.Reason reason;
  private final long elapsedNanos;

  BorrowTimeout(String message, AcquireTimeoutException.Reason reason, long elapsedNanos,
      Throwable cause) {
    super(message);
    this.reason = reason;
    this.elapsedNanos = elapsedNanos;
    if (cause != null) {
      initCause(cause);
    }
  }

  /**
   * Builds the timeout with a message that names the pool, the real time the call took and why.
   *
   * @param s the pool's statistics now
   * @param acquireTimeout the configured timeout, for the message
   * @param reason why the time ran out
   * @param failedValidations idle connections this borrow found broken
   * @param elapsedNanos how long the call took
   * @param cause the last connection error, or null
   * @return the exception
   */
  static BorrowTimeout of(PoolStats s, Duration acquireTimeout,
      AcquireTimeoutException.Reason reason, int failedValidations, long elapsedNanos,
      Throwable cause) {
    String why = switch (reason) {
      case SUSPENDED -> "the pool is suspended";
      case VALIDATION_FAILED -> failedValidations + (failedValidations == 1 ? " connection"
          : " connections") + " failed validation";
      case CONNECT_FAILING -> "opening connections fails";
      case CONNECT_PENDING -> "a connection attempt did not finish in time";
      case EXHAUSTED -> "all " + s.total() + " connections were in use";
    };
    return new BorrowTimeout("pool '" + s.poolName() + "' could not lend a connection in "
        + TimeUnit.NANOSECONDS.toMillis(elapsedNanos) + " ms (acquireTimeout "
        + acquireTimeout.toMillis() + " ms): " + why + " (" + s.gauges() + ", maxSize="
        + s.maxSize() + ", maxOverflow=" + s.maxOverflow() + ")", reason, elapsedNanos, cause);
  }

  /**
   * Says why a borrow ran out of time, the most specific cause first.
   *
   * @param suspended whether the pool is suspended
   * @param failedValidations idle connections this borrow found broken
   * @param creationFailing whether the last connection attempt failed
   * @param creationPending whether a connection attempt is under way
   * @return the reason
   */
  static AcquireTimeoutException.Reason reason(boolean suspended, int failedValidations,
      boolean creationFailing, boolean creationPending) {
    if (suspended) {
      return AcquireTimeoutException.Reason.SUSPENDED;
    }
    if (failedValidations > 0) {
      return AcquireTimeoutException.Reason.VALIDATION_FAILED;
    }
    if (creationFailing) {
      return AcquireTimeoutException.Reason.CONNECT_FAILING;
    }
    if (creationPending) {
      return AcquireTimeoutException.Reason.CONNECT_PENDING;
    }
    return AcquireTimeoutException.Reason.EXHAUSTED;
  }

  /** @return why the time ran out */
  public AcquireTimeoutException.Reason reason() {
    return reason;
  }

  /** @return how long the borrow took before it gave up */
  public long elapsedNanos() {
    return elapsedNanos;
  }
}
