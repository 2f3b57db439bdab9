package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

/** The simulator's command line: what it refuses, and the report it writes. */
class SimulateMainTest {

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "bogus | unknown scenario 'bogus'",
      "normal --pool-size -3 | --pool-size must be 1 to 1000, but was -3",
      "normal --max-overflow -1 | --max-overflow must be 0 to 1000, but was -1",
      "normal --clients 0 | --clients must be 1 to 500, but was 0",
      "normal --timeout 0 | --timeout must be > 0 seconds",
      "normal --recycle 0.5 | --recycle must be -1 or 0 (off) or at least 1 second",
      "normal --url foo://db | --url must be a PostgreSQL, MySQL/MariaDB or SQLite JDBC URL",
      "normal --db oracle | --db must be sqlite, postgres or mariadb, but was 'oracle'",
      "normal --seconds x | --seconds must be a whole number, but was 'x'",
      "--all normal | give a scenario or --all, not both",
      "'' | missing scenario",
      "normal --frobnicate | Unknown option: '--frobnicate'"})
  void badOptionsGetOneLineAndStatusTwo(String args, String message) {
    String[] argv = args.isEmpty() ? new String[0] : args.split(" ");
    ScenarioRuns.Outcome o = ScenarioRuns.execute(Map.of(), argv);
    assertThat(o.status()).isEqualTo(2);
    assertThat(o.err().lines()).hasSize(1).first().asString()
        .startsWith("simulate: ").contains(message);
    assertThat(o.recordings()).isEmpty();
  }

  @Test
  void badEnvironmentVariablesAreNamed() {
    ScenarioRuns.Outcome o = ScenarioRuns.execute(Map.of("POOL_TIMEOUT", "soon"), "normal");
    assertThat(o.status()).isEqualTo(2);
    assertThat(o.err()).contains("POOL_TIMEOUT must be a number of seconds");
    o = ScenarioRuns.execute(Map.of("DATABASE_URL", "mysql://app:topsecret@db"), "normal");
    assertThat(o.status()).isEqualTo(2);
    assertThat(o.err()).contains("DATABASE_URL must be").doesNotContain("topsecret");
  }

  @Test
  void missingServersAreReportedWithStatusThree() {
    ScenarioRuns.Outcome o = ScenarioRuns.execute(Map.of(), "normal", "--db", "postgres");
    assertThat(o.status()).isEqualTo(3);
    assertThat(o.err()).contains("scripts/db.sh start");
  }

  @Test
  void helpListsTheScenariosAndSeedVariables() {
    ScenarioRuns.Outcome o = ScenarioRuns.execute(Map.of(), "--help");
    assertThat(o.status()).isZero();
    assertThat(o.out()).contains("replica-failover", "POOL_PRE_PING", "--report");
  }

  @Test
  void seedVariablesSetThePool() {
    Recording r = ScenarioRuns.run(Map.of("POOL_SIZE", "3", "MAX_OVERFLOW", "0",
        "POOL_TIMEOUT", "2.5", "POOL_PRE_PING", "true"), "normal", "--seconds", "2");
    assertThat(r.settings()).containsEntry("pool size", "3").containsEntry("max overflow", "0")
        .containsEntry("timeout", "2.50 s").containsEntry("pre-ping", "on");
    assertThat(r.value("peak")).isLessThanOrEqualTo(3);
  }

  @Test
  void reportIsWellFormedHtmlWithTheRunsData(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("out/normal.html");
    Recording r = ScenarioRuns.run(Map.of(), "normal", "--seconds", "3", "--report",
        report.toString());
    String html = Files.readString(report, StandardCharsets.UTF_8);
    Document doc = parse(html);
    assertThat(doc.getElementsByTagName("canvas").getLength()).isGreaterThanOrEqualTo(4);
    assertThat(html).contains(r.title(), r.lesson().substring(0, 40))
        .contains(String.valueOf(r.samples().get(1).acquired()));
    for (Finding f : r.findings()) {
      assertThat(html).contains(f.label().replace("&", "&amp;"));
    }
    assertThat(html).doesNotContain("src=\"http");
  }

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setExpandEntityReferences(false);
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }
}
