package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The dashboard's command line: what it refuses before it opens anything. */
class DashboardMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> environment, String... args) {
    return DashboardMain.run(args, environment,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "--port -1 | --port must be 0 to 65535, but was -1",
      "--db oracle | --db must be sqlite, postgres or mariadb, but was 'oracle'",
      "--clients -2 | --clients must be 0 to 500, but was -2",
      "--seconds 0 | --seconds must be at least 1, but was 0",
      "--scenario-seconds 1 | --scenario-seconds must be at least 2, but was 1",
      "--bind 0.0.0.0 --port 0 | 0.0.0.0",
      "--frobnicate | Unknown option: '--frobnicate'"})
  void badOptionsGetOneLineAndStatusTwo(String args, String message) {
    assertThat(run(Map.of(), args.split(" "))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1).first().asString()
        .startsWith("dashboard: ").contains(message);
  }

  @Test
  void missingServersAreReportedWithStatusThree() {
    assertThat(run(Map.of(), "--db", "postgres")).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("scripts/db.sh start");
  }

  @Test
  void runsForTheGivenSecondsAndStops() {
    long start = System.nanoTime();
    assertThat(run(Map.of(), "--port", "0", "--seconds", "2", "--clients", "1")).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).containsPattern("Cenote dashboard on http://127\\.0\\.0\\.1:\\d+/")
        .contains("Dashboard stopped.");
    System.out.printf("ran %d ms for --seconds 2%n", (System.nanoTime() - start) / 1_000_000);
  }
}
