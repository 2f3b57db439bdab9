package io.cenote.dashboard.internal;

import io.cenote.dashboard.DashboardEvents;
import io.cenote.pool.HealthStatus;
import io.cenote.pool.PoolHealth;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers each pool's last health verdict and publishes a {@code health} event when it
 * changes (not at first sight: a pool that starts healthy is no news).
 */
final class HealthWatch {

  private final DashboardEvents events;
  private final Map<String, HealthStatus> last = new ConcurrentHashMap<>();

  /**
   * Creates the watch.
   *
   * @param events where changes are published
   */
  HealthWatch(DashboardEvents events) {
    this.events = events;
  }

  /**
   * Takes note of a verdict.
   *
   * @param pool the pool's name
   * @param health its verdict now
   */
  void observe(String pool, PoolHealth health) {
    HealthStatus before = last.put(pool, health.status());
    if (before != null && before != health.status()) {
      String why = health.alerts().isEmpty() ? "" : ": " + String.join("; ", health.alerts());
      events.publish(pool, EventKinds.HEALTH, before + " -> " + health.status() + why);
    }
  }

  /**
   * Forgets the pools no longer shown.
   *
   * @param shown the names of the pools shown now
   */
  void retainOnly(Set<String> shown) {
    last.keySet().retainAll(shown);
  }
}
