package io.cenote.examples.console;

import java.time.Duration;
import java.util.Locale;

/** Short, human-friendly text for durations, counts and ratios. */
public final class Format {

  private Format() {}

  /**
   * Formats a duration with a precision that suits its size: {@code 0 ms}, {@code 0.4 ms},
   * {@code 3.2 ms}, {@code 412 ms}, {@code 1.25 s}.
   *
   * @param d the duration
   * @return the text
   */
  public static String duration(Duration d) {
    return nanos(d.toNanos());
  }

  /**
   * Formats nanoseconds like {@link #duration(Duration)}.
   *
   * @param nanos the duration in nanoseconds
   * @return the text
   */
  public static String nanos(long nanos) {
    double millis = nanos / 1e6;
    if (nanos == 0) {
      return "0 ms";
    }
    if (millis < 10) {
      return String.format(Locale.ROOT, "%.1f ms", millis);
    }
    if (millis < 1000) {
      return String.format(Locale.ROOT, "%.0f ms", millis);
    }
    return String.format(Locale.ROOT, "%.2f s", millis / 1000);
  }

  /**
   * Formats a count with thousands separators.
   *
   * @param n the count
   * @return e.g. {@code 12,345}
   */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * Formats a ratio as a percentage.
   *
   * @param ratio 0.0 to 1.0
   * @return e.g. {@code 87.3%}
   */
  public static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }
}
