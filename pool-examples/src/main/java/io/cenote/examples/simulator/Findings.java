package io.cenote.examples.simulator;

import io.cenote.examples.console.Format;
import java.time.Duration;

/** Builds summary rows for counts, durations and ratios, with their display text. */
final class Findings {

  private Findings() {}

  /**
   * @param key the stable key
   * @param label what is counted
   * @param n the count
   * @param note an explanation, may be empty
   * @return the row
   */
  static Finding count(String key, String label, long n, String note) {
    return new Finding(key, label, n, Format.count(n), note);
  }

  /**
   * @param key the stable key
   * @param label what was timed
   * @param d the duration; the row's value is in milliseconds
   * @param note an explanation, may be empty
   * @return the row
   */
  static Finding millis(String key, String label, Duration d, String note) {
    return new Finding(key, label, d.toNanos() / 1e6, Format.duration(d), note);
  }

  /**
   * @param key the stable key
   * @param label what the share is of
   * @param ratio 0.0 to 1.0
   * @param note an explanation, may be empty
   * @return the row
   */
  static Finding ratio(String key, String label, double ratio, String note) {
    return new Finding(key, label, ratio, Format.percent(ratio), note);
  }

  /**
   * @param key the stable key
   * @param label what the text says
   * @param text the text
   * @return a row whose value is 1 when the text is not empty, else 0
   */
  static Finding text(String key, String label, String text) {
    return new Finding(key, label, text.isEmpty() ? 0 : 1, text.isEmpty() ? "-" : text, "");
  }
}
