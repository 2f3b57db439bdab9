package io.cenote.guice;

import io.cenote.router.PoolManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet listeners of one run, in call order: the builder's, then the bound ones. A failure
 * in {@code started} propagates (it fails the start); failures while stopping are logged and
 * collected, so that one listener cannot keep the fleet from closing.
 */
final class Listeners {

  private static final Logger log = LoggerFactory.getLogger(CenoteLifecycle.class);

  private final List<FleetListener> ordered;

  Listeners(Collection<FleetListener> configured, Collection<FleetListener> bound) {
    List<FleetListener> all = new ArrayList<>(configured);
    all.addAll(bound);
    this.ordered = List.copyOf(all);
  }

  void started(PoolManager manager) {
    for (FleetListener listener : ordered) {
      listener.started(manager);
    }
  }

  void stopping(PoolManager manager, List<Throwable> failures) {
    for (int i = ordered.size() - 1; i >= 0; i--) {
      FleetListener listener = ordered.get(i);
      try {
        listener.stopping(manager);
      } catch (RuntimeException e) {
        log.warn("FleetListener {} failed in stopping(); the fleet stops anyway", listener, e);
        failures.add(e);
      }
    }
  }

  void memberStopped(String name, List<Throwable> failures) {
    for (FleetListener listener : ordered) {
      try {
        listener.memberStopped(name);
      } catch (RuntimeException e) {
        log.warn("FleetListener {} failed in memberStopped({}); the fleet stops anyway",
            listener, name, e);
        failures.add(e);
      }
    }
  }
}
