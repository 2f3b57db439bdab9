package io.cenote.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoPartTest {

  @Test
  void allGivesTheRoutingPartAThirdAndThePoolPartTheRest() {
    assertThat(DemoPart.ALL.split(36_000)).containsExactly(24_000, 12_000);
    assertThat(DemoPart.ALL.split(10_000)).containsExactly(6_667, 3_333);
  }

  @Test
  void aSinglePartGetsTheWholeRun() {
    assertThat(DemoPart.POOL.split(24_000)).containsExactly(24_000, 0);
    assertThat(DemoPart.ROUTING.split(12_000)).containsExactly(0, 12_000);
  }

  @Test
  void defaultRunsAddUpAndStayShort() {
    long[] all = DemoPart.ALL.split(DemoPart.ALL.defaultSeconds * 1_000L);

    assertThat(all[0]).isEqualTo(DemoPart.POOL.defaultSeconds * 1_000L);
    assertThat(all[1]).isEqualTo(DemoPart.ROUTING.defaultSeconds * 1_000L);
    assertThat(DemoPart.ALL.defaultSeconds).isLessThanOrEqualTo(36);
  }

  @Test
  void tellsWhichPartsRun() {
    assertThat(DemoPart.POOL.includesPool()).isTrue();
    assertThat(DemoPart.POOL.includesRouting()).isFalse();
    assertThat(DemoPart.ROUTING.includesPool()).isFalse();
    assertThat(DemoPart.ROUTING.includesRouting()).isTrue();
    assertThat(DemoPart.ALL.includesPool()).isTrue();
    assertThat(DemoPart.ALL.includesRouting()).isTrue();
  }

  @Test
  void parsesItsLabelsIgnoringCase() {
    for (DemoPart p : DemoPart.values()) {
      assertThat(DemoPart.parse(p.label())).isEqualTo(p);
    }
    assertThat(DemoPart.parse("Pool")).isEqualTo(DemoPart.POOL);
  }
}
