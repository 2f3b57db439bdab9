package io.cenote.resilience.internal;

import io.cenote.resilience.BreakerState;
import io.cenote.resilience.FailureKind;
import io.cenote.resilience.HostResilienceStats;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's circuit breaker and counters. The breaker is resilience4j's; this class turns its
 * permission model into JDBC terms: a refused permission becomes an
 * {@link SQLTransientConnectionException} whose cause is the {@link CallNotPermittedException},
 * and each outcome is recorded only when the classifier says it counts.
 */
public final class HostState {

  private static final Logger log = LoggerFactory.getLogger(HostState.class);

  private final String name;
  private final CircuitBreaker breaker;
  private final Events events;
  private final Clock clock;
  private final long openMillis;
  private final List<Runnable> changeHooks = new CopyOnWriteArrayList<>();
  final LongAdder calls = new LongAdder();
  final LongAdder failures = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder retrySuccesses = new LongAdder();
  final LongAdder failFasts = new LongAdder();
  /**
   * When the breaker last opened, by {@code clock}; written by the transition listener, which
   * runs just after resilience4j switched the state. Until it has recorded the first opening an
   * open breaker is not due, so a probe pass that sees the new state first cannot half-open it
   * at once.
   */
  private volatile long openedAtMillis = Long.MAX_VALUE;

  HostState(String name, CircuitBreaker breaker, Events events, Clock clock, long openMillis) {
    this.name = name;
    this.breaker = breaker;
    this.events = events;
    this.clock = clock;
    this.openMillis = openMillis;
    breaker.getEventPublisher().onStateTransition(e -> {
      BreakerState from = state(e.getStateTransition().getFromState());
      BreakerState to = state(e.getStateTransition().getToState());
      if (to == BreakerState.OPEN) {
        openedAtMillis = clock.millis();
      }
      log.info("[{}] circuit breaker {} -> {}", name, from, to);
      events.transition(name, from, to);
      for (Runnable hook : changeHooks) {
        hook.run();
      }
    });
  }

  /** @return the host's name */
  public String name() {
    return name;
  }

  /** @return the resilience4j breaker */
  public CircuitBreaker breaker() {
    return breaker;
  }

  /** @return the breaker's state */
  public BreakerState state() {
    return state(breaker.getState());
  }

  /** Runs {@code hook} after every state transition (on the thread that caused it). */
  public void onChange(Runnable hook) {
    changeHooks.add(hook);
  }

  /**
   * Takes a permission for one call, or fails fast.
   *
   * @param replicaRead true when the router will move the read to another host (a fallback)
   * @throws SQLTransientConnectionException when the breaker refuses
   */
  public void acquire(boolean replicaRead) throws SQLTransientConnectionException {
    if (breaker.tryAcquirePermission()) {
      return;
    }
    failFasts.increment();
    BreakerState state = state();
    if (replicaRead) {
      events.fallback(name);
    } else {
      events.failFast(name, state);
    }
    CallNotPermittedException cause = CallNotPermittedException
        .createCallNotPermittedException(breaker);
    CircuitBreaker.Metrics m = breaker.getMetrics();
    throw new SQLTransientConnectionException("circuit breaker of host '" + name + "' is "
        + state + ": failing fast (failure rate " + m.getFailureRate() + "% of "
        + m.getNumberOfBufferedCalls() + " calls); it half-opens " + openMillis
        + " ms after it opened", "08001", cause);
  }

  /** Records a successful call that held a permission. */
  public void succeeded(long nanos) {
    calls.increment();
    breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
  }

  /** Records a failed call that held a permission: counted, or the permission is given back. */
  public void failed(long nanos, Throwable error, FailureKind kind) {
    if (kind.countsAgainstBreaker()) {
      calls.increment();
      failures.increment();
      breaker.onError(nanos, TimeUnit.NANOSECONDS, error);
    } else {
      breaker.releasePermission();
    }
  }

  /** Records a failure seen outside a permitted call (work on a lent connection). */
  public void failedOutsideCall(Throwable error, FailureKind kind) {
    if (kind.countsAgainstBreaker()) {
      calls.increment();
      failures.increment();
      breaker.onError(0, TimeUnit.NANOSECONDS, error);
    }
  }

  /**
   * Moves an open breaker whose wait has passed to half-open (the probe thread's job: a replica
   * with an open breaker gets no traffic that could do it).
   *
   * @return true when the breaker is half-open now
   */
  boolean halfOpenIfDue() {
    CircuitBreaker.State s = breaker.getState();
    if (s == CircuitBreaker.State.OPEN && clock.millis() - openedAtMillis >= openMillis) {
      try {
        breaker.transitionToHalfOpenState();
      } catch (RuntimeException raced) {
        // another thread moved it first
      }
      s = breaker.getState();
    }
    return s == CircuitBreaker.State.HALF_OPEN;
  }

  /** Counts a retry of a call whose attempt failed on this host. */
  public void countRetry() {
    retries.increment();
  }

  /** Counts a call that succeeded on this host after at least one retry. */
  public void countRetrySuccess() {
    retrySuccesses.increment();
  }

  /** @return the stats snapshot */
  public HostResilienceStats stats() {
    CircuitBreaker.Metrics m = breaker.getMetrics();
    return new HostResilienceStats(name, state(), m.getFailureRate(), calls.sum(),
        failures.sum(), m.getNumberOfNotPermittedCalls(), retries.sum(), retrySuccesses.sum(),
        failFasts.sum());
  }

  static BreakerState state(CircuitBreaker.State s) {
    return BreakerState.valueOf(s.name());
  }

  @Override
  public String toString() {
    return "HostState{" + name + ", " + state() + "}";
  }
}
