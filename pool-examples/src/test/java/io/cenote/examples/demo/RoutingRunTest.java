package io.cenote.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Output;
import io.cenote.router.HostStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingRunTest {

  @Test
  void shortRunRoutesSurvivesTheOutageAndClosesCleanly(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Output out = new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), Ansi.of(false));

    RoutingResult result = new RoutingDemo(5_000, out).run(dir.resolve("demo.db"));

    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(result.problems()).as("output:%n%s", output).isEmpty();
    assertThat(result.readmissionExpected()).isTrue();
    assertThat(result.hosts()).extracting(HostStats::name)
        .containsExactly(RoutingCluster.WRITER, RoutingCluster.REPLICA_1, RoutingCluster.REPLICA_2);
    assertThat(result.counts().ownReads()).isPositive();
    assertThat(output).contains("== routing 1/3: balanced", "== routing 3/3: replica back",
        "EXCLUDED   replica-2", "READMIT    replica-2", "Summary of cluster 'notes'")
        .doesNotContain("\u001b[");
  }
}
