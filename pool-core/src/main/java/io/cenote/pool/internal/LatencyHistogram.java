package io.cenote.pool.internal;

import io.cenote.pool.DurationHistogram;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free histogram of durations in nanoseconds with about 25% precision, in the bucket
 * layout of {@link DurationHistogram}. Recording is two uncontended adds and a read, so it can
 * sit on the borrow/return path; snapshots and percentiles are made only when statistics are
 * read.
 */
public final class LatencyHistogram {

  static final int BUCKETS = DurationHistogram.buckets();

  private final LongAdder[] counts = new LongAdder[BUCKETS];
  private final LongAdder sum = new LongAdder();
  private final AtomicLong max = new AtomicLong();

  /** Creates an empty histogram. */
  public LatencyHistogram() {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] = new LongAdder();
    }
  }

  /**
   * Records one duration.
   *
   * @param nanos the duration; negative values count as zero
   */
  public void record(long nanos) {
    long v = Math.max(0, nanos);
    counts[DurationHistogram.bucketOf(v)].increment();
    sum.add(v);
    if (v > max.get()) {
      max.accumulateAndGet(v, Math::max);
    }
  }

  /**
   * Takes a consistent-enough snapshot: counts recorded while it runs may or may not be in it.
   *
   * @param extraZeros zero-length events not recorded individually (borrows that never waited)
   * @return the snapshot
   */
  public DurationHistogram snapshot(long extraZeros) {
    return new Snapshot().add(this).histogram(extraZeros);
  }

  /**
   * Adds everything an entry's histogram recorded, when the entry leaves the pool.
   *
   * @param owned the entry's histogram, no longer written to
   */
  void add(OwnedHistogram owned) {
    long[] c = owned.counts();
    for (int i = 0; i < BUCKETS; i++) {
      if (c[i] != 0) {
        counts[i].add(c[i]);
      }
    }
    sum.add(owned.sum());
    long m = owned.max();
    if (m > max.get()) {
      max.accumulateAndGet(m, Math::max);
    }
  }

  /**
   * Sums several histograms (the pool's shared one and every entry's own) into one snapshot.
   * Not thread-safe; made and used by one reader.
   */
  static final class Snapshot {
    private final long[] counts = new long[BUCKETS];
    private long sum;
    private long max;

    Snapshot add(LatencyHistogram h) {
      for (int i = 0; i < BUCKETS; i++) {
        counts[i] += h.counts[i].sum();
      }
      sum += h.sum.sum();
      max = Math.max(max, h.max.get());
      return this;
    }

    Snapshot add(OwnedHistogram h) {
      h.addTo(counts);
      sum += h.sum();
      max = Math.max(max, h.max());
      return this;
    }

    /**
     * @param extraZeros zero-length events not recorded individually (borrows that never
     *     waited), counted in the first bucket
     * @return everything added, as an immutable histogram
     */
    DurationHistogram histogram(long extraZeros) {
      counts[0] += Math.max(0, extraZeros);
      return DurationHistogram.of(counts, sum, max);
    }
  }
}
