package io.cenote.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return DemoMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void badOptionExitsWithTwoNamingOptionAndValue() {
    assertThat(run("--part", "everything")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("demo: --part must be one of"
        + " pool, routing, all, but was 'everything' (--help lists the options)"
        + System.lineSeparator());
  }

  @Test
  void routingPartAloneRunsAndSaysWhatItShowed(@TempDir Path dir) {
    int code = run("--part", "routing", "--seconds", "3", "--no-color",
        "--db", dir.resolve("demo.db").toString());

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as("stderr:%n%s%nstdout:%n%s", err, printed).isZero();
    assertThat(printed).contains("Cenote demo, routing part")
        .doesNotContain("Cenote demo, pool part")
        .contains("Demo complete: writes went to the writer, reads to the replicas");
  }
}
