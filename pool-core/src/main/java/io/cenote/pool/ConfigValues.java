package io.cenote.pool;

import io.cenote.pool.internal.ConfigText;
import java.time.Duration;
import java.util.Objects;

/**
 * The parsers behind {@link PoolConfig#fromProperties(java.util.Properties)}, for the modules and
 * applications that read settings of their own from the same files: a router's fleet
 * configuration, a retry policy. Using them, {@code 500ms}, {@code 30s} and {@code PT30S} mean
 * the same wherever Cenote reads them, and a bad value fails with the same message, naming the
 * property and the text, such as {@code acquireTimeout must be a duration such as 500ms, 30s,
 * 10m or PT30S, but was 'soon'}.
 *
 * <p>Every method trims the text first and throws {@link IllegalArgumentException} rather than
 * guess: {@code "yes"} is not a boolean and {@code "1.5"} is not an integer.
 */
public final class ConfigValues {

  private ConfigValues() {}

  /**
   * Parses a duration: a whole number with a unit {@code ns}, {@code us}, {@code ms}, {@code s},
   * {@code m}, {@code h} or {@code d} ({@code 500ms}, {@code 30s}, {@code 10m}), a plain number
   * of milliseconds ({@code 250}), or ISO-8601 ({@code PT30S}, {@code PT0.5S}). Negative values
   * are parsed; whether they are allowed is the caller's rule.
   *
   * @param property the setting's name, for the error message
   * @param text the text to parse
   * @return the duration
   * @throws IllegalArgumentException naming the property and the text
   */
  public static Duration duration(String property, String text) {
    return ConfigText.duration(property, checked(property, text));
  }

  /**
   * Parses an {@code int}.
   *
   * @param property the setting's name, for the error message
   * @param text the text to parse, e.g. {@code 20}
   * @return the value
   * @throws IllegalArgumentException naming the property and the text, also when out of range
   */
  public static int integer(String property, String text) {
    return ConfigText.integer(property, checked(property, text));
  }

  /**
   * Parses a {@code long}.
   *
   * @param property the setting's name, for the error message
   * @param text the text to parse, e.g. {@code 5000000000}
   * @return the value
   * @throws IllegalArgumentException naming the property and the text, also when out of range
   */
  public static long longValue(String property, String text) {
    return ConfigText.longValue(property, checked(property, text));
  }

  /**
   * Parses a decimal number.
   *
   * @param property the setting's name, for the error message
   * @param text the text to parse, e.g. {@code 0.9}
   * @return the value
   * @throws IllegalArgumentException naming the property and the text
   */
  public static double decimal(String property, String text) {
    return ConfigText.decimal(property, checked(property, text));
  }

  /**
   * Parses {@code true} or {@code false}, in any case; anything else is an error, not false.
   *
   * @param property the setting's name, for the error message
   * @param text the text to parse
   * @return the value
   * @throws IllegalArgumentException naming the property and the text
   */
  public static boolean bool(String property, String text) {
    return ConfigText.bool(property, checked(property, text));
  }

  private static String checked(String property, String text) {
    Objects.requireNonNull(property, "property");
    return Objects.requireNonNull(text, property);
  }
}
