package io.cenote.resilience.internal;

import io.cenote.resilience.BreakerState;
import io.cenote.resilience.ResilienceListener;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to the configured listeners; a failing listener is logged and ignored. */
public final class Events {

  private static final Logger log = LoggerFactory.getLogger(Events.class);

  private final ResilienceListener[] listeners;

  Events(List<ResilienceListener> listeners) {
    this.listeners = listeners.toArray(new ResilienceListener[0]);
  }

  /** A host's breaker changed state. */
  public void transition(String host, BreakerState from, BreakerState to) {
    fire(l -> l.onStateTransition(host, from, to));
  }

  /** A failed attempt of a call on {@code host} is retried after {@code wait}. */
  public void retry(String host, int attempt, Duration wait, SQLException error) {
    fire(l -> l.onRetry(host, attempt, wait, error));
  }

  /** A call succeeded on {@code host} after {@code attempts} attempts. */
  public void retrySucceeded(String host, int attempts) {
    fire(l -> l.onRetrySucceeded(host, attempts));
  }

  /** A call was refused by the open (or saturated half-open) breaker of {@code host}. */
  public void failFast(String host, BreakerState state) {
    fire(l -> l.onFailFast(host, state));
  }

  /** A read skipped {@code host}, whose breaker refused it, for another host. */
  public void fallback(String host) {
    fire(l -> l.onFallback(host));
  }

  /** A write reached {@code host} while it was read-only. */
  public void readOnlyServer(String host, SQLException error) {
    fire(l -> l.onReadOnlyServer(host, error));
  }

  /** A commit on {@code host} failed with a connection failure; not retried. */
  public void unknownCommitOutcome(String host, SQLException error) {
    fire(l -> l.onUnknownCommitOutcome(host, error));
  }

  private void fire(Consumer<ResilienceListener> event) {
    for (ResilienceListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        log.warn("a resilience listener failed; carrying on", e);
      }
    }
  }
}
