package io.cenote.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.bench.CompareReport.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-database comparison, run for a moment on an SQLite file: every workload in every
 * mode is measured (no speed is asserted: that is what the benchmark is for), the Markdown
 * table and the HTML page carry the measured figures, and the page is self-contained.
 */
class RealDatabaseBenchmarkTest {

  private static final Duration RUN = Duration.ofMillis(150);
  private static final Duration WARM_UP = Duration.ofMillis(50);

  @TempDir
  Path dir;

  @Test
  void everyWorkloadRunsInEveryModeAndTheReportsCarryTheFigures() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("bench.db");

    List<Result> results = new RealDatabaseBenchmark(url, new Properties(), RUN, WARM_UP).run();
    CompareReport report = new CompareReport("sqlite test run", results);
    Path html = dir.resolve("compare.html");
    report.writeHtml(html);
    String page = Files.readString(html, StandardCharsets.UTF_8);
    String markdown = report.markdown();

    assertThat(results).hasSize(Workload.values().length * CompareReport.MODES.size());
    for (Workload w : Workload.values()) {
      assertThat(results).filteredOn(r -> r.workload() == w).extracting(Result::mode)
          .containsExactlyElementsOf(CompareReport.MODES);
    }
    assertThat(results).allSatisfy(r -> {
      assertThat(r.measurement().opsPerSecond()).as(r.workload() + " " + r.mode()).isPositive();
      assertThat(r.measurement().percentileMillis(0.99))
          .isGreaterThanOrEqualTo(r.measurement().percentileMillis(0.50));
    });
    Result cenoteWrites = results.stream()
        .filter(r -> r.workload() == Workload.WRITE && r.mode().equals("cenote")).findFirst()
        .orElseThrow();
    String ops = String.format(Locale.ROOT, "%.0f", cenoteWrites.measurement().opsPerSecond());
    assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
        .contains("<title>sqlite test run</title>", "<td>write</td><td>cenote</td><td>" + ops,
            "labels:[\"simple query\",\"indexed read\",\"write\",\"mixed 80/20\"]",
            "new Chart(document.getElementById('throughput')")
        .doesNotContain("src=\"http"); // Chart.js is inlined, not fetched
    assertThat(page.length()).isGreaterThan(100_000); // the inlined script
    assertThat(markdown.lines()).hasSize(2 + results.size());
    assertThat(markdown).contains("| write | cenote | " + String.format(Locale.ROOT, "%,.0f",
        cenoteWrites.measurement().opsPerSecond()));
  }

  @Test
  void improvementsAreThroughputRelativeToTheBaselineInPercent() {
    Measurement slow = new Measurement(1_000, new long[] {1_000_000});
    Measurement fast = new Measurement(2_500, new long[] {400_000});
    Measurement hikari = new Measurement(2_000, new long[] {500_000});
    CompareReport report = new CompareReport("t", List.of(
        new Result(Workload.SIMPLE_QUERY, "unpooled", slow),
        new Result(Workload.SIMPLE_QUERY, "cenote", fast),
        new Result(Workload.SIMPLE_QUERY, "hikari", hikari)));

    String markdown = report.markdown();

    assertThat(markdown).contains("| simple query | cenote | 2,500 | 0.400 | 0.400 | 0.400 |"
        + " +150% | +25% |");
    assertThat(markdown).contains("| simple query | hikari | 2,000 | 0.500 | 0.500 | 0.500 |"
        + " +100% |  |");
    assertThat(markdown).contains("| simple query | unpooled | 1,000 | 1.000 | 1.000 | 1.000 |"
        + "  |  |");
  }
}
