package io.cenote.examples.console;

import java.util.regex.Pattern;

/**
 * ANSI colours for the console. A disabled instance returns text unchanged, so callers colour
 * unconditionally and the choice (flag, {@code NO_COLOR}, terminal or not) is made once.
 */
public final class Ansi {

  /** The styles the demo uses. */
  public enum Style {
    BOLD("1"),
    DIM("2"),
    RED("31"),
    GREEN("32"),
    YELLOW("33"),
    BLUE("34"),
    MAGENTA("35"),
    CYAN("36"),
    BOLD_RED("1;31");

    private final String code;

    Style(String code) {
      this.code = code;
    }
  }

  private static final Pattern ESCAPE = Pattern.compile("\u001b\\[[0-9;]*m");

  private final boolean enabled;

  private Ansi(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Returns a painter.
   *
   * @param enabled whether to emit escape codes
   * @return the painter
   */
  public static Ansi of(boolean enabled) {
    return new Ansi(enabled);
  }

  /** @return whether escape codes are emitted */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Measures text as the terminal shows it, without escape codes.
   *
   * @param text text that may contain escape codes
   * @return the number of visible characters
   */
  public static int visibleLength(String text) {
    return ESCAPE.matcher(text).replaceAll("").length();
  }

  /**
   * Pads text on the left to a visible width, for right-aligned columns.
   *
   * @param text text that may contain escape codes
   * @param width the column width
   * @return the padded text
   */
  public static String padLeft(String text, int width) {
    return " ".repeat(Math.max(0, width - visibleLength(text))) + text;
  }

  /**
   * Pads text on the right to a visible width, for left-aligned columns.
   *
   * @param text text that may contain escape codes
   * @param width the column width
   * @return the padded text
   */
  public static String padRight(String text, int width) {
    return text + " ".repeat(Math.max(0, width - visibleLength(text)));
  }

  /**
   * Paints text in a style.
   *
   * @param style the style
   * @param text the text
   * @return the text wrapped in escape codes, or unchanged when disabled
   */
  public String paint(Style style, String text) {
    return enabled ? "\u001b[" + style.code + "m" + text + "\u001b[0m" : text;
  }
}
