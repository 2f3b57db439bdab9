package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Output;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConsoleViewTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ConsoleView view = new ConsoleView(
      new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), Ansi.of(false)));

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private void show(SimEvent.Kind kind, int times) {
    for (int i = 1; i <= times; i++) {
      view.show(new SimEvent(0, kind, "event number " + i));
    }
  }

  @Test
  void eventLineHasTheTagAndTheMessage() {
    view.show(new SimEvent(1.5, SimEvent.Kind.FAULT, "primary stops"));

    assertThat(lines()).singleElement().asString()
        .matches(" +\\d+\\.\\ds  FAULT      primary stops");
  }

  @Test
  void frequentKindShowsOnlyItsLinesPerSecond() {
    show(SimEvent.Kind.TIMEOUT, 10);

    assertThat(lines()).hasSize(ConsoleView.PER_SECOND)
        .allSatisfy(l -> assertThat(l).contains("TIMEOUT"));
    assertThat(lines().get(0)).endsWith("event number 1");
    assertThat(lines().get(ConsoleView.PER_SECOND - 1))
        .endsWith("event number " + ConsoleView.PER_SECOND);
  }

  @Test
  void tickReportsTheHiddenLinesThenPrintsTheGauge() {
    show(SimEvent.Kind.TIMEOUT, 10);

    view.tick("[###..]", "active 3/5 waiting 2");

    List<String> lines = lines();
    int hidden = 10 - ConsoleView.PER_SECOND;
    assertThat(lines).hasSize(ConsoleView.PER_SECOND + 2);
    assertThat(lines.get(ConsoleView.PER_SECOND))
        .endsWith("(" + hidden + " more not shown: " + hidden + " TIMEOUT)");
    assertThat(lines.get(ConsoleView.PER_SECOND + 1))
        .contains("[###..]").endsWith("active 3/5 waiting 2");
  }

  @Test
  void tickNamesEachHiddenKind() {
    show(SimEvent.Kind.TIMEOUT, ConsoleView.PER_SECOND + 2);
    show(SimEvent.Kind.CONNECT_FAILURE, ConsoleView.PER_SECOND + 1);

    view.tick("", "gauge");

    assertThat(lines().get(lines().size() - 2))
        .endsWith("(3 more not shown: 1 CONN FAIL, 2 TIMEOUT)");
  }

  @Test
  void afterATickTheKindIsShownAgain() {
    show(SimEvent.Kind.TIMEOUT, 10);
    view.tick("", "gauge");
    bytes.reset();

    show(SimEvent.Kind.TIMEOUT, 10);

    assertThat(lines()).hasSize(ConsoleView.PER_SECOND)
        .allSatisfy(l -> assertThat(l).contains("TIMEOUT"));
  }

  @Test
  void tickWithNothingHiddenPrintsOnlyTheGauge() {
    show(SimEvent.Kind.TIMEOUT, ConsoleView.PER_SECOND);
    bytes.reset();

    view.tick("", "gauge");

    assertThat(lines()).singleElement().asString().endsWith("gauge");
  }

  @Test
  void hiddenCountsAreReportedOnce() {
    show(SimEvent.Kind.TIMEOUT, 10);
    view.tick("", "first");
    bytes.reset();

    view.tick("", "second");

    assertThat(lines()).singleElement().asString().endsWith("second");
  }

  @Test
  void eachKindHasItsOwnAllowance() {
    show(SimEvent.Kind.TIMEOUT, 10);
    show(SimEvent.Kind.EXHAUSTED, 10);

    assertThat(lines()).filteredOn(l -> l.contains("EXHAUSTED"))
        .hasSize(ConsoleView.PER_SECOND);
  }

  @ParameterizedTest
  @EnumSource(names = {"PHASE", "FAULT", "LEAK", "BREAKER", "WRITER", "HEALTH", "RESIZE",
      "EXCLUDED", "READMITTED"})
  void rareKindsAreNeverThrottled(SimEvent.Kind kind) {
    show(kind, 10);

    assertThat(lines()).hasSize(10).allSatisfy(l -> assertThat(l).contains(kind.tag()));

    view.tick("", "gauge");
    assertThat(lines()).hasSize(11).last().asString().endsWith("gauge");
  }
}
