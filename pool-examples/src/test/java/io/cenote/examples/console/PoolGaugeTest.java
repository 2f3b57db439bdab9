package io.cenote.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.DurationHistogram;
import io.cenote.pool.PoolStats;
import io.cenote.pool.TimeStats;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolGaugeTest {

  private static PoolStats stats(int total, int active, int waiting) {
    TimeStats wait = new TimeStats(100, Duration.ZERO, Duration.ZERO, Duration.ZERO,
        Duration.ofMillis(412), Duration.ofMillis(500),
        Duration.ZERO, DurationHistogram.EMPTY);
    return new PoolStats("demo", total, active, total - active, waiting,
        Math.max(0, total - 4), 6, 4, 2, 2, total, Map.of(), 1_234, 1_200, 3, 0, 0, 0, wait,
        TimeStats.EMPTY, 0.939, active / 4.0, false, false);
  }

  @Test
  void lineShowsGaugesCountersAndLatency() {
    assertThat(PoolGauge.line(stats(5, 4, 2), Ansi.of(false))).isEqualTo(
        "total  5 active  4 idle  1 waiting  2 overflow 1 | acquired  1,234 timeouts 3"
            + " | p99 wait 412 ms hit 93.9%");
  }

  @Test
  void gaugeMarksBusyIdleAndUnopenedSlots() {
    assertThat(PoolGauge.gauge(stats(5, 3, 0), Ansi.of(false))).isEqualTo("[###o|o.]");
    assertThat(PoolGauge.gauge(stats(6, 6, 4), Ansi.of(false))).isEqualTo("[####|##]");
    assertThat(PoolGauge.gauge(stats(2, 0, 0), Ansi.of(false))).isEqualTo("[oo..|..]");
  }
}
