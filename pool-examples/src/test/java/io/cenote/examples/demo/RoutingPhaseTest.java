package io.cenote.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoutingPhaseTest {

  @Test
  void durationsSplitTheRunByShareAndAddUp() {
    long[] d = RoutingPhase.durations(12_000);

    assertThat(d).containsExactly(4_200, 4_200, 3_600);
  }

  @Test
  void roundingGoesToTheLastPhase() {
    long[] d = RoutingPhase.durations(3_001);

    assertThat(Arrays.stream(d).sum()).isEqualTo(3_001);
    assertThat(d[0]).isEqualTo(1_050);
  }

  @Test
  void defaultRunIsLongEnoughToShowTheReadmission() {
    long[] d = RoutingPhase.durations(DemoPart.ROUTING.defaultSeconds * 1_000L);

    assertThat(d[RoutingPhase.RECOVERED.ordinal()])
        .isGreaterThanOrEqualTo(RoutingPhase.MIN_RECOVERY_MILLIS);
  }
}
