package io.cenote.examples.simulator;

import java.util.Objects;

/**
 * One row of a scenario's summary table: a measured figure with a stable key, for tests and
 * the report, and the text a person reads.
 *
 * @param key a stable identifier, such as {@code timeouts} or {@code leaksReclaimed}
 * @param label what the figure is, in words
 * @param value the figure as a number (counts, milliseconds or a ratio, as the label says)
 * @param text the figure as shown, such as {@code 1,204} or {@code 12 ms}
 * @param note an explanation shown after the figure; may be empty
 */
public record Finding(String key, String label, double value, String text, String note) {

  /** Validates the fields. */
  public Finding {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(note, "note");
  }
}
