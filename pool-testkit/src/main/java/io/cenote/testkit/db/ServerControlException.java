package io.cenote.testkit.db;

/** Thrown when {@code scripts/db.sh} cannot stop, start or reconfigure a server. */
public final class ServerControlException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, with the script's output
   */
  public ServerControlException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed
   * @param cause why
   */
  public ServerControlException(String message, Throwable cause) {
    super(message, cause);
  }
}
