package io.cenote.pool.internal;

import io.cenote.pool.HealthStatus;
import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolHealth;
import io.cenote.pool.PoolStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Turns the pool's gauges and its recent figures into a health verdict using the configured
 * thresholds.
 */
final class HealthAssessor {

  /** Below this many borrows the hit rate says nothing yet. */
  private static final long MIN_BORROWS_FOR_HIT_RATE = 100;
  /** Below this many validations the failure rate says nothing yet. */
  private static final long MIN_VALIDATIONS_FOR_RATE = 20;

  private HealthAssessor() {}

  /**
   * @param s the pool's current gauges (utilisation, suspended, closed, total)
   * @param recent wait, hit-rate and validation figures over the health window
   */
  static PoolHealth assess(PoolStats s, HealthWindow.Figures recent, PoolConfig c,
      boolean creationFailing) {
    if (s.closed()) {
      return new PoolHealth(HealthStatus.DOWN, List.of("pool is closed"));
    }
    List<String> alerts = new ArrayList<>();
    if (creationFailing) {
      alerts.add("cannot open new connections");
    }
    if (s.utilisation() > c.healthMaxUtilisation()) {
      alerts.add(String.format(Locale.ROOT, "utilisation %.0f%% above %.0f%%",
          s.utilisation() * 100, c.healthMaxUtilisation() * 100));
    }
    String window = " over the last " + c.healthWindow().toSeconds() + " s";
    if (recent.p99WaitNanos() > c.healthMaxP99Wait().toNanos()) {
      alerts.add("p99 acquire wait " + TimeUnit.NANOSECONDS.toMillis(recent.p99WaitNanos())
          + " ms above " + c.healthMaxP99Wait().toMillis() + " ms" + window);
    }
    if (recent.acquired() >= MIN_BORROWS_FOR_HIT_RATE
        && recent.hitRate() < c.healthMinHitRate()) {
      alerts.add(String.format(Locale.ROOT, "hit rate %.0f%% below %.0f%%%s",
          recent.hitRate() * 100, c.healthMinHitRate() * 100, window));
    }
    if (recent.validations() >= MIN_VALIDATIONS_FOR_RATE) {
      double rate = (double) recent.validationFailures() / recent.validations();
      if (rate > c.healthMaxValidationFailureRate()) {
        alerts.add(String.format(Locale.ROOT, "validation failures %.0f%% above %.0f%%%s",
            rate * 100, c.healthMaxValidationFailureRate() * 100, window));
      }
    }
    if (s.suspended()) {
      alerts.add("pool is suspended");
    }
    HealthStatus status;
    if (creationFailing && s.total() == 0) {
      status = HealthStatus.DOWN;
    } else {
      status = alerts.isEmpty() ? HealthStatus.UP : HealthStatus.DEGRADED;
    }
    return new PoolHealth(status, alerts);
  }
}
