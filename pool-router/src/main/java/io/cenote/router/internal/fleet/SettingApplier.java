package io.cenote.router.internal.fleet;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Hands merged settings to a builder's text setter and blames the key or variable of any value
 * the builder rejects. Messages are masked and carry no cause: a builder's exception, and the
 * parse error under it, may quote the rejected value unmasked.
 */
final class SettingApplier {

  private SettingApplier() {}

  /**
   * Sets each setting through {@code setter}.
   *
   * @param settings the settings, by their names at their position
   * @param setter the builder's {@code set(name, value)}
   * @param secrets the fleet's secrets
   * @throws IllegalArgumentException {@code <origin>: <the builder's message>}, masked
   */
  static void apply(List<Setting> settings, BiConsumer<String, String> setter,
      SecretMask secrets) {
    for (Setting s : settings) {
      try {
        setter.accept(s.name(), s.value());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(secrets.mask(s.origin() + ": " + e.getMessage()));
      }
    }
  }

  /**
   * Builds, blaming {@code subject} for a rule that spans settings.
   *
   * @param subject what is built, e.g.
   *     {@code pool 'orders-primary' (cenote.clusters.orders.primary)}
   * @param build the builder's {@code build()}
   * @param secrets the fleet's secrets
   * @param <T> what is built
   * @return what was built
   * @throws IllegalArgumentException {@code <subject>: <the builder's message>}, masked
   */
  static <T> T build(String subject, Supplier<T> build, SecretMask secrets) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(secrets.mask(subject + ": " + e.getMessage()));
    }
  }
}
