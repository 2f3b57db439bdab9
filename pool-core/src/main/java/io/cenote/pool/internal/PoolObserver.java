package io.cenote.pool.internal;

import io.cenote.pool.DurationHistogram;
import io.cenote.pool.PoolHealth;
import io.cenote.pool.PoolStats;
import io.cenote.pool.TimeStats;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a pool's gauges, counters and histograms into {@link PoolStats}, and judges its health
 * over the recent past ({@link HealthWindow}). Everything here runs when somebody asks; the
 * borrow path writes nothing for it.
 */
final class PoolObserver<T> {

  private final Pool<T> pool;
  private final Metrics metrics;
  private final HealthWindow window;
  /** High-water marks, so that {@link #stats()} never shows a counter going backwards. */
  private final AtomicLong acquiredSeen = new AtomicLong();
  private final AtomicLong releasedSeen = new AtomicLong();

  PoolObserver(Pool<T> pool) {
    this.pool = pool;
    this.metrics = pool.metrics;
    this.window = new HealthWindow(pool.config.healthWindow());
  }

  /** @return a snapshot of the pool's gauges and counters */
  PoolStats stats() {
    int total = 0;
    int active = 0;
    int idle = 0;
    LatencyHistogram.Snapshot holds =
        new LatencyHistogram.Snapshot().add(metrics.retiredHoldTime);
    for (PoolEntry<T> e : pool.bag.snapshot()) {
      int s = e.state();
      if (s == PoolEntry.REMOVED) {
        continue; // its hold times are (being) folded into the retired histogram
      }
      total++;
      holds.add(e.holdTime);
      if (s == PoolEntry.IN_USE) {
        active++;
      } else if (s == PoolEntry.IDLE) {
        idle++;
      }
    }
    DurationHistogram hold = holds.histogram(0);
    // An entry leaving the pool is briefly in neither the live set nor the retired histogram.
    long released = releasedSeen.accumulateAndGet(hold.count(), Math::max);
    long acquired = acquiredSeen.accumulateAndGet(released + active, Math::max);
    long waited = Math.min(metrics.waitedBorrows.sum(), acquired);
    long timed = Math.min(metrics.timedBorrows.sum(), acquired);
    DurationHistogram wait = metrics.waitTime.snapshot(acquired - timed);
    int max = pool.maxSize();
    return new PoolStats(pool.name, total, active, idle, pool.bag.waiting(),
        Math.max(0, active - max), pool.peak.get(), max, pool.maxOverflow(), pool.minIdle(),
        metrics.created.sum(), metrics.destroyedByReason(), acquired, released,
        metrics.timeouts.sum(), metrics.validations.sum(), metrics.validationFailures.sum(),
        metrics.creationFailures.sum(), TimeStats.of(wait), TimeStats.of(hold),
        acquired == 0 ? 1.0 : (double) (acquired - waited) / acquired,
        (double) active / max, pool.isSuspended(), pool.isClosed());
  }

  /** @return UP, DEGRADED or DOWN with the alerts behind it, judged over the health window */
  PoolHealth health() {
    PoolStats s = stats();
    HealthWindow.Figures recent = window.over(sample(s, pool.ticker.read()));
    return HealthAssessor.assess(s, recent, pool.config, pool.creationFailing());
  }

  /** Takes a sample for the health window when one is due. */
  void sampleHealth(long now) {
    if (window.due(now)) {
      window.add(sample(stats(), now));
    }
  }

  private HealthWindow.Sample sample(PoolStats s, long now) {
    long acquired = s.acquired();
    return new HealthWindow.Sample(now, acquired,
        Math.min(metrics.waitedBorrows.sum(), acquired), s.validations(),
        s.validationFailures(), s.waitTime().histogram());
  }
}
