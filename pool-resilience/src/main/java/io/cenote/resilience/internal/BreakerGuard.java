package io.cenote.resilience.internal;

import io.cenote.resilience.FailureKind;
import io.cenote.router.HostGuard;
import java.sql.SQLException;

/**
 * The {@link HostGuard} a resilient cluster installs: every borrow takes a permission from the
 * host's breaker and reports its outcome; work failures are counted too. A replica is admitted
 * for reads only while its breaker lets calls through; state transitions make the cluster
 * reconsider its replicas (see {@code ResilientCluster}).
 */
public final class BreakerGuard implements HostGuard {

  private final HostBreakers breakers;
  private final String writeHost;

  /**
   * Creates the guard.
   *
   * @param breakers the registry
   * @param writeHost the primary's name: a refusal there is a fail-fast, elsewhere a fallback
   */
  public BreakerGuard(HostBreakers breakers, String writeHost) {
    this.breakers = breakers;
    this.writeHost = writeHost;
  }

  @Override
  public boolean admits(String host) {
    return breakers.host(host).state().admitsCalls();
  }

  @Override
  public void beforeBorrow(String host) throws SQLException {
    breakers.noteHost(host);
    breakers.host(host).acquire(!host.equals(writeHost));
  }

  @Override
  public void afterBorrow(String host, long nanos, SQLException error) {
    HostState state = breakers.host(host);
    if (error == null) {
      state.succeeded(nanos);
    } else {
      state.failed(nanos, error, breakers.classify(error));
    }
  }

  @Override
  public void workFailed(String host, SQLException error) {
    FailureKind kind = breakers.classify(error);
    breakers.host(host).failedOutsideCall(error, kind);
  }

  @Override
  public String toString() {
    return "circuit breakers of pool-resilience";
  }
}
