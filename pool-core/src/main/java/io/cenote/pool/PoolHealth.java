package io.cenote.pool;

import java.util.List;

/**
 * The pool's health and the alerts behind it. Thresholds come from {@link PoolConfig}
 * ({@code healthMaxUtilisation}, {@code healthMaxP99Wait}, {@code healthMinHitRate},
 * {@code healthMaxValidationFailureRate}).
 *
 * @param status UP, DEGRADED or DOWN
 * @param alerts human-readable reasons, empty when UP
 */
public record PoolHealth(HealthStatus status, List<String> alerts) {

  /** Copies the list so the value stays immutable. */
  public PoolHealth {
    alerts = List.copyOf(alerts);
  }
}
