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
  private static final int BUCKETS = 4 + 62 * 4;

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
    long[] c = new long[BUCKETS];
    long total = Math.max(0, extraZeros);
    for (int i = 0; i < BUCKETS; i++) {
      c[i] = counts[i].sum();
      total += c[i];
    }
    if (total == 0) {
      return new Summary(0, 0, 0, 0, 0, 0, 0);
    }
    long m = max.get();
    return new Summary(total, sum.sum() / total,
        percentile(c, extraZeros, total, 0.50, m), percentile(c, extraZeros, total, 0.95, m),
        percentile(c, extraZeros, total, 0.99, m), m, sum.sum());
  }

  private static long percentile(long[] c, long zeros, long total, double p, long max) {
    long rank = (long) Math.ceil(p * total);
    long seen = Math.max(0, zeros);
    if (seen >= rank) {
      return 0;
    }
    for (int i = 0; i < c.length; i++) {
      seen += c[i];
      if (seen >= rank) {
        return Math.min(upperBound(i), max);
      }
    }
    return max;
  }

  /** @return the number of recorded durations */
  public long count() {
    long total = 0;
    for (LongAdder a : counts) {
      total += a.sum();
    }
    return total;
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
