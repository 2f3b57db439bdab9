package io.cenote.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.examples.console.Ansi;
import io.cenote.pool.CloseReason;
import io.cenote.pool.DurationHistogram;
import io.cenote.pool.PoolStats;
import io.cenote.pool.TimeStats;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

  private static PoolStats stats() {
    TimeStats wait = new TimeStats(1000, Duration.ofMillis(20), Duration.ZERO,
        Duration.ofMillis(300), Duration.ofMillis(412), Duration.ofMillis(790),
        Duration.ZERO, DurationHistogram.EMPTY);
    TimeStats hold = new TimeStats(1000, Duration.ofMillis(30), Duration.ofMillis(4),
        Duration.ofMillis(600), Duration.ofMillis(880), Duration.ofSeconds(3),
        Duration.ZERO, DurationHistogram.EMPTY);
    return new PoolStats("demo", 0, 0, 0, 0, 0, 6, 4, 2, 2, 14,
        Map.of(CloseReason.OVERFLOW, 8L, CloseReason.SHUTDOWN, 6L, CloseReason.IDLE, 0L),
        12_000, 12_000, 17, 50, 0, 0, wait, hold, 0.875, 0.0, false, true);
  }

  private static String render() {
    return SummaryTable.render(stats(), new Workload.Counts(9_600, 2_400, 17, 0), 1,
        Duration.ofSeconds(24), Ansi.of(false));
  }

  @Test
  void showsEveryFigureRightAligned() {
    String table = render();

    assertThat(table).contains("Summary of pool 'demo' after 24.0 s")
        .contains("  borrows acquired                     12,000   500/s\n")
        .contains("  borrows that waited                   1,500   12.5% of borrows\n")
        .contains("  acquire timeouts                         17   ")
        .contains("  wait p50 / p99                0 ms / 412 ms   max 790 ms\n")
        .contains("  hold p50 / p99              4.0 ms / 880 ms   max 3.00 s\n")
        .contains("  hit rate                              87.5%   ")
        .contains("  peak connections                          6   maxSize 4 + maxOverflow 2\n")
        .contains("  connections created                      14\n")
        .contains("  connections destroyed                    14\n")
        .contains("    overflow                                8\n")
        .contains("    shutdown                                6\n")
        .contains("  leaks reported                            1   with the borrower's stack\n")
        .contains("  queries run                          12,000   9,600 reads, 2,400 writes\n")
        .contains("  unexpected errors                         0\n");
  }

  @Test
  void listsOnlyCloseReasonsThatHappened() {
    assertThat(render()).doesNotContain("idle  ").doesNotContain("lifetime");
  }

  @Test
  void plainWithoutColourAndColouredWithIt() {
    assertThat(render()).doesNotContain("\u001b[");
    String coloured = SummaryTable.render(stats(), new Workload.Counts(1, 1, 0, 3), 0,
        Duration.ofSeconds(1), Ansi.of(true));
    assertThat(coloured).contains("\u001b[31m3\u001b[0m");
    // padding counts visible characters only, so coloured values stay aligned
    assertThat(coloured).contains("  unexpected errors                 "
        + "        \u001b[31m3\u001b[0m\n");
  }
}
