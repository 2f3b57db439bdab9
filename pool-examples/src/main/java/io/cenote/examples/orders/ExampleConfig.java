package io.cenote.examples.orders;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One run's configuration: the database type's fleet file (with {@code ${...}} placeholders,
 * no secrets) and the environment that fills the placeholders, checked before anything starts.
 *
 * @param kind the database type
 * @param fleet the fleet file's properties
 * @param environment the variables for placeholders and {@code CENOTE_*} overrides
 */
record ExampleConfig(DatabaseKind kind, Properties fleet, Map<String, String> environment) {

  /** The variable the SQLite fleet file reads the database file's path from. */
  static final String SQLITE_FILE = "ORDERS_SQLITE_FILE";

  /**
   * Reads the fleet file and checks the environment.
   *
   * @param kind the database type
   * @param environment the process environment
   * @param extra variables the example adds (the SQLite file), taking precedence
   * @return the configuration
   * @throws NotConfiguredException when a variable the database needs is not set
   */
  static ExampleConfig load(DatabaseKind kind, Map<String, String> environment,
      Map<String, String> extra) throws NotConfiguredException {
    List<String> missing = new ArrayList<>();
    for (String variable : kind.variables()) {
      String value = environment.get(variable);
      if (value == null || value.isBlank()) {
        missing.add(variable);
      }
    }
    if (!missing.isEmpty()) {
      throw new NotConfiguredException(kind.id() + ": " + String.join(", ", missing)
          + (missing.size() == 1 ? " is" : " are") + " not set: " + kind.setupHint());
    }
    Map<String, String> merged = new HashMap<>(environment);
    merged.putAll(extra);
    return new ExampleConfig(kind, read(kind.fleetResource()), Map.copyOf(merged));
  }

  private static Properties read(String resource) {
    Properties p = new Properties();
    try (InputStream in = ExampleConfig.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return p;
  }
}
