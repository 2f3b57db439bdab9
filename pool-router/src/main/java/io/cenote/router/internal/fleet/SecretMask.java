package io.cenote.router.internal.fleet;

import io.cenote.pool.PoolConfig;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Blanks the secrets of one fleet out of a message: every password value (and every
 * environment value a password placeholder used) is replaced by {@code ****} wherever it
 * appears, and credentials inside JDBC URLs are masked. Applied to every message the loader
 * produces, because a builder names the bad value it rejects and a value may hold a secret by
 * mistake ({@code maxSize=${DB_PASSWORD}}).
 */
final class SecretMask {

  /** What a secret is shown as. */
  static final String MASK = "****";

  // longest first, so a secret that contains another is replaced whole
  private final Set<String> secrets = new TreeSet<>(
      Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

  /**
   * Records a secret.
   *
   * @param secret the text to hide; empty text is ignored
   */
  void add(String secret) {
    if (secret != null && !secret.isEmpty()) {
      secrets.add(secret);
    }
  }

  /**
   * Masks a message.
   *
   * @param message any text, may be null
   * @return the text with every secret and URL credential replaced by {@code ****}
   */
  String mask(String message) {
    if (message == null) {
      return null;
    }
    String masked = message;
    for (String secret : secrets) {
      masked = masked.replace(secret, MASK);
    }
    return PoolConfig.maskCredentials(masked);
  }
}
