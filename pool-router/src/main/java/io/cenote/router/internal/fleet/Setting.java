package io.cenote.router.internal.fleet;

import java.util.Locale;

/**
 * One value of the merged configuration and where it came from, so that a value a builder
 * rejects can be traced to the key or variable that gave it.
 *
 * @param name the setting's name at its position: a pool, cluster, resilience or breaker key
 * @param value the value, placeholders resolved once {@link Placeholders} ran
 * @param origin where it came from, for messages: a key, {@code environment variable X (key)},
 *     a preset or the profile
 */
record Setting(String name, String value, String origin) {

  /** Any setting whose name contains this is a secret: never shown, logged or put in a message. */
  private static final String SECRET_MARKER = "password";

  /** @return whether the value is a secret */
  boolean secret() {
    return name.toLowerCase(Locale.ROOT).contains(SECRET_MARKER);
  }

  /** @return this setting with another value from the same origin */
  Setting withValue(String newValue) {
    return new Setting(name, newValue, origin);
  }

  /** Shows the origin and the value, or {@code ****} for a secret. */
  @Override
  public String toString() {
    return name + "=" + (secret() ? SecretMask.MASK : value) + " (" + origin + ")";
  }
}
