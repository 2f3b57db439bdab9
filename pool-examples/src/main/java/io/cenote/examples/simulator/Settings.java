package io.cenote.examples.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the user's settings from options and seed 001's environment variables, an option
 * winning over its variable. Every bad value is an {@link IllegalArgumentException} that names
 * the option or variable it came from.
 */
final class Settings {

  /** The most client threads a run may start. */
  static final int MAX_CLIENTS = 500;
  /** The longest run of one scenario: one hour. */
  static final int MAX_SECONDS = 3600;
  /** The shortest run of one scenario. */
  static final int MIN_SECONDS = 2;

  private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn",
      "error", "off");

  private final Map<String, String> environment;

  /**
   * Creates the reader.
   *
   * @param environment the process environment
   */
  Settings(Map<String, String> environment) {
    this.environment = environment;
  }

  /**
   * Reads the overrides.
   *
   * @param clients {@code --clients}, or null
   * @param seconds {@code --seconds}, or null
   * @param poolSize {@code --pool-size}, or null
   * @param maxOverflow {@code --max-overflow}, or null
   * @param timeout {@code --timeout} in seconds, or null
   * @param recycle {@code --recycle} in seconds, or null
   * @param prePing {@code --[no-]pre-ping}, or null
   * @return what the user set
   */
  Overrides overrides(String clients, String seconds, String poolSize, String maxOverflow,
      String timeout, String recycle, Boolean prePing) {
    notBlank("--clients", clients);
    notBlank("--seconds", seconds);
    notBlank("--pool-size", poolSize);
    notBlank("--max-overflow", maxOverflow);
    notBlank("--timeout", timeout);
    notBlank("--recycle", recycle);
    return new Overrides(
        whole("--clients", clients, 1, MAX_CLIENTS),
        whole("--seconds", seconds, MIN_SECONDS, MAX_SECONDS),
        whole(pick("--pool-size", poolSize, "POOL_SIZE"), value(poolSize, "POOL_SIZE"), 1, 1000),
        whole(pick("--max-overflow", maxOverflow, "MAX_OVERFLOW"),
            value(maxOverflow, "MAX_OVERFLOW"), 0, 1000),
        timeout(pick("--timeout", timeout, "POOL_TIMEOUT"), value(timeout, "POOL_TIMEOUT")),
        recycle(pick("--recycle", recycle, "POOL_RECYCLE"), value(recycle, "POOL_RECYCLE")),
        prePing != null ? prePing : bool("POOL_PRE_PING", environment.get("POOL_PRE_PING")));
  }

  /**
   * Reads a true/false variable such as {@code ECHO_POOL}.
   *
   * @param variable its name
   * @return its value, false when unset
   */
  boolean flag(String variable) {
    Boolean b = bool(variable, environment.get(variable));
    return b != null && b;
  }

  /**
   * Applies {@code LOG_LEVEL} to the console logger; must run before the first logger is made.
   */
  void applyLogLevel() {
    String level = environment.get("LOG_LEVEL");
    if (level == null || level.isBlank()) {
      return;
    }
    String lower = level.strip().toLowerCase(Locale.ROOT);
    if (lower.equals("warning")) {
      lower = "warn";
    }
    if (!LOG_LEVELS.contains(lower)) {
      throw new IllegalArgumentException("LOG_LEVEL must be one of trace, debug, info, warn,"
          + " error or off, but was '" + level + "'");
    }
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", lower);
  }

  /** An option given with an empty value is a mistake; an empty variable counts as unset. */
  private static void notBlank(String option, String value) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
  }

  private String pick(String option, String optionValue, String variable) {
    return optionValue != null ? option : variable;
  }

  private String value(String optionValue, String variable) {
    return optionValue != null ? optionValue : environment.get(variable);
  }

  private static Integer whole(String name, String text, int min, int max) {
    if (text == null || text.isBlank()) {
      return null;
    }
    int n;
    try {
      n = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, but was '" + text
          + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", but was "
          + n);
    }
    return n;
  }

  private static Duration timeout(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Duration d = seconds(name, text);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0 seconds, but was " + text.strip());
    }
    return d;
  }

  private static Duration recycle(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Duration d = seconds(name, text);
    // SQLAlchemy's pool_recycle = -1 means never
    if (d.isNegative() && d.equals(Duration.ofSeconds(-1)) || d.isZero()) {
      return Duration.ZERO;
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(name + " must be -1 or 0 (off) or at least 1 second,"
          + " but was " + text.strip());
    }
    return d;
  }

  private static Duration seconds(String name, String text) {
    try {
      BigDecimal s = new BigDecimal(text.strip());
      return Duration.ofNanos(s.movePointRight(9).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(name + " must be a number of seconds such as 30 or"
          + " 2.5, but was '" + text + "'");
    }
  }

  private static Boolean bool(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, but was '"
          + text + "'");
    };
  }
}
