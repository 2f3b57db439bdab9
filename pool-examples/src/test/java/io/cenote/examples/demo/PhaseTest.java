package io.cenote.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PhaseTest {

  @Test
  void durationsAddUpToTheRun() {
    for (long total : new long[] {3_000, 8_000, 10_000, 24_000, 600_000}) {
      assertThat(Arrays.stream(Phase.durations(total)).sum()).as("total %d", total)
          .isEqualTo(total);
    }
  }

  @Test
  void leakPhaseIsLongEnoughToShowTheLeakFromEightSecondsOn() {
    assertThat(Phase.durations(8_000)[Phase.LEAK.ordinal()]).isEqualTo(Phase.MIN_LEAK_MILLIS);
    assertThat(Phase.durations(24_000)[Phase.LEAK.ordinal()]).isEqualTo(6_000);
    assertThat(Phase.durations(3_000)[Phase.LEAK.ordinal()]).isEqualTo(750);
  }

  @Test
  void slowPhaseHoldsStayBelowTheLeakThreshold() {
    assertThat((long) Phase.SLOW.maxHoldMillis).isLessThan(Demo.LEAK_THRESHOLD.toMillis());
  }
}
