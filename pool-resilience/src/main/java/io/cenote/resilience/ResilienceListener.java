package io.cenote.resilience;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Receives breaker and retry events. Every method has a no-op default. Callbacks run on the
 * thread that caused the event (a caller, or the probe thread) and must be fast and must not
 * block; an exception from a listener is logged and ignored. Hosts are named by pool name.
 */
public interface ResilienceListener {

  /**
   * A host's breaker changed state.
   *
   * @param host the host
   * @param from the old state
   * @param to the new state
   */
  default void onStateTransition(String host, BreakerState from, BreakerState to) {}

  /**
   * A unit of work (or a borrow) is about to be tried again.
   *
   * @param host the host the failed attempt ran on
   * @param attempt the number of the retry, from 1
   * @param wait the backoff before it
   * @param error the failure that caused it
   */
  default void onRetry(String host, int attempt, Duration wait, SQLException error) {}

  /**
   * A unit of work succeeded after at least one retry.
   *
   * @param host the host it succeeded on
   * @param attempts how many attempts it took, at least 2
   */
  default void onRetrySucceeded(String host, int attempts) {}

  /**
   * A call failed fast because the host's breaker refused it.
   *
   * @param host the host
   * @param state the breaker's state
   */
  default void onFailFast(String host, BreakerState state) {}

  /**
   * A read skipped a replica whose breaker refused it and went to another host.
   *
   * @param host the skipped replica
   */
  default void onFallback(String host) {}

  /**
   * A write reached a read-only server; roles are being refreshed and the connection evicted.
   *
   * @param host the host that answered read-only
   * @param error the server's error
   */
  default void onReadOnlyServer(String host, SQLException error) {}

  /**
   * A commit failed with a connection failure, so whether it committed is unknown; the work is
   * not retried.
   *
   * @param host the host
   * @param error the error
   */
  default void onUnknownCommitOutcome(String host, SQLException error) {}
}
