package io.cenote.resilience.internal;

import java.sql.SQLException;

/**
 * Carries an attempt's failure through resilience4j's {@code Retry} when this attempt may be
 * retried; the only exception type the retry config retries. Never leaves the library.
 */
final class RetryableFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient String host;

  RetryableFailure(SQLException cause, String host) {
    super(cause.getMessage(), cause, false, false);
    this.host = host;
  }

  SQLException sqlCause() {
    return (SQLException) getCause();
  }

  String host() {
    return host;
  }
}
