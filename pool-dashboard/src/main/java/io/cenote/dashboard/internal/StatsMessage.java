package io.cenote.dashboard.internal;

import io.cenote.dashboard.ScenarioStatus;
import java.time.Instant;
import java.util.List;

/**
 * The {@code stats} message the event stream sends once a second.
 *
 * @param time when it was taken
 * @param pools every pool
 * @param clusters every cluster
 * @param scenarios every scenario, empty without a scenario control
 */
public record StatsMessage(Instant time, List<PoolView> pools, List<ClusterView> clusters,
    List<ScenarioStatus> scenarios) {}
