package io.cenote.resilience;

/** The state of a host's circuit breaker (resilience4j's states). */
public enum BreakerState {
  /** Calls go through and are counted. */
  CLOSED,
  /** Calls fail fast; after {@code waitDurationInOpenState} the breaker half-opens. */
  OPEN,
  /** A few probe calls go through; they close the breaker again or re-open it. */
  HALF_OPEN,
  /** Calls go through and are not counted. */
  DISABLED,
  /** Calls fail fast until the state is changed by hand. */
  FORCED_OPEN,
  /** Calls go through and are counted, but the breaker never opens. */
  METRICS_ONLY;

  /** @return true when this state lets the host receive routed reads */
  public boolean admitsCalls() {
    return this == CLOSED || this == DISABLED || this == METRICS_ONLY;
  }
}
