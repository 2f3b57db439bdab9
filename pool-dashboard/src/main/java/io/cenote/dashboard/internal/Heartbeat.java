package io.cenote.dashboard.internal;

import io.cenote.pool.PoolControl;
import io.cenote.pool.PoolHealth;
import io.cenote.pool.PoolStats;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The once-a-second tick: one snapshot per pool feeds its history, its health watch and the
 * {@code stats} message to every event stream. The scheduler calls {@link #tick()}; tests call
 * it directly instead of waiting a second.
 */
final class Heartbeat {

  private final PoolDirectory directory;
  private final Scenarios scenarios;
  private final History history;
  private final HealthWatch health;
  private final EventStreams streams;
  private final Clock clock;

  /**
   * Wires the tick.
   *
   * @param directory the pools and clusters
   * @param scenarios the scenarios' states
   * @param history receives the samples
   * @param health receives the verdicts
   * @param streams receive the stats message
   * @param clock stamps the samples
   */
  Heartbeat(PoolDirectory directory, Scenarios scenarios, History history, HealthWatch health,
      EventStreams streams, Clock clock) {
    this.directory = directory;
    this.scenarios = scenarios;
    this.history = history;
    this.health = health;
    this.streams = streams;
    this.clock = clock;
  }

  /** Samples every pool and sends the stats message. */
  void tick() {
    Instant now = clock.instant();
    List<PoolView> pools = new ArrayList<>();
    Set<String> shown = new HashSet<>();
    for (PoolDirectory.Entry e : directory.pools()) {
      PoolControl pool = e.pool();
      PoolStats stats = pool.stats();
      PoolHealth verdict = pool.health();
      history.record(pool.poolName(), now, stats);
      health.observe(pool.poolName(), verdict);
      pools.add(Views.pool(e, stats, verdict));
      shown.add(pool.poolName());
    }
    history.retainOnly(shown);
    health.retainOnly(shown);
    List<ClusterView> clusters = directory.clusters().stream().map(Views::cluster).toList();
    streams.broadcast(EventStreams.STATS,
        new StatsMessage(now, pools, clusters, scenarios.status()));
  }
}
