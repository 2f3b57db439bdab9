package io.cenote.resilience;

import io.cenote.resilience.internal.HostBreakers;
import io.cenote.resilience.internal.HostState;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * One host's circuit breaker, as code that borrows from the host uses it: ask
 * {@link #permit(boolean)} before a borrow, then report exactly one of
 * {@link #succeeded(long)} or {@link #failed(long, SQLException)}; report failures of work done
 * on a lent connection with {@link #failedOutsideCall(SQLException)}. Failures are classified by
 * the instance's {@link SqlFailureClassifier}: only those whose kind
 * {@link FailureKind#countsAgainstBreaker() counts against the breaker} are recorded, the
 * others give the permission back.
 *
 * <p>Obtained from {@link Resilience#host(String)}; thread-safe.
 */
public final class HostCircuit {

  private final HostBreakers breakers;
  private final HostState state;

  HostCircuit(HostBreakers breakers, HostState state) {
    this.breakers = breakers;
    this.state = state;
  }

  /** @return the host's name */
  public String name() {
    return state.name();
  }

  /** @return the breaker's state */
  public BreakerState state() {
    return state.state();
  }

  /**
   * @return true while the host may receive routed reads (breaker closed, disabled or
   *     metrics-only); a half-open breaker admits only its probes
   */
  public boolean admitsCalls() {
    return state.state().admitsCalls();
  }

  /**
   * Takes a permission for one borrow, or fails fast without calling the host.
   *
   * @param fallbackExists true when the caller will move to another host if refused (counted as
   *     a fallback rather than a fail-fast)
   * @throws SQLTransientConnectionException SQLState {@code 08001}, the breaker's
   *     {@code CallNotPermittedException} as cause, when the breaker refuses
   */
  public void permit(boolean fallbackExists) throws SQLTransientConnectionException {
    state.acquire(fallbackExists);
  }

  /**
   * Reports a permitted borrow that succeeded.
   *
   * @param nanos how long it took
   */
  public void succeeded(long nanos) {
    state.succeeded(nanos);
  }

  /**
   * Reports a permitted borrow that failed.
   *
   * @param nanos how long it took
   * @param error the failure
   */
  public void failed(long nanos, SQLException error) {
    state.failed(nanos, error, breakers.classify(error));
  }

  /**
   * Reports a failure of work on a connection this host lent (outside a permitted borrow).
   *
   * @param error the failure
   */
  public void failedOutsideCall(SQLException error) {
    state.failedOutsideCall(error, breakers.classify(error));
  }

  /**
   * Runs a hook after every state transition of this host's breaker, on the thread that caused
   * it; the hook must be quick and must not throw.
   *
   * @param hook the hook
   */
  public void onChange(Runnable hook) {
    state.onChange(hook);
  }

  /** @return a snapshot of the breaker and retry counters of this host */
  public HostResilienceStats stats() {
    return state.stats();
  }

  @Override
  public String toString() {
    return "HostCircuit{" + name() + ", " + state() + "}";
  }
}
