package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The public histogram snapshot: layout, exact counts at edges, percentiles, differences. */
class DurationHistogramTest {

  private static DurationHistogram of(long... nanos) {
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

  @Test
  void everyDurationLiesWithinItsBucketsEdges() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 100_000; i++) {
      long nanos = random.nextLong(Long.MAX_VALUE >>> random.nextInt(63));
      int b = DurationHistogram.bucketOf(nanos);

      assertThat(nanos).isLessThanOrEqualTo(DurationHistogram.bucketUpperBound(b));
      if (b > 0) {
        assertThat(nanos).isGreaterThan(DurationHistogram.bucketUpperBound(b - 1));
      }
    }
  }

  @Test
  void powersOfTwoMinusOneAreEdges() {
    for (int k = 2; k < 63; k++) {
      long edge = (1L << k) - 1;

      assertThat(DurationHistogram.bucketUpperBound(DurationHistogram.bucketOf(edge)))
          .isEqualTo(edge);
    }
  }

  @Test
  void countAtOrBelowIsExactAtEdgesAndNeverOvercountsBetween() {
    DurationHistogram h = of(0, 5, 1_000, 1_048_575, 1_048_576, 2_000_000);

    assertThat(h.countAtOrBelow(1_048_575)).isEqualTo(4);
    assertThat(h.countAtOrBelow(1_048_576)).isEqualTo(4); // inside the next bucket: left out
    assertThat(h.countAtOrBelow(-1)).isZero();
    assertThat(h.countAtOrBelow(Long.MAX_VALUE)).isEqualTo(6);
    assertThat(h.count()).isEqualTo(6);
  }

  @Test
  void percentilesReportTheUpperEdgeCappedAtTheMaximum() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) {
      nanos[i] = (i + 1) * 1_000_000L;
    }
    DurationHistogram h = of(nanos);

    assertThat(h.percentileNanos(0.50)).isBetween(50_000_000L, 50_000_000L * 5 / 4);
    assertThat(h.percentileNanos(0.99)).isBetween(99_000_000L, 100_000_000L);
    assertThat(h.percentileNanos(1.0)).isEqualTo(100_000_000L);
    assertThat(h.meanNanos()).isEqualTo(50_500_000L);
    assertThat(DurationHistogram.EMPTY.percentileNanos(0.99)).isZero();
  }

  @Test
  void sinceKeepsOnlyTheLaterDurations() {
    DurationHistogram earlier = of(10, 20, 5_000);
    DurationHistogram later = of(10, 20, 5_000, 7_000_000, 9);

    DurationHistogram d = later.since(earlier);

    assertThat(d.count()).isEqualTo(2);
    assertThat(d.totalNanos()).isEqualTo(7_000_009);
    assertThat(d.maxNanos()).isEqualTo(7_000_000);
    assertThat(d.countAtOrBelow(15)).isEqualTo(1);
  }

  @Test
  void badInputIsRejectedByName() {
    assertThatThrownBy(() -> DurationHistogram.of(new long[3], 0, 0))
        .hasMessageContaining("bucketCounts must have " + DurationHistogram.buckets());
    assertThatThrownBy(() -> of(1).percentileNanos(1.5))
        .hasMessageContaining("quantile must be between 0.0 and 1.0, but was 1.5");
  }
}
