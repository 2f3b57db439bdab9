package io.cenote.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.DurationHistogram;
import io.cenote.pool.PoolStats;
import io.cenote.pool.TimeStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One pool's ring of samples, and percentiles that cover only the last interval. */
class PoolHistoryTest {

  private static final long MILLI = 1_000_000L;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A histogram of the given durations, counted cumulatively like a pool's. */
  private static DurationHistogram histogram(long... nanos) {
    long[] counts = new long[DurationHistogram.buckets()];
    long total = 0;
    long max = 0;
    for (long n : nanos) {
      counts[DurationHistogram.bucketOf(n)]++;
      total += n;
      max = Math.max(max, n);
    }
    return DurationHistogram.of(counts, total, max);
  }

  private static PoolStats stats(int active, DurationHistogram waits) {
    return new PoolStats("p", 4, active, 4 - active, 0, 0, 4, 4, 0, 1, 4, Map.of(), 10, 10, 0, 0,
        0, 0, TimeStats.of(waits), TimeStats.EMPTY, 0.5, active / 4.0, false, false);
  }

  @Test
  void percentilesCoverOnlyWhatWasMeasuredSinceTheLastSample() {
    PoolHistory history = new PoolHistory(10);
    DurationHistogram slowSecond = histogram(200 * MILLI, 200 * MILLI, 200 * MILLI);
    DurationHistogram thenFast = histogram(200 * MILLI, 200 * MILLI, 200 * MILLI, MILLI, MILLI,
        MILLI, MILLI, MILLI, MILLI, MILLI, MILLI, MILLI);

    history.record(T0, stats(1, slowSecond));
    history.record(T0.plusSeconds(1), stats(2, thenFast));
    history.record(T0.plusSeconds(2), stats(3, thenFast));

    List<Sample> samples = history.samples();
    assertThat(samples).extracting(Sample::active).containsExactly(1, 2, 3);
    // 200 ms in the first second, 1 ms in the second, nothing after; a percentile is its
    // bucket's upper edge, up to 25% above the value
    assertThat(samples.get(0).waitP50Millis()).isBetween(200.0, 250.0);
    assertThat(samples.get(1).waitP99Millis()).isBetween(1.0, 1.25);
    assertThat(samples.get(2).waitP99Millis()).isZero();
  }

  @Test
  void aFullRingDropsTheOldestSample() {
    PoolHistory history = new PoolHistory(3);

    for (int i = 0; i < 5; i++) {
      history.record(T0.plusSeconds(i), stats(i % 4, DurationHistogram.EMPTY));
    }

    assertThat(history.samples()).extracting(Sample::time)
        .containsExactly(T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4));
  }

  @Test
  void aNewHistoryIsEmpty() {
    assertThat(new PoolHistory(3).samples()).isEmpty();
  }
}
