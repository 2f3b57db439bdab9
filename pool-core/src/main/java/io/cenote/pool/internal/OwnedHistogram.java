package io.cenote.pool.internal;

import io.cenote.pool.DurationHistogram;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A histogram of durations kept inside one pool entry and written only by the thread that owns
 * the entry at the time (its borrower returning it, the housekeeper reclaiming it, shutdown).
 *
 * <p>Why: a shared histogram makes every return write cache lines that other cores write too;
 * under contention that traffic cost more than the rest of the return. Ownership of an entry
 * moves by a compare-and-set on its state, which orders one owner's writes before the next
 * owner's, so recording needs no atomic instruction. Readers (statistics) read concurrently with
 * opaque loads: they may miss the latest few records, never see a torn value. Bucket layout is
 * {@link DurationHistogram}'s.
 */
final class OwnedHistogram {

  private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);
  /** Where the sum of all durations is kept, after the buckets. */
  private static final int SUM = LatencyHistogram.BUCKETS;
  /** Where the longest duration is kept. */
  private static final int MAX = LatencyHistogram.BUCKETS + 1;
  /** Unused slots after {@link #MAX}, so the next object in memory is a cache line away. */
  private static final int TRAILING_PADDING = 8;

  /**
   * Bucket counts, then the sum and the maximum: every value written lives in this one array,
   * whose first buckets (durations under 8 ns, never recorded in practice) and last slots keep
   * the written ones off the cache lines of neighbouring objects.
   */
  private final long[] counts = new long[MAX + 1 + TRAILING_PADDING];

  /**
   * Records one duration; only the entry's current owner may call this.
   *
   * @param nanos the duration; negative values count as zero
   */
  void record(long nanos) {
    long v = Math.max(0, nanos);
    int b = DurationHistogram.bucketOf(v);
    COUNTS.setOpaque(counts, b, (long) COUNTS.getOpaque(counts, b) + 1);
    COUNTS.setOpaque(counts, SUM, (long) COUNTS.getOpaque(counts, SUM) + v);
    if (v > (long) COUNTS.getOpaque(counts, MAX)) {
      COUNTS.setOpaque(counts, MAX, v);
    }
  }

  /** Adds this histogram's bucket counts into {@code target}. */
  void addTo(long[] target) {
    for (int i = 0; i < LatencyHistogram.BUCKETS; i++) {
      target[i] += (long) COUNTS.getOpaque(counts, i);
    }
  }

  /** @return a copy of the bucket counts */
  long[] counts() {
    long[] copy = new long[LatencyHistogram.BUCKETS];
    addTo(copy);
    return copy;
  }

  long sum() {
    return (long) COUNTS.getOpaque(counts, SUM);
  }

  long max() {
    return (long) COUNTS.getOpaque(counts, MAX);
  }
}
