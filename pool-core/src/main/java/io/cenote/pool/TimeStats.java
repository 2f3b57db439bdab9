package io.cenote.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * A summary of measured durations (acquire wait or hold time), with the histogram it is read
 * from. Percentiles come from that histogram, with about 25% precision per bucket.
 *
 * @param count how many durations were measured
 * @param mean the mean
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the longest
 * @param total all durations added up
 * @param histogram the distribution since start, for metrics systems that keep buckets or
 *     windows of their own
 */
public record TimeStats(long count, Duration mean, Duration p50, Duration p95, Duration p99,
    Duration max, Duration total, DurationHistogram histogram) {

  /** An empty summary. */
  public static final TimeStats EMPTY = of(DurationHistogram.EMPTY);

  /** Rejects a missing histogram. */
  public TimeStats {
    Objects.requireNonNull(histogram, "histogram");
  }

  /**
   * Summarizes a histogram.
   *
   * @param histogram the durations
   * @return its count, mean, percentiles, maximum and total
   */
  public static TimeStats of(DurationHistogram histogram) {
    return new TimeStats(histogram.count(), Duration.ofNanos(histogram.meanNanos()),
        Duration.ofNanos(histogram.percentileNanos(0.50)),
        Duration.ofNanos(histogram.percentileNanos(0.95)),
        Duration.ofNanos(histogram.percentileNanos(0.99)),
        Duration.ofNanos(histogram.maxNanos()), Duration.ofNanos(histogram.totalNanos()),
        histogram);
  }
}
