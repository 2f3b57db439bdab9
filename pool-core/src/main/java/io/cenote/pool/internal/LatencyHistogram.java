package io.cenote.pool.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free histogram of durations in nanoseconds with about 25% precision: each power of two
 * is split into four buckets. Recording is two uncontended adds and a read, so it can sit on the
 * borrow/return path; percentiles are computed only when statistics are read.
 */
public final class LatencyHistogram {

  /** Values 0..3 get a bucket each; every power of two from 4 up gets four. */
  static final int BUCKETS = 4 + 62 * 4;

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
    counts[bucket(v)].increment();
    sum.add(v);
    if (v > max.get()) {
      max.accumulateAndGet(v, Math::max);
    }
  }

  static int bucket(long v) {
    if (v < 4) {
      return (int) v;
    }
    int msb = 63 - Long.numberOfLeadingZeros(v);
    int sub = (int) (v >>> (msb - 2)) & 3;
    return 4 + (msb - 2) * 4 + sub;
  }

  /** Upper bound (inclusive) of the values a bucket holds. */
  static long upperBound(int bucket) {
    if (bucket < 4) {
      return bucket;
    }
    int msb = (bucket - 4) / 4 + 2;
    int sub = (bucket - 4) % 4;
    return ((4L + sub + 1) << (msb - 2)) - 1;
  }

  /**
   * Takes a consistent-enough snapshot: counts recorded while it runs may or may not be in it.
   *
   * @param extraZeros zero-length events not recorded individually (borrows that never waited)
   * @return the summary
   */
  public Summary summarize(long extraZeros) {
    return new Snapshot().add(this).summarize(extraZeros);
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
   * Sums several histograms (the pool's shared one and every entry's own) into one summary. Not
   * thread-safe; made and used by one reader.
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
     * The events added to this snapshot since an earlier snapshot of the same histogram. The
     * maximum of the difference is not known exactly; it is bounded by the highest bucket that
     * gained events.
     *
     * @param earlier a snapshot taken before this one
     * @return a new snapshot holding the difference
     */
    Snapshot since(Snapshot earlier) {
      Snapshot d = new Snapshot();
      int highest = -1;
      for (int i = 0; i < BUCKETS; i++) {
        d.counts[i] = Math.max(0, counts[i] - earlier.counts[i]);
        if (d.counts[i] > 0) {
          highest = i;
        }
      }
      d.sum = Math.max(0, sum - earlier.sum);
      d.max = highest < 0 ? 0 : Math.min(upperBound(highest), max);
      return d;
    }

    /**
     * @param extraZeros zero-length events not recorded individually
     * @return the summary of everything added
     */
    Summary summarize(long extraZeros) {
      long total = Math.max(0, extraZeros);
      for (long c : counts) {
        total += c;
      }
      if (total == 0) {
        return new Summary(0, 0, 0, 0, 0, 0, 0);
      }
      return new Summary(total, sum / total, percentile(extraZeros, total, 0.50),
          percentile(extraZeros, total, 0.95), percentile(extraZeros, total, 0.99), max, sum);
    }

    private long percentile(long zeros, long total, double p) {
      long rank = (long) Math.ceil(p * total);
      long seen = Math.max(0, zeros);
      if (seen >= rank) {
        return 0;
      }
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (seen >= rank) {
          return Math.min(upperBound(i), max);
        }
      }
      return max;
    }
  }

  /**
   * A histogram snapshot, in nanoseconds.
   *
   * @param count events
   * @param mean mean duration
   * @param p50 median
   * @param p95 95th percentile
   * @param p99 99th percentile
   * @param max longest
   * @param sum all durations added up
   */
  public record Summary(long count, long mean, long p50, long p95, long p99, long max, long sum) {}
}
