package io.cenote.pool;

import java.time.Duration;

/**
 * A summary of measured durations (acquire wait or hold time). Percentiles come from a
 * histogram with about 25% precision per bucket.
 *
 * @param count how many durations were measured
 * @param mean the mean
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the longest
 */
public record TimeStats(long count, Duration mean, Duration p50, Duration p95, Duration p99,
    Duration max) {

  /** An empty summary. */
  public static final TimeStats EMPTY =
      new TimeStats(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
}
