package io.cenote.examples.simulator;

/** The servers a run needs have no URL: {@code scripts/db.sh start} has not been run. */
final class NotConfiguredException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param database the database whose servers are missing
   */
  NotConfiguredException(Database database) {
    super("the " + database.id() + " servers are not configured: run scripts/db.sh start first"
        + " (it writes target/db.env)");
  }
}
