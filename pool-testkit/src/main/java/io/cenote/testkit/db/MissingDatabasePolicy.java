package io.cenote.testkit.db;

import org.opentest4j.TestAbortedException;

/**
 * Decides what a server that cannot be reached does to a test that needs it: on a developer's
 * machine the test is skipped (an aborted assumption, with the reason printed), so
 * {@code mvn verify} works without servers; with {@code CI=true} the test fails, so a CI run
 * without its servers cannot pass by skipping everything.
 */
final class MissingDatabasePolicy {

  static final String HINT = "start the servers with scripts/db.sh start";

  private final boolean ci;

  MissingDatabasePolicy(boolean ci) {
    this.ci = ci;
  }

  /**
   * Returns the exception to throw for a server that is missing.
   *
   * @param problem what is missing, naming the server and its URL
   * @param cause the driver's error, or null
   * @return a {@link DatabaseUnavailableException} on CI, else a {@link TestAbortedException}
   */
  RuntimeException unavailable(String problem, Throwable cause) {
    String reason = cause == null ? problem : problem + ": " + describe(cause);
    if (ci) {
      return new DatabaseUnavailableException(
          reason + " (CI=true, so the test fails instead of being skipped; " + HINT + ")", cause);
    }
    String message = "skipped: " + reason + " (" + HINT + ")";
    System.err.println("[cenote-testkit] " + message);
    return new TestAbortedException(message, cause);
  }

  /** The error and, when different, its root cause ("Connection refused"). */
  private static String describe(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return root == cause ? text : text + " [caused by " + root + "]";
  }
}
