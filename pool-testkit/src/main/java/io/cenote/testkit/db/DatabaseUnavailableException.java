package io.cenote.testkit.db;

/**
 * Fails a test that needs a real database which cannot be reached while {@code CI=true}; outside
 * CI such a test is skipped instead. The message names the server, its URL and the cause.
 */
public final class DatabaseUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the server, its URL, what went wrong and what to do about it
   * @param cause the driver's error, or null when there was nothing to connect to
   */
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
