package io.cenote.resilience;

import io.cenote.resilience.internal.HostBreakers;
import io.cenote.resilience.internal.RetryableFailure;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.sql.SQLException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls under the one retry budget of a {@link Resilience}: a call makes at most
 * {@link ResilienceConfig#maxAttempts()} attempts in all, with the configured exponential random
 * backoff between them (resilience4j {@code Retry} with
 * {@code IntervalFunction.ofExponentialRandomBackoff}). Each {@link Attempt} chooses its host
 * itself, and may avoid the hosts that already failed this call
 * ({@link AttemptContext#failedOn(String)}); so where another eligible host exists, each attempt
 * goes to a different one.
 *
 * <p>Whether a failed attempt is retried is decided per attempt, from its failure's
 * {@link FailureKind} and what the attempt recorded in its context:
 *
 * <ul>
 *   <li>only {@link FailureKind#retryable() retryable} kinds are retried;
 *   <li>work that must not repeat is retried only if it never started (its borrow failed);
 *   <li>an attempt whose commit outcome is unknown is never retried;
 *   <li>an open breaker is never retried;
 *   <li>a busy pool is retried only by a runner whose attempts may go to another host;
 *   <li>a write that reached a read-only server first runs the runner's read-only hook (a
 *       cluster refreshes its roles), then is retried if it may repeat.
 * </ul>
 *
 * <p>Obtained from {@link Resilience#runner}; thread-safe, and a call's state lives in its own
 * {@link AttemptContext}.
 */
public final class RetryRunner {

  private static final Logger log = LoggerFactory.getLogger(RetryRunner.class);

  private final HostBreakers breakers;
  private final Retry retry;
  private final String name;
  private final boolean severalHosts;
  private final Runnable onReadOnlyServer;

  RetryRunner(HostBreakers breakers, Retry retry, String name, boolean severalHosts,
      Runnable onReadOnlyServer) {
    this.breakers = breakers;
    this.retry = retry;
    this.name = name;
    this.severalHosts = severalHosts;
    this.onReadOnlyServer = onReadOnlyServer;
    retry.getEventPublisher().onRetry(e -> {
      if (e.getLastThrowable() instanceof RetryableFailure f) {
        String host = f.host() != null ? f.host() : name;
        if (f.host() != null) {
          breakers.host(host).countRetry();
        }
        breakers.events().retry(host, e.getNumberOfRetryAttempts(), e.getWaitInterval(),
            f.sqlCause());
      }
    });
  }

  /**
   * Builds the retry config: attempts and exponential random backoff from the configuration.
   *
   * @param config the configuration
   * @return the resilience4j config
   */
  static RetryConfig retryConfig(ResilienceConfig config) {
    return RetryConfig.custom()
        .maxAttempts(config.maxAttempts())
        .intervalFunction(intervals(config))
        .retryExceptions(RetryableFailure.class)
        .build();
  }

  /**
   * Returns the backoff as resilience4j's interval function (milliseconds per attempt).
   *
   * @param config the configuration
   * @return {@code IntervalFunction.ofExponentialRandomBackoff} of its settings
   */
  static IntervalFunction intervals(ResilienceConfig config) {
    return IntervalFunction.ofExponentialRandomBackoff(config.initialDelay(),
        config.multiplier(), config.jitter(), config.maxDelay());
  }

  /** @return the runner's name (its resilience4j {@code Retry}'s name) */
  public String name() {
    return name;
  }

  /**
   * Runs a call: attempts until one succeeds, a failure may not be retried, or the budget is
   * spent.
   *
   * @param repeatable true when the caller's work may run more than once (reads, idempotent
   *     writes, plain borrows)
   * @param attempt one attempt
   * @param <T> the result type
   * @return the result of the attempt that succeeded
   * @throws SQLException the failure of the last attempt, as the attempt threw it
   */
  public <T> T run(boolean repeatable, Attempt<T> attempt) throws SQLException {
    Objects.requireNonNull(attempt, "attempt");
    AttemptContext context = new AttemptContext();
    try {
      return retry.executeCallable(() -> once(repeatable, attempt, context));
    } catch (RetryableFailure f) {
      throw f.sqlCause();
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SQLException("call '" + name + "' failed: " + e, e);
    }
  }

  /**
   * Tells whether a connection whose work failed this way must be closed instead of returned:
   * true for a write that reached a read-only server, whose connection would reach it again.
   *
   * @param failure the work's failure
   * @return true to invalidate the connection
   */
  public boolean evicts(SQLException failure) {
    return breakers.classify(failure) == FailureKind.READ_ONLY_SERVER;
  }

  private <T> T once(boolean repeatable, Attempt<T> attempt, AttemptContext context)
      throws SQLException {
    context.nextAttempt();
    try {
      T result = attempt.run(context);
      String host = context.host();
      if (context.number() > 1 && host != null) {
        breakers.host(host).countRetrySuccess();
        breakers.events().retrySucceeded(host, context.number());
      }
      return result;
    } catch (SQLException e) {
      context.attemptFailed(e);
      if (retryable(e, context, repeatable)) {
        throw new RetryableFailure(e, context.host());
      }
      throw e;
    }
  }

  private boolean retryable(SQLException e, AttemptContext context, boolean repeatable) {
    FailureKind kind = breakers.classify(e);
    String host = context.host() != null ? context.host() : name;
    if (context.isCommitOutcomeUnknown()) {
      log.warn("[{}] commit failed with a connection failure; its outcome is unknown, so the"
          + " work is not retried: {}", host, e.toString());
      breakers.events().unknownCommitOutcome(host, e);
      return false;
    }
    if (kind == FailureKind.READ_ONLY_SERVER) {
      breakers.events().readOnlyServer(host, e);
      onReadOnlyServer.run();
    }
    if (kind == FailureKind.POOL_BUSY && !severalHosts) {
      return false; // the same busy pool again: the caller would wait acquireTimeout once more
    }
    return kind.retryable() && (repeatable || !context.isWorkStarted());
  }

  @Override
  public String toString() {
    return "RetryRunner{" + name + ", " + retry.getRetryConfig().getMaxAttempts()
        + " attempts}";
  }
}
