package io.cenote.dashboard.internal;

import io.cenote.pool.PoolStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The recent samples of every pool the dashboard shows, one ring per pool. */
final class History {

  /** How often samples are taken. */
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private final int capacity;
  private final Map<String, PoolHistory> pools = new ConcurrentHashMap<>();

  /**
   * Creates an empty history.
   *
   * @param length how far back it reaches; one sample per {@link #INTERVAL}
   */
  History(Duration length) {
    this.capacity = Math.toIntExact(Math.max(1, length.toMillis() / INTERVAL.toMillis()));
  }

  /**
   * Adds a sample for a pool.
   *
   * @param pool the pool's name
   * @param time when the snapshot was taken
   * @param stats the snapshot
   */
  void record(String pool, Instant time, PoolStats stats) {
    pools.computeIfAbsent(pool, p -> new PoolHistory(capacity)).record(time, stats);
  }

  /**
   * Forgets the pools no longer shown (a scenario's pools once it ended).
   *
   * @param shown the names of the pools shown now
   */
  void retainOnly(Set<String> shown) {
    pools.keySet().retainAll(shown);
  }

  /**
   * A pool's samples.
   *
   * @param pool the pool's name
   * @return its samples, oldest first; empty before its first sample
   */
  List<Sample> samples(String pool) {
    PoolHistory h = pools.get(pool);
    return h == null ? List.of() : h.samples();
  }
}
