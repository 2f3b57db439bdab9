package io.cenote.resilience;

import java.sql.SQLException;

/**
 * One attempt of a call run by a {@link RetryRunner}: choose a host, borrow, run the work. The
 * attempt tells the {@link AttemptContext} which host it chose and whether the work started, so
 * the runner can charge a failure to the right host and decide whether another attempt is safe.
 *
 * @param <T> the call's result type
 */
@FunctionalInterface
public interface Attempt<T> {

  /**
   * Runs the attempt once.
   *
   * @param context the call's context; the same object for every attempt of one call
   * @return the result
   * @throws SQLException when the attempt failed
   */
  T run(AttemptContext context) throws SQLException;
}
