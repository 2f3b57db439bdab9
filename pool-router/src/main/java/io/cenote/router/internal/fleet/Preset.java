package io.cenote.router.internal.fleet;

import java.util.Locale;
import java.util.Map;

/**
 * The pool presets of seed 001: pool size, overflow, acquire timeout and maximum lifetime for
 * a cautious, a middle and a busy service. A preset is a starting point under every explicit
 * key: {@code preset=aggressive} with {@code maxSize=15} gives 15.
 */
enum Preset {

  /** Few connections that live long: 5 + 5 overflow, 30 s to acquire, 1 h lifetime. */
  CONSERVATIVE(5, 5, "30s", "3600s"),

  /** The middle: 10 + 20 overflow, 60 s to acquire, 30 min lifetime. */
  MODERATE(10, 20, "60s", "1800s"),

  /** Many connections, recycled often: 20 + 30 overflow, 120 s to acquire, 15 min lifetime. */
  AGGRESSIVE(20, 30, "120s", "900s");

  private final Map<String, String> settings;

  Preset(int maxSize, int maxOverflow, String acquireTimeout, String maxLifetime) {
    this.settings = Map.of("maxSize", Integer.toString(maxSize),
        "maxOverflow", Integer.toString(maxOverflow),
        "acquireTimeout", acquireTimeout, "maxLifetime", maxLifetime);
  }

  /** @return the pool keys this preset sets, as text */
  Map<String, String> settings() {
    return settings;
  }

  /** @return the name used in files, e.g. {@code moderate} */
  String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a preset.
   *
   * @param setting the {@code preset} setting
   * @return the preset
   * @throws IllegalArgumentException naming the setting's origin and value
   */
  static Preset parse(Setting setting) {
    for (Preset preset : values()) {
      if (preset.name().equalsIgnoreCase(setting.value().trim())) {
        return preset;
      }
    }
    throw new IllegalArgumentException(setting.origin() + ": preset must be conservative,"
        + " moderate or aggressive, but was '" + setting.value() + "'");
  }
}
