package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.dashboard.DashboardEvent;
import io.cenote.dashboard.DashboardEvents;
import io.cenote.dashboard.ScenarioStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's scenarios as the dashboard starts, watches and stops them. */
class DashboardScenariosTest {

  @TempDir
  Path dir;

  private final AtomicInteger runs = new AtomicInteger();
  private final DashboardEvents events = new DashboardEvents();

  private DashboardScenarios scenarios(int seconds) {
    DashboardScenarios s = DashboardScenarios.on(() -> {
      try {
        return JdbcTarget.sqlite(Files.createDirectories(dir.resolve("run-"
            + runs.incrementAndGet())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, seconds);
    s.attach(events);
    return s;
  }

  private static ScenarioStatus status(DashboardScenarios s, String name) {
    return s.status().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aRunShowsItsPoolStreamsItsEventsAndEndsWithTheLesson() throws Exception {
    DashboardScenarios s = scenarios(3);
    assertThat(s.names()).containsExactlyElementsOf(Scenarios.names());
    assertThat(status(s, "normal").state()).isEqualTo("idle");

    s.start("normal");

    assertThat(status(s, "normal").state()).isEqualTo("running");
    await(() -> !s.pools().isEmpty());
    assertThat(s.pools()).extracting(p -> p.poolName()).containsExactly("normal");
    await(() -> status(s, "normal").state().equals("finished"));
    assertThat(status(s, "normal").summary()).contains("reused about");
    assertThat(s.pools()).isEmpty();
    assertThat(events.recent()).extracting(DashboardEvent::kind)
        .contains("scenario", "connect");
    assertThat(events.recent()).allSatisfy(e -> assertThat(e.source()).isEqualTo("normal"));
  }

  @Test
  void oneScenarioRunsAtATimeAndStopEndsIt() throws Exception {
    DashboardScenarios s = scenarios(60);
    s.start("normal");

    assertThatThrownBy(() -> s.start("leak")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'normal' is running");
    assertThatThrownBy(() -> s.start("nope")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.stop("nope")).isInstanceOf(IllegalArgumentException.class);

    long start = System.nanoTime();
    s.stop("normal");
    System.out.printf("stop took %d ms%n", (System.nanoTime() - start) / 1_000_000);

    assertThat(status(s, "normal").state()).isEqualTo("idle");
    assertThat(status(s, "normal").summary()).isEqualTo("stopped");
    assertThat(s.pools()).isEmpty();
    s.start("leak");
    s.stop("leak");
    assertThat(status(s, "leak").summary()).isEqualTo("stopped");
  }

  @Test
  void everySimulatorKindHasADashboardKind() {
    assertThat(Arrays.stream(SimEvent.Kind.values()).map(DashboardScenarios::kind))
        .doesNotContainNull().doesNotHaveDuplicates();
    assertThat(DashboardScenarios.kind(SimEvent.Kind.WRITER)).isEqualTo("writer_changed");
    assertThat(DashboardScenarios.kind(SimEvent.Kind.TIMEOUT)).isEqualTo("timeout");
  }

  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
