package io.cenote.router.internal.fleet;

/**
 * The environment variable of a fleet key: {@code CENOTE_} and the key after {@code cenote.},
 * each segment from camelCase to UPPER_SNAKE, joined by {@code _}; {@code -} in a name
 * becomes {@code _} too, since shells do not allow it in variable names.
 * {@code cenote.clusters.orders.primary.jdbcUrl} is
 * {@code CENOTE_CLUSTERS_ORDERS_PRIMARY_JDBC_URL}.
 */
final class EnvironmentNames {

  /** Every variable of a fleet starts with this. */
  static final String PREFIX = "CENOTE_";

  private EnvironmentNames() {}

  /**
   * Returns the variable of a key.
   *
   * @param key a key starting with {@code cenote.}
   * @return its variable
   */
  static String of(String key) {
    return PREFIX + part(key.substring(KeyGrammar.ROOT.length()));
  }

  /**
   * Converts part of a key, such as one name, the way {@link #of(String)} converts a key.
   *
   * @param text dotted camelCase text, e.g. {@code orders-eu} or {@code primary.maxSize}
   * @return upper snake case, e.g. {@code ORDERS_EU} or {@code PRIMARY_MAX_SIZE}
   */
  static String part(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // a word starts at an upper-case letter after a lower-case one or a digit: maxSize,
      // healthMaxP99Wait; a run of capitals (a driver's CONNECT_TIMEOUT) stays one word
      if (Character.isUpperCase(c) && i > 0 && (Character.isLowerCase(text.charAt(i - 1))
          || Character.isDigit(text.charAt(i - 1)))) {
        sb.append('_');
      }
      sb.append(c == '.' || c == '-' ? '_' : Character.toUpperCase(c));
    }
    return sb.toString();
  }
}
