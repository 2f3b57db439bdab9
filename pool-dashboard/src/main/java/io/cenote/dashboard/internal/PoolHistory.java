package io.cenote.dashboard.internal;

import io.cenote.pool.DurationHistogram;
import io.cenote.pool.PoolStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One pool's samples in a ring of fixed size, and the histograms of its previous sample (the
 * next sample's percentiles cover only what was measured since). A lock guards it: the ticker
 * writes once a second and requests read, so contention is nil.
 */
final class PoolHistory {

  private final ReentrantLock lock = new ReentrantLock();
  private final Sample[] ring;
  private int next;
  private int size;
  private DurationHistogram lastWait = DurationHistogram.EMPTY;
  private DurationHistogram lastHold = DurationHistogram.EMPTY;

  /**
   * Creates an empty history.
   *
   * @param capacity how many samples it keeps
   */
  PoolHistory(int capacity) {
    this.ring = new Sample[capacity];
  }

  /**
   * Adds a sample taken from a snapshot, replacing the oldest when full.
   *
   * @param time when the snapshot was taken
   * @param s the snapshot
   */
  void record(Instant time, PoolStats s) {
    lock.lock();
    try {
      DurationHistogram wait = s.waitTime().histogram().since(lastWait);
      DurationHistogram hold = s.holdTime().histogram().since(lastHold);
      lastWait = s.waitTime().histogram();
      lastHold = s.holdTime().histogram();
      ring[next] = new Sample(time, s.active(), s.idle(), s.waiting(), s.overflowInUse(),
          s.total(), s.maxSize(), p(wait, 0.50), p(wait, 0.99), p(hold, 0.50), p(hold, 0.99),
          s.hitRate());
      next = (next + 1) % ring.length;
      size = Math.min(size + 1, ring.length);
    } finally {
      lock.unlock();
    }
  }

  /** @return the samples, oldest first */
  List<Sample> samples() {
    lock.lock();
    try {
      List<Sample> out = new ArrayList<>(size);
      int first = (next - size + ring.length) % ring.length;
      for (int i = 0; i < size; i++) {
        out.add(ring[(first + i) % ring.length]);
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  private static double p(DurationHistogram h, double quantile) {
    return Views.millis(h.percentileNanos(quantile));
  }
}
