package io.cenote.pool.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses configuration values given as text (properties files, environment variables). */
public final class ConfigText {

  private static final Pattern SHORT_DURATION =
      Pattern.compile("(-?\\d+)\\s*(ns|us|ms|s|m|h|d)?");

  private ConfigText() {}

  /**
   * Parses a duration written as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d},
   * a plain number of milliseconds, or ISO-8601 ({@code PT30S}).
   *
   * @param property the property name, for the error message
   * @param text the text to parse
   * @return the duration
   * @throws IllegalArgumentException naming the property and the bad value
   */
  public static Duration duration(String property, String text) {
    String trimmed = text.trim();
    Matcher m = SHORT_DURATION.matcher(trimmed.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      try {
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        switch (unit) {
          case "ns": return Duration.ofNanos(amount);
          case "us": return Duration.ofNanos(Math.multiplyExact(amount, 1000L));
          case "ms": return Duration.ofMillis(amount);
          case "s": return Duration.ofSeconds(amount);
          case "m": return Duration.ofMinutes(amount);
          case "h": return Duration.ofHours(amount);
          default: return Duration.ofDays(amount);
        }
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException(property + " must be a duration within range,"
            + " but was '" + text + "'", e);
      }
    }
    try {
      return Duration.parse(trimmed);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(property + " must be a duration such as 500ms, 30s, 10m"
          + " or PT30S, but was '" + text + "'", e);
    }
  }

  /**
   * Parses an integer.
   *
   * @param property the property name, for the error message
   * @param text the text to parse
   * @return the value
   * @throws IllegalArgumentException naming the property and the bad value
   */
  public static int integer(String property, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(property + " must be an integer, but was '" + text + "'",
          e);
    }
  }

  /**
   * Parses a whole number in the range of a {@code long}.
   *
   * @param property the property name, for the error message
   * @param text the text to parse
   * @return the value
   * @throws IllegalArgumentException naming the property and the bad value
   */
  public static long longValue(String property, String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(property + " must be an integer, but was '" + text + "'",
          e);
    }
  }

  /**
   * Parses a decimal number such as {@code 0.9}.
   *
   * @param property the property name, for the error message
   * @param text the text to parse
   * @return the value
   * @throws IllegalArgumentException naming the property and the bad value
   */
  public static double decimal(String property, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(property + " must be a number, but was '" + text + "'",
          e);
    }
  }

  /**
   * Parses {@code true} or {@code false} (any case); anything else is an error rather than false.
   *
   * @param property the property name, for the error message
   * @param text the text to parse
   * @return the value
   * @throws IllegalArgumentException naming the property and the bad value
   */
  public static boolean bool(String property, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true")) {
      return true;
    }
    if (t.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException(property + " must be true or false, but was '" + text + "'");
  }

  /**
   * Converts a camelCase property name to its environment variable, e.g. {@code maxSize} to
   * {@code CENOTE_MAX_SIZE}.
   *
   * @param property the property name
   * @return the environment variable name
   */
  public static String environmentName(String property) {
    StringBuilder sb = new StringBuilder("CENOTE_");
    for (int i = 0; i < property.length(); i++) {
      char c = property.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        sb.append('_');
      }
      sb.append(Character.toUpperCase(c));
    }
    return sb.toString();
  }
}
