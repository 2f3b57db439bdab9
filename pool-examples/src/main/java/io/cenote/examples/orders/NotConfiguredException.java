package io.cenote.examples.orders;

/**
 * Thrown when the environment lacks what an example's database needs (its URL, user or
 * password); the message says which variables are missing and what to do, in one line, and
 * holds no value of any variable.
 */
public final class NotConfiguredException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line: what is missing and what to do
   */
  public NotConfiguredException(String message) {
    super(message);
  }
}
