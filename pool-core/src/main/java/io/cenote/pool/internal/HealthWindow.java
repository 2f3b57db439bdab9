package io.cenote.pool.internal;

import io.cenote.pool.DurationHistogram;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool's recent past, for health: cumulative counters sampled by the housekeeper a dozen
 * times per window, so that {@code health()} judges the last {@code healthWindow} by subtracting
 * the sample from one window ago from the counters now. Nothing is recorded on the borrow path;
 * the cost is one sample of the counters and the wait histogram every window / 12.
 */
final class HealthWindow {

  /** Samples per window: the window a verdict covers is exact to within 1/12 of its length. */
  static final int SAMPLES_PER_WINDOW = 12;

  private final long windowNanos;
  private final long intervalNanos;
  private final Sample[] ring = new Sample[SAMPLES_PER_WINDOW + 1];
  private final ReentrantLock lock = new ReentrantLock();
  private int newest = -1;
  private int count;

  HealthWindow(Duration window) {
    this.windowNanos = window.toNanos();
    this.intervalNanos = Math.max(1, windowNanos / SAMPLES_PER_WINDOW);
  }

  /**
   * Cumulative counters at one instant.
   *
   * @param at the ticker reading
   * @param acquired borrows so far
   * @param waited borrows that queued
   * @param validations validations so far
   * @param validationFailures failed validations so far
   * @param waits the wait histogram so far, borrows that never waited counted as zero
   */
  record Sample(long at, long acquired, long waited, long validations,
      long validationFailures, DurationHistogram waits) {}

  /**
   * The figures health judges, over the window (or since start when the pool is younger).
   *
   * @param acquired borrows in the window
   * @param hitRate share of those that did not queue
   * @param p99WaitNanos 99th percentile of the time borrows spent validating and waiting
   * @param validations validations in the window
   * @param validationFailures failed validations in the window
   */
  record Figures(long acquired, double hitRate, long p99WaitNanos, long validations,
      long validationFailures) {}

  /** @return true when a new sample is due at this ticker reading */
  boolean due(long now) {
    lock.lock();
    try {
      return newest < 0 || now - ring[newest].at >= intervalNanos;
    } finally {
      lock.unlock();
    }
  }

  /** Adds a sample, dropping the oldest when the ring is full. */
  void add(Sample sample) {
    lock.lock();
    try {
      newest = (newest + 1) % ring.length;
      ring[newest] = sample;
      count = Math.min(count + 1, ring.length);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Compares the counters now with the newest sample at least one window old (with zero, that
   * is since start, while the pool is younger than a window).
   *
   * @param now the counters at this instant
   * @return the figures over the window
   */
  Figures over(Sample now) {
    Sample base = baseFor(now.at);
    long acquired = now.acquired - (base == null ? 0 : base.acquired);
    long waited = now.waited - (base == null ? 0 : base.waited);
    DurationHistogram waits = base == null ? now.waits : now.waits.since(base.waits);
    long p99 = waits.percentileNanos(0.99);
    double hitRate = acquired <= 0 ? 1.0 : (double) Math.max(0, acquired - waited) / acquired;
    return new Figures(Math.max(0, acquired), hitRate, p99,
        now.validations - (base == null ? 0 : base.validations),
        now.validationFailures - (base == null ? 0 : base.validationFailures));
  }

  private Sample baseFor(long now) {
    lock.lock();
    try {
      Sample oldest = null;
      for (int i = 0; i < count; i++) {
        Sample s = ring[Math.floorMod(newest - i, ring.length)];
        if (now - s.at >= windowNanos) {
          return s; // the newest sample that is a whole window old
        }
        oldest = s;
      }
      // Younger than a window: judge everything since start; a full ring whose samples
      // slipped (a slow pass) is judged from its oldest sample.
      return count < ring.length ? null : oldest;
    } finally {
      lock.unlock();
    }
  }
}
