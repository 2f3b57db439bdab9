package io.cenote.pool;

import java.util.Arrays;

/**
 * An immutable snapshot of a distribution of durations (acquire waits, hold times): the data
 * behind the percentiles of {@link TimeStats}, for metrics systems that want buckets or their
 * own time windows.
 *
 * <p>Durations are counted in fixed log-linear buckets of about 25% precision: one bucket for
 * each of 0, 1, 2 and 3 ns, then every power of two split into four. Bucket {@code i} holds the
 * durations above {@code bucketUpperBound(i - 1)} up to and including
 * {@link #bucketUpperBound(int) bucketUpperBound(i)}; so {@link #countAtOrBelow(long)} is exact
 * at every bucket edge, among them every {@code 2^k - 1} nanoseconds. Percentiles report the
 * upper edge of the bucket they fall in, never more than the maximum.
 */
public final class DurationHistogram {

  /** Durations 0..3 ns get a bucket each; every power of two from 4 up gets four. */
  private static final int BUCKETS = 4 + 62 * 4;
  /** Buckets of one power of two. */
  private static final int SUB_BUCKETS = 4;

  /** The empty histogram. */
  public static final DurationHistogram EMPTY = new DurationHistogram(new long[BUCKETS], 0, 0);

  private final long[] counts;
  private final long count;
  private final long totalNanos;
  private final long maxNanos;

  private DurationHistogram(long[] counts, long totalNanos, long maxNanos) {
    this.counts = counts;
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    this.count = n;
    this.totalNanos = totalNanos;
    this.maxNanos = maxNanos;
  }

  /**
   * Makes a histogram from bucket counts.
   *
   * @param bucketCounts one count per bucket, {@link #buckets()} of them (copied)
   * @param totalNanos the sum of every duration
   * @param maxNanos the longest duration
   * @return the histogram
   * @throws IllegalArgumentException when the array has the wrong length or a value is negative
   */
  public static DurationHistogram of(long[] bucketCounts, long totalNanos, long maxNanos) {
    if (bucketCounts.length != BUCKETS) {
      throw new IllegalArgumentException(
          "bucketCounts must have " + BUCKETS + " entries, but had " + bucketCounts.length);
    }
    for (long c : bucketCounts) {
      if (c < 0) {
        throw new IllegalArgumentException("bucket counts must be >= 0, but one was " + c);
      }
    }
    if (totalNanos < 0 || maxNanos < 0) {
      throw new IllegalArgumentException("totalNanos and maxNanos must be >= 0, but were "
          + totalNanos + " and " + maxNanos);
    }
    return new DurationHistogram(bucketCounts.clone(), totalNanos, maxNanos);
  }

  /** @return how many buckets every histogram has */
  public static int buckets() {
    return BUCKETS;
  }

  /**
   * Returns the bucket a duration falls in.
   *
   * @param nanos the duration, at least zero
   * @return its bucket's index
   */
  public static int bucketOf(long nanos) {
    if (nanos < SUB_BUCKETS) {
      return (int) Math.max(0, nanos);
    }
    int msb = 63 - Long.numberOfLeadingZeros(nanos);
    int sub = (int) (nanos >>> (msb - 2)) & (SUB_BUCKETS - 1);
    return SUB_BUCKETS + (msb - 2) * SUB_BUCKETS + sub;
  }

  /**
   * Returns the longest duration a bucket holds.
   *
   * @param bucket the bucket's index, 0 to {@code buckets() - 1}
   * @return its upper edge in nanoseconds, inclusive
   */
  public static long bucketUpperBound(int bucket) {
    if (bucket < SUB_BUCKETS) {
      return bucket;
    }
    int msb = (bucket - SUB_BUCKETS) / SUB_BUCKETS + 2;
    int sub = (bucket - SUB_BUCKETS) % SUB_BUCKETS;
    long edge = ((SUB_BUCKETS + sub + 1L) << (msb - 2)) - 1;
    return edge < 0 ? Long.MAX_VALUE : edge; // the last bucket reaches the largest long
  }

  /** @return how many durations were counted */
  public long count() {
    return count;
  }

  /** @return the sum of every duration, in nanoseconds */
  public long totalNanos() {
    return totalNanos;
  }

  /** @return the longest duration, in nanoseconds (for a difference: an upper bound of it) */
  public long maxNanos() {
    return maxNanos;
  }

  /** @return the mean duration in nanoseconds, 0 when empty */
  public long meanNanos() {
    return count == 0 ? 0 : totalNanos / count;
  }

  /**
   * Returns a bucket's count.
   *
   * @param bucket the bucket's index
   * @return the durations it holds
   */
  public long bucketCount(int bucket) {
    return counts[bucket];
  }

  /**
   * Counts the durations at or below a bound. Exact when the bound is a bucket edge
   * ({@link #bucketUpperBound(int)}); otherwise the bucket the bound falls inside is left out.
   *
   * @param nanos the bound
   * @return the durations at or below it
   */
  public long countAtOrBelow(long nanos) {
    if (nanos < 0) {
      return 0;
    }
    int b = bucketOf(nanos);
    int last = bucketUpperBound(b) == nanos ? b : b - 1;
    long n = 0;
    for (int i = 0; i <= last; i++) {
      n += counts[i];
    }
    return n;
  }

  /**
   * Returns a percentile: the upper edge of the bucket holding that rank, capped at the
   * maximum.
   *
   * @param quantile between 0.0 and 1.0, e.g. 0.99
   * @return the percentile in nanoseconds, 0 when empty
   * @throws IllegalArgumentException when the quantile is outside 0.0 to 1.0
   */
  public long percentileNanos(double quantile) {
    if (!(quantile >= 0.0 && quantile <= 1.0)) {
      throw new IllegalArgumentException("quantile must be between 0.0 and 1.0, but was "
          + quantile);
    }
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(quantile * count));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(bucketUpperBound(i), maxNanos);
      }
    }
    return maxNanos;
  }

  /**
   * The durations counted since an earlier snapshot of the same source. The maximum of the
   * difference is not known exactly: it is bounded by the highest bucket that gained durations.
   *
   * @param earlier a snapshot taken before this one
   * @return the difference
   */
  public DurationHistogram since(DurationHistogram earlier) {
    long[] d = new long[BUCKETS];
    int highest = -1;
    for (int i = 0; i < BUCKETS; i++) {
      d[i] = Math.max(0, counts[i] - earlier.counts[i]);
      if (d[i] > 0) {
        highest = i;
      }
    }
    long max = highest < 0 ? 0 : Math.min(bucketUpperBound(highest), maxNanos);
    return new DurationHistogram(d, Math.max(0, totalNanos - earlier.totalNanos), max);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DurationHistogram h && totalNanos == h.totalNanos
        && maxNanos == h.maxNanos && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts) * 31 + Long.hashCode(totalNanos);
  }

  @Override
  public String toString() {
    return "DurationHistogram{count=" + count + ", totalNanos=" + totalNanos + ", maxNanos="
        + maxNanos + "}";
  }
}
