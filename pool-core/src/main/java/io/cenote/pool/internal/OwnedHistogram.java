package io.cenote.pool.internal;

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
 * {@link LatencyHistogram}'s.
 */
final class OwnedHistogram {

  private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle SUM;
  private static final VarHandle MAX;

  static {
    try {
      SUM = MethodHandles.lookup().findVarHandle(OwnedHistogram.class, "sum", long.class);
      MAX = MethodHandles.lookup().findVarHandle(OwnedHistogram.class, "max", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long[] counts = new long[LatencyHistogram.BUCKETS];
  @SuppressWarnings("unused") // accessed through SUM
  private long sum;
  @SuppressWarnings("unused") // accessed through MAX
  private long max;

  /**
   * Records one duration; only the entry's current owner may call this.
   *
   * @param nanos the duration; negative values count as zero
   */
  void record(long nanos) {
    long v = Math.max(0, nanos);
    int b = LatencyHistogram.bucket(v);
    COUNTS.setOpaque(counts, b, (long) COUNTS.getOpaque(counts, b) + 1);
    SUM.setOpaque(this, (long) SUM.getOpaque(this) + v);
    if (v > (long) MAX.getOpaque(this)) {
      MAX.setOpaque(this, v);
    }
  }

  /** Adds this histogram's bucket counts into {@code target}. */
  void addTo(long[] target) {
    for (int i = 0; i < target.length; i++) {
      target[i] += (long) COUNTS.getOpaque(counts, i);
    }
  }

  /** @return a copy of the bucket counts */
  long[] counts() {
    long[] copy = new long[counts.length];
    addTo(copy);
    return copy;
  }

  long sum() {
    return (long) SUM.getOpaque(this);
  }

  long max() {
    return (long) MAX.getOpaque(this);
  }
}
