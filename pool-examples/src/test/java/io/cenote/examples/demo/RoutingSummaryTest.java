package io.cenote.examples.demo;

import static io.cenote.examples.demo.RoutingTestHosts.down;
import static io.cenote.examples.demo.RoutingTestHosts.replica;
import static io.cenote.examples.demo.RoutingTestHosts.writer;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.examples.console.Ansi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingSummaryTest {

  private static final RoutingWorkload.Counts COUNTS =
      new RoutingWorkload.Counts(1_200, 8_000, 3_000, 40, 40, 40, 40, 40, 2, 0);

  private static String render(Ansi ansi) {
    return RoutingSummary.render("notes", List.of(writer(40, 1_200),
        replica("replica-1", 6_500, 0), down("replica-2", 4_500)), COUNTS,
        Duration.ofSeconds(12), ansi);
  }

  @Test
  void showsARowPerHostAndWhatTheClientsSaw() {
    String table = render(Ansi.of(false));

    assertThat(table).contains("Summary of cluster 'notes' after 12.0 s")
        .contains("  host        role         reads   writes  fallbacks  excluded   at the end\n")
        .contains("  writer      primary         40    1,200          0         0   healthy\n")
        .contains("  replica-1   replica      6,500        0          0         0   healthy\n")
        .contains("  replica-2   replica      4,500        0          0         1"
            + "   excluded DOWN\n")
        .contains("  notes inserted                        1,200   100/s, cluster.write\n")
        .contains("  reads via cluster.read                8,000   667/s\n")
        .contains("  reads via dataSource()                3,000   setReadOnly(true)")
        .contains("  reads right after a write                40   40 on the writer,"
            + " 40 saw their own row\n")
        .contains("  reads after the window                   40   40 back on a replica"
            + " (window 300 ms)\n")
        .contains("  reads cut by the outage                   2   dataSource()")
        .contains("  unexpected errors                         0\n");
  }

  @Test
  void plainWithoutColourAndColouredWithIt() {
    assertThat(render(Ansi.of(false))).doesNotContain("\u001b[");
    assertThat(render(Ansi.of(true))).contains("\u001b[31mexcluded DOWN\u001b[0m");
  }
}
