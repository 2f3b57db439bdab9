package io.cenote.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Output;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoRunTest {

  @Test
  void shortRunBorrowsAndReturnsEveryConnection(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DemoOptions options =
        new DemoOptions(DemoPart.POOL, 3, 8, 2, false, dir.resolve("demo.db"), false);
    Output out = new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), Ansi.of(false));

    DemoResult result = new Demo(options, 3_000, out).run(dir.resolve("demo.db"));

    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(result.finalStats().acquired()).isPositive();
    assertThat(result.finalStats().active()).isZero();
    assertThat(result.finalStats().closed()).isTrue();
    assertThat(result.counts().errors()).as("unexpected errors; output:%n%s", output).isZero();
    assertThat(result.problems()).isEmpty();
    assertThat(output).contains("== phase 1/4: steady", "== phase 4/4: recovery",
        "Summary of pool 'demo'", " total ", " acquired ", " p99 wait ").doesNotContain("\u001b[");
  }
}
