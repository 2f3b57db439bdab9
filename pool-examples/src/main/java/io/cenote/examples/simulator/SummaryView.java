package io.cenote.examples.simulator;

import io.cenote.examples.console.Ansi;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a run's summary table and its lesson for the console. */
final class SummaryView {

  private static final int LABEL_WIDTH = 40;
  private static final int VALUE_WIDTH = 12;
  private static final int TEXT_WIDTH = 92;
  private static final String RULE = "  " + "-".repeat(TEXT_WIDTH);

  private SummaryView() {}

  /**
   * Renders the summary.
   *
   * @param r the recording
   * @param ansi the colours
   * @return the text, lines separated by {@code \n}
   */
  static String render(Recording r, Ansi ansi) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("  " + ansi.paint(Ansi.Style.BOLD, String.format(Locale.ROOT,
        "Summary of '%s' after %.1f s", r.scenario(), r.seconds())));
    lines.add(RULE);
    for (Finding f : r.findings()) {
      String line = "  " + Ansi.padRight(f.label(), LABEL_WIDTH)
          + Ansi.padLeft(f.text(), VALUE_WIDTH);
      lines.add(f.note().isEmpty() ? line : line + "   " + ansi.paint(Ansi.Style.DIM, f.note()));
    }
    lines.add(RULE);
    for (String l : wrap(r.lesson(), TEXT_WIDTH - 2)) {
      lines.add("  " + ansi.paint(Ansi.Style.CYAN, l));
    }
    return String.join("\n", lines) + "\n";
  }

  /**
   * Breaks text into lines of at most a width, at spaces.
   *
   * @param text the text
   * @param width the widest line
   * @return the lines
   */
  static List<String> wrap(String text, int width) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        out.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    if (line.length() > 0) {
      out.add(line.toString());
    }
    return out;
  }
}
