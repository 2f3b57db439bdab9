package io.cenote.micrometer.internal;

import io.cenote.micrometer.MeterNames;
import io.cenote.pool.DurationHistogram;
import io.cenote.pool.PoolStats;
import io.cenote.pool.TimeStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Publishes one of a pool's duration histograms (acquire wait or hold time) as a timer, read
 * from the pool's own statistics when the registry asks: no meter records anything per borrow.
 *
 * <ul>
 *   <li>{@code <name>}: a function timer, count and total time since start;
 *   <li>{@code <name>.max} and {@code <name>.percentile} (tag {@code phi}): the maximum and the
 *       0.5, 0.95 and 0.99 percentiles of about the last two minutes ({@link TimeWindow});
 *   <li>{@code <name>.histogram} (tag {@code le}): cumulative bucket counts since start, at
 *       bounds where the pool's histogram is exact ({@code 2^k - 1} ns), so
 *       {@code histogram_quantile} works on them.
 * </ul>
 */
public final class DurationMeters {

  /** The percentiles published, as Micrometer's {@code publishPercentiles} would name them. */
  static final double[] PERCENTILES = {0.5, 0.95, 0.99};
  /** The smallest bucket bound is {@code 2^16 - 1} ns, about 66 microseconds. */
  static final int SMALLEST_BOUND_POWER = 16;
  /** The largest finite bucket bound is {@code 2^36 - 1} ns, about 69 seconds. */
  static final int LARGEST_BOUND_POWER = 36;
  private static final int NANOS_PER_SECOND_DIGITS = 9;

  private DurationMeters() {}

  /**
   * Registers the meters of one duration.
   *
   * @param registry the registry
   * @param name the timer's name, e.g. {@code cenote.connections.acquire}
   * @param description what is measured
   * @param tags the pool's tags
   * @param stats the pool's cached statistics
   * @param pick which duration of the statistics
   * @param bound where registered meters are remembered
   */
  public static void register(MeterRegistry registry, String name, String description,
      Tags tags, Cached<PoolStats> stats, Function<PoolStats, TimeStats> pick,
      BoundMeters bound) {
    bound.add(registry, FunctionTimer.builder(name, stats,
            s -> pick.apply(s.get()).count(),
            s -> pick.apply(s.get()).total().toNanos(), TimeUnit.NANOSECONDS)
        .description(description).tags(tags).register(registry));

    TimeWindow window = new TimeWindow();
    Function<Cached<PoolStats>, DurationHistogram> recent =
        s -> window.over(s.now(), pick.apply(s.get()).histogram());
    bound.add(registry, TimeGauge.builder(name + MeterNames.MAX_SUFFIX, stats,
            TimeUnit.NANOSECONDS, s -> recent.apply(s).maxNanos())
        .description(description + ": the longest of about the last two minutes")
        .tags(tags).strongReference(true).register(registry));
    for (double phi : PERCENTILES) {
      bound.add(registry, TimeGauge.builder(name + MeterNames.PERCENTILE_SUFFIX, stats,
              TimeUnit.NANOSECONDS, s -> recent.apply(s).percentileNanos(phi))
          .description(description + ": percentile of about the last two minutes")
          .tags(tags).tag(MeterNames.PHI, String.valueOf(phi))
          .strongReference(true).register(registry));
    }

    for (int k = SMALLEST_BOUND_POWER; k <= LARGEST_BOUND_POWER; k++) {
      long edge = (1L << k) - 1;
      bound.add(registry, FunctionCounter.builder(name + MeterNames.HISTOGRAM_SUFFIX, stats,
              s -> pick.apply(s.get()).histogram().countAtOrBelow(edge))
          .description(description + ": durations at or below le seconds, since start")
          .tags(tags).tag(MeterNames.LE, seconds(edge)).register(registry));
    }
    bound.add(registry, FunctionCounter.builder(name + MeterNames.HISTOGRAM_SUFFIX, stats,
            s -> pick.apply(s.get()).count())
        .description(description + ": durations at or below le seconds, since start")
        .tags(tags).tag(MeterNames.LE, "+Inf").register(registry));
  }

  /** 1048575 ns -> {@code 0.001048575}. */
  static String seconds(long nanos) {
    return BigDecimal.valueOf(nanos).movePointLeft(NANOS_PER_SECOND_DIGITS).stripTrailingZeros()
        .toPlainString();
  }
}
