package io.cenote.pool;

/** The overall verdict of {@link PoolHealth}. */
public enum HealthStatus {
  /** Working normally. */
  UP,
  /** Working, but at least one alert is raised. */
  DEGRADED,
  /** Not able to serve: closed, or no connection can be opened and none is open. */
  DOWN
}
