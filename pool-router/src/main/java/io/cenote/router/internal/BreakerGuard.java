package io.cenote.router.internal;

import io.cenote.resilience.HostCircuit;
import io.cenote.resilience.Resilience;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link HostGuard} of a cluster with a resilience section: every borrow takes a permission
 * from the host's circuit breaker and reports its outcome; work failures are counted too. A
 * replica is admitted for reads only while its breaker lets calls through. Each host's
 * {@link HostCircuit} is resolved once, when the cluster starts.
 */
final class BreakerGuard implements HostGuard {

  private final Map<Host, HostCircuit> circuits;

  /**
   * Creates the guard over every host of a cluster.
   *
   * @param resilience the cluster's breakers
   * @param hosts the hosts, primary first
   */
  BreakerGuard(Resilience resilience, Host[] hosts) {
    Map<Host, HostCircuit> m = new HashMap<>();
    for (Host h : hosts) {
      m.put(h, resilience.host(h.name()));
    }
    this.circuits = Map.copyOf(m);
  }

  /** @return the circuit of a host */
  HostCircuit circuit(Host host) {
    return circuits.get(host);
  }

  @Override
  public boolean admits(Host host) {
    return circuit(host).admitsCalls();
  }

  @Override
  public void beforeBorrow(Host host, boolean fallbackExists) throws SQLException {
    circuit(host).permit(fallbackExists);
  }

  @Override
  public void afterBorrow(Host host, long nanos, SQLException error) {
    HostCircuit c = circuit(host);
    if (error == null) {
      c.succeeded(nanos);
    } else {
      c.failed(nanos, error);
    }
  }

  @Override
  public void workFailed(Host host, SQLException error) {
    circuit(host).failedOutsideCall(error);
  }

  @Override
  public String toString() {
    return "circuit breakers of pool-resilience";
  }
}
