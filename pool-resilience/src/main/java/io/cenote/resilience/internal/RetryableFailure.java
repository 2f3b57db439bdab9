package io.cenote.resilience.internal;

import java.sql.SQLException;

/**
 * Carries an attempt's failure through resilience4j's {@code Retry} when this attempt may be
 * retried; the only exception type the retry config retries. Never leaves the library.
 */
public final class RetryableFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient String host;

  /**
   * Wraps a failure that may be retried.
   *
   * @param cause the attempt's failure
   * @param host the host it happened on, or null when the attempt chose none
   */
  public RetryableFailure(SQLException cause, String host) {
    super(cause.getMessage(), cause, false, false);
    this.host = host;
  }

  /** @return the attempt's failure */
  public SQLException sqlCause() {
    return (SQLException) getCause();
  }

  /** @return the host it happened on, or null */
  public String host() {
    return host;
  }
}
