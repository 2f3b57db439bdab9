package io.cenote.dashboard.internal;

/**
 * Ends a request with an error answer: {@code {"error": message, "field": field}} and a status.
 * Thrown by handlers and the request guard, written by {@link ErrorAnswers}.
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The HTTP status. */
  private final int status;
  /** The request field at fault, or null. */
  private final String field;

  /**
   * Creates the error.
   *
   * @param status the HTTP status
   * @param message what went wrong, for the client
   * @param field the request field at fault, or null
   */
  public ApiException(int status, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
  }

  /**
   * A 404.
   *
   * @param what for example {@code "pool 'orders'"}
   * @return the error
   */
  public static ApiException notFound(String what) {
    return new ApiException(404, "unknown " + what, null);
  }

  /**
   * A 400 about one field.
   *
   * @param message the message, naming the field
   * @param field the field
   * @return the error
   */
  public static ApiException badField(String message, String field) {
    return new ApiException(400, message, field);
  }

  /** @return the HTTP status */
  public int status() {
    return status;
  }

  /** @return the request field at fault, or null */
  public String field() {
    return field;
  }
}
