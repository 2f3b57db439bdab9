package io.cenote.router.internal.fleet;

import java.util.Locale;
import java.util.Map;

/**
 * The profiles of seed 004: a documented set of pool defaults per kind of environment, under
 * every preset and explicit key. {@code prod} is the built-in defaults.
 */
enum Profile {

  /** Small pools that fail and report leaks fast on a developer's machine. */
  DEV(Map.of("maxSize", "5", "minIdle", "1", "acquireTimeout", "10s",
      "leakDetectionThreshold", "10s")),

  /** Tiny pools for test suites, no JMX registration to clash between test pools. */
  TEST(Map.of("maxSize", "2", "minIdle", "0", "acquireTimeout", "5s", "registerMbean", "false")),

  /** Production sizes with leak reports after 30 s, to catch leaks before production does. */
  STAGING(Map.of("leakDetectionThreshold", "30s")),

  /** The built-in defaults. */
  PROD(Map.of());

  private final Map<String, String> settings;

  Profile(Map<String, String> settings) {
    this.settings = settings;
  }

  /** @return the pool keys this profile sets, as text */
  Map<String, String> settings() {
    return settings;
  }

  /** @return the name used in files, e.g. {@code prod} */
  String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a profile.
   *
   * @param setting the {@code cenote.profile} setting
   * @return the profile
   * @throws IllegalArgumentException naming the setting's origin and value
   */
  static Profile parse(Setting setting) {
    for (Profile profile : values()) {
      if (profile.name().equalsIgnoreCase(setting.value().trim())) {
        return profile;
      }
    }
    throw new IllegalArgumentException(setting.origin() + ": profile must be dev, test,"
        + " staging or prod, but was '" + setting.value() + "'");
  }
}
