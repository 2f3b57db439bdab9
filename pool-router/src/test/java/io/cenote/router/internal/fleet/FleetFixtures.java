package io.cenote.router.internal.fleet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the engine's tests. */
final class FleetFixtures {

  /** The real catalog: pool and resilience keys from their config classes. */
  static final KeyCatalog CATALOG = FleetAssembler.CATALOG;

  private FleetFixtures() {}

  /** @return key-value pairs as an ordered map */
  static Map<String, String> map(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** @return the fleet the properties and environment give */
  static FleetModel read(Map<String, String> properties, Map<String, String> environment) {
    return new FleetReader(CATALOG).read(properties, environment);
  }

  /** @return the fleet the properties give, with an empty environment */
  static FleetModel read(Map<String, String> properties) {
    return read(properties, Map.of());
  }

  /** @return settings as name=value, in order */
  static Map<String, String> values(List<Setting> settings) {
    Map<String, String> m = new LinkedHashMap<>();
    settings.forEach(s -> m.put(s.name(), s.value()));
    return m;
  }

  /** @return the setting of that name */
  static Setting setting(List<Setting> settings, String name) {
    return settings.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
