package io.cenote.router.internal.fleet;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a fleet from a file's properties and the environment into merged text, in the
 * documented order: the file's {@code cenote.*} keys are checked against the grammar; the
 * environment's {@code CENOTE_*} variables override and add keys; {@code ${VAR}} placeholders
 * are resolved; the layers (profile, presets, defaults, cluster, host) are merged per pool.
 * Opens nothing and parses no value a builder will parse.
 */
final class FleetReader {

  private final KeyCatalog catalog;
  private final KeyGrammar grammar;

  FleetReader(KeyCatalog catalog) {
    this.catalog = catalog;
    this.grammar = new KeyGrammar(catalog);
  }

  /**
   * Reads a fleet.
   *
   * @param properties the file's properties; keys not starting with {@code cenote.} are ignored
   * @param environment the environment variables
   * @return the merged fleet
   * @throws IllegalArgumentException naming the key (and variable) at fault, with secrets
   *     masked
   */
  FleetModel read(Map<String, String> properties, Map<String, String> environment) {
    SortedMap<String, String> file = new TreeMap<>();
    properties.forEach((key, value) -> {
      if (key.startsWith(KeyGrammar.ROOT)) {
        file.put(key, value);
      }
    });
    FleetNames names = FleetNames.collect(file.keySet());
    for (String key : file.keySet()) {
      String setting = grammar.parse(key, names).setting();
      if (setting.startsWith(KeyCatalog.DRIVER_PREFIX)) {
        names.addDriver(setting.substring(KeyCatalog.DRIVER_PREFIX.length()));
      }
    }
    EnvironmentOverlay overlay = new EnvironmentOverlay(grammar, environment, names);
    SortedMap<String, Setting> merged = overlay.apply(file);
    SecretMask secrets = new SecretMask();
    SortedMap<String, Setting> resolved = resolve(merged, environment, secrets);
    try {
      return new FleetLayering(grammar, catalog).layer(resolved, overlay.names(), secrets);
    } catch (IllegalArgumentException e) {
      // no cause: the cause's message is this one unmasked
      throw new IllegalArgumentException(secrets.mask(e.getMessage()));
    }
  }

  /** Resolves placeholders, secrets first so that every later message can be masked. */
  private static SortedMap<String, Setting> resolve(SortedMap<String, Setting> merged,
      Map<String, String> environment, SecretMask secrets) {
    Placeholders placeholders = new Placeholders(environment, secrets);
    SortedMap<String, Setting> resolved = new TreeMap<>();
    for (boolean secretsNow : new boolean[] {true, false}) {
      for (Map.Entry<String, Setting> e : merged.entrySet()) {
        if (e.getValue().secret() != secretsNow) {
          continue;
        }
        Setting r;
        try {
          r = placeholders.resolve(e.getValue());
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException(secrets.mask(ex.getMessage()));
        }
        if (r.secret()) {
          secrets.add(r.value());
        }
        resolved.put(e.getKey(), r);
      }
    }
    return resolved;
  }
}
