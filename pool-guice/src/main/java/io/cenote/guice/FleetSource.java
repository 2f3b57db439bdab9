package io.cenote.guice;

import io.cenote.router.FleetConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where a {@link CenoteModule} takes its fleet from: a properties file, properties, or a
 * configuration built beforehand. Loading parses and validates and opens nothing; the
 * environment is the one given to the builder, else the process's, read when loading.
 */
final class FleetSource {

  private final String description;
  private final Function<Map<String, String>, FleetConfig> loader;
  private final Map<String, String> environment;

  private FleetSource(String description, Function<Map<String, String>, FleetConfig> loader,
      Map<String, String> environment) {
    this.description = description;
    this.loader = loader;
    this.environment = environment;
  }

  static FleetSource file(Path file, Map<String, String> environment) {
    Objects.requireNonNull(file, "file");
    return new FleetSource("file " + file, env -> FleetConfig.load(file, env), environment);
  }

  static FleetSource properties(Properties properties, Map<String, String> environment) {
    Objects.requireNonNull(properties, "properties");
    return new FleetSource("properties", env -> FleetConfig.fromProperties(properties, env),
        environment);
  }

  static FleetSource config(FleetConfig config) {
    Objects.requireNonNull(config, "config");
    return new FleetSource("configuration", env -> config, null);
  }

  /**
   * @return the fleet
   * @throws IllegalArgumentException naming the key at fault
   * @throws java.io.UncheckedIOException naming the file when it cannot be read
   */
  FleetConfig load() {
    return loader.apply(environment != null ? environment : System.getenv());
  }

  /** @return where the fleet comes from, for error messages */
  String description() {
    return description;
  }
}
