package io.cenote.examples.demo;

import static io.cenote.examples.demo.RoutingTestHosts.down;
import static io.cenote.examples.demo.RoutingTestHosts.replica;
import static io.cenote.examples.demo.RoutingTestHosts.writer;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.examples.console.Ansi;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTickerTest {

  @Test
  void showsWritesOfTheWriterReadsOfEveryHostAndWhyOneIsExcluded() {
    String line = RoutingTicker.line(List.of(writer(31, 1_024), replica("replica-1", 2_980, 0),
        down("replica-2", 2_979)), Ansi.of(false));

    assertThat(line).isEqualTo("writer w  1,024 r     31 | replica-1 r  2,980"
        + " | replica-2 r  2,979 DOWN");
  }

  @Test
  void colourMarksTheExclusionOnly() {
    String line = RoutingTicker.line(List.of(writer(0, 0), down("replica-2", 5)),
        Ansi.of(true));

    assertThat(line).contains("\u001b[31mDOWN\u001b[0m").contains("writer")
        .doesNotContain("\u001b[31m5");
    assertThat(Ansi.visibleLength(line)).isEqualTo(
        "writer w      0 r      0 | replica-2 r      5 DOWN".length());
  }
}
