package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.examples.console.Ansi;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SummaryViewTest {

  private static final String LESSON = "With 12 clients and 5 connections, 3 clients gave up"
      + " after waiting 250 ms each; raise maxSize or lower the hold time, and the timeouts go"
      + " away. The wait was spent in the pool's queue, not in the database.";

  private static Recording recording(List<Finding> findings, String lesson) {
    return new Recording("exhaustion", "Exhaustion", "SQLite (embedded)", Map.of("maxSize", "5"),
        Instant.parse("2026-03-01T12:00:00Z"), 12.46, List.of(), List.of(), List.of(),
        List.of(), findings, lesson);
  }

  @Test
  void rendersTheHeadingEveryFindingAndTheLesson() {
    List<Finding> findings = List.of(
        Findings.count("timeouts", "Acquire timeouts", 3, "clients gave up after 250 ms"),
        Findings.millis("waitP99", "Wait p99", Duration.ofMillis(240), ""),
        Findings.ratio("served", "Requests served", 0.873, "of all requests"));

    String text = SummaryView.render(recording(findings, LESSON), Ansi.of(false));

    assertThat(text).contains("Summary of 'exhaustion' after 12.5 s");
    assertThat(text.lines()).anySatisfy(l -> assertThat(l)
        .contains("Acquire timeouts").contains("3").endsWith("clients gave up after 250 ms"));
    assertThat(text.lines()).anySatisfy(l -> assertThat(l)
        .contains("Wait p99").endsWith("240 ms"));
    assertThat(text.lines()).anySatisfy(l -> assertThat(l)
        .contains("Requests served").contains("87.3%").endsWith("of all requests"));
    String lesson = String.join(" ", text.lines().dropWhile(l -> !l.contains("With 12"))
        .map(String::strip).toList());
    assertThat(lesson).isEqualTo(LESSON);
    assertThat(text).endsWith("\n").doesNotContain("\u001b[");
  }

  @Test
  void findingsKeepTheirOrderAndColumns() {
    List<Finding> findings = List.of(
        Findings.count("b", "Borrows", 1204, ""),
        Findings.count("t", "Timeouts", 0, "none"));

    List<String> lines = SummaryView.render(recording(findings, "ok"), Ansi.of(false)).lines()
        .toList();

    int borrows = indexOf(lines, "Borrows");
    int timeouts = indexOf(lines, "Timeouts");
    assertThat(borrows).isLessThan(timeouts);
    // values are right-aligned in one column
    assertThat(lines.get(borrows).indexOf("1,204") + "1,204".length())
        .isEqualTo(lines.get(timeouts).indexOf("0   none") + 1);
  }

  @Test
  void colouredSummaryPaintsButKeepsTheText() {
    List<Finding> findings = List.of(Findings.count("t", "Timeouts", 2, "note"));

    String text = SummaryView.render(recording(findings, "short lesson"), Ansi.of(true));

    assertThat(text).contains("\u001b[").contains("Timeouts").contains("short lesson");
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 20, 37, 90})
  void wrapKeepsLinesWithinTheWidthAndEveryWordInOrder(int width) {
    List<String> lines = SummaryView.wrap(LESSON, width);

    // only a single word longer than the width may make a longer line
    assertThat(lines).allSatisfy(l -> assertThat(l.length() <= width || !l.contains(" "))
        .as("'%s' fits in %d or is one word", l, width).isTrue());
    assertThat(String.join(" ", lines)).isEqualTo(LESSON);
  }

  @Test
  void wrapFillsEachLineAsFarAsTheNextWordAllows() {
    List<String> lines = SummaryView.wrap("aa bb cc dd ee", 5);

    assertThat(lines).containsExactly("aa bb", "cc dd", "ee");
  }

  @Test
  void wrapPutsAWordLongerThanTheWidthOnItsOwnLine() {
    String longWord = "x".repeat(30);

    List<String> lines = SummaryView.wrap("a " + longWord + " b c", 10);

    assertThat(lines).containsExactly("a", longWord, "b c");
  }

  @Test
  void wrapFoldsRunsOfWhitespace() {
    List<String> lines = SummaryView.wrap("  one  two\n three\tfour \n", 100);

    assertThat(lines).containsExactly("one two three four");
  }

  @Test
  void wrapOfEmptyTextHasNoLines() {
    assertThat(SummaryView.wrap("", 20)).isEmpty();
  }

  @Test
  void wrapOfAWholeParagraphLosesNoWord() {
    String text = String.join(" ", Collections.nCopies(50, "word"));

    List<String> lines = SummaryView.wrap(text, 23);

    assertThat(lines.stream().flatMap(l -> Arrays.stream(l.split(" "))).count()).isEqualTo(50);
    assertThat(lines).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(23));
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no line contains " + text + ": " + lines);
  }
}
