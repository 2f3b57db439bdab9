package io.cenote.router;

import io.cenote.pool.PoolConfig;
import io.cenote.router.internal.fleet.FleetAssembler;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.SortedMap;

/**
 * The immutable, validated configuration of a whole fleet, read from one properties file plus
 * the environment: clusters ({@link ClusterConfig}, each with its hosts and an optional
 * resilience section) and standalone pools ({@link PoolConfig}). Loading opens nothing: no
 * connection, no thread, no driver lookup; one explicit call starts what it describes.
 *
 * <pre>{@code
 * FleetConfig fleet = FleetConfig.load(Path.of("/etc/shop/fleet.properties"));
 * try (PoolManager manager = PoolManager.start(fleet)) { // closes what it started on failure
 *   manager.cluster("orders").read(c -> countOpenOrders(c));
 * }
 * }</pre>
 *
 * with a file such as
 *
 * <pre>{@code
 * cenote.profile=prod
 * cenote.defaults.maxSize=10
 * cenote.clusters.orders.primary.jdbcUrl=jdbc:postgresql://db1:5432/orders
 * cenote.clusters.orders.replicas.r1.jdbcUrl=jdbc:postgresql://db2:5432/orders
 * cenote.clusters.orders.username=app
 * cenote.clusters.orders.password=${ORDERS_DB_PASSWORD}
 * cenote.clusters.orders.strategy=least-loaded
 * cenote.clusters.orders.resilience.breaker.failureRateThreshold=50
 * cenote.pools.cache.jdbcUrl=jdbc:sqlite:cache.db
 * cenote.pools.cache.preset=conservative
 * }</pre>
 *
 * <h2>Keys</h2>
 *
 * Every key the loader reads starts with {@code cenote.}; other keys of the file are left alone.
 * A pool key is any name of {@link PoolConfig#propertyNames()} or {@code driver.<name>}, read as
 * {@link PoolConfig.Builder#set(String, String)} reads it.
 *
 * <ul>
 *   <li>{@code cenote.profile}: {@code dev}, {@code test}, {@code staging} or {@code prod}
 *       (the default), see below.
 *   <li>{@code cenote.defaults.<poolKey>}, {@code cenote.defaults.preset}: inherited by every
 *       pool of the fleet, cluster hosts and standalone pools.
 *   <li>{@code cenote.defaults.resilience.<resilienceKey>}: inherited by every cluster's
 *       resilience section; {@code cenote.defaults.resilience.enabled=true} gives every cluster
 *       one.
 *   <li>{@code cenote.clusters.<cluster>.<clusterKey>}: {@code strategy}
 *       ({@code round-robin}, {@code random}, {@code least-loaded}), {@code maxReplicationLag},
 *       {@code maxReplicationLagBytes}, {@code readYourWritesWindow}, {@code noReplicaPolicy}
 *       ({@code fallback-to-primary}, {@code fail-fast}), {@code healthCheckInterval},
 *       {@code healthCheckTimeout}, {@code failoverChecks}, {@code databaseType}
 *       ({@code postgresql}, {@code mysql}, {@code sqlite}, {@code oracle}) and
 *       {@code preset}. Enum values are read in any case, with {@code -} or {@code _}.
 *   <li>{@code cenote.clusters.<cluster>.<poolKey>}: every host of the cluster.
 *   <li>{@code cenote.clusters.<cluster>.primary.<poolKey>} and
 *       {@code cenote.clusters.<cluster>.replicas.<id>.<poolKey>}, each also with
 *       {@code preset}: one host. A cluster always has a primary; replicas are taken in id
 *       order. Hosts are named {@code <cluster>-primary} and {@code <cluster>-<id>} unless
 *       {@code poolName} is set.
 *   <li>{@code cenote.clusters.<cluster>.resilience.<resilienceKey>} (a name of
 *       {@code ResilienceConfig.propertyNames()}: {@code maxAttempts}, {@code initialDelay},
 *       {@code breaker.failureRateThreshold}, ...), {@code ...resilience.enabled}, and per host
 *       {@code ...resilience.hosts.<hostPoolName>.breaker.<breakerKey>}, which starts from the
 *       cluster's breaker. A cluster has a resilience section when {@code enabled=true}, when
 *       it sets any {@code resilience.*} key, or when the defaults enable it;
 *       {@code enabled=false} switches it off.
 *   <li>{@code cenote.pools.<pool>.<poolKey>} (and {@code preset}): a standalone pool, named
 *       {@code <pool>} unless {@code poolName} is set.
 * </ul>
 *
 * Cluster names, replica ids and pool names are letters, digits, {@code _} and {@code -}.
 * {@code poolName} is only allowed where it names one pool. Any other key under
 * {@code cenote.} is rejected, naming it and the nearest valid key
 * ({@code unknown key 'cenote.clusters.orders.primary.maxSzie'; did you mean
 * 'cenote.clusters.orders.primary.maxSize'?}).
 *
 * <h2>Precedence</h2>
 *
 * For one host, lowest first: the built-in defaults; the profile; the presets of the defaults,
 * the cluster and the host, in that order; {@code cenote.defaults.*}; the cluster's pool keys;
 * the host's keys. For a standalone pool: the built-in defaults; the profile; the defaults'
 * preset, the pool's preset; {@code cenote.defaults.*}; the pool's keys. So any key written
 * down beats any preset, and a preset beats the profile. A resilience setting of the cluster
 * beats the same one of {@code cenote.defaults.resilience}.
 *
 * <h2>Environment</h2>
 *
 * Every key has a variable: {@code CENOTE_} and the key after {@code cenote.}, each segment from
 * camelCase to UPPER_SNAKE, joined by {@code _} ({@code -} becomes {@code _} too):
 * {@code cenote.clusters.orders.primary.jdbcUrl} is
 * {@code CENOTE_CLUSTERS_ORDERS_PRIMARY_JDBC_URL}, {@code cenote.profile} is
 * {@code CENOTE_PROFILE}. A variable replaces the same key of the file, or sets it when the
 * file lacks it; the layers above then apply as to a key of the file. Variables are matched to
 * the keys the file's names allow; a variable may also bring a new cluster, replica or pool
 * whose name is lower-case letters and digits only ({@code CENOTE_CLUSTERS_BILLING_...}), the
 * only names its upper-case form cannot misread. A driver property can be set by a variable
 * when the file names it somewhere. A {@code CENOTE_*} variable that fits no key is ignored and
 * logged at debug on the logger {@code io.cenote.router.fleet}, by name only.
 *
 * <h2>Placeholders</h2>
 *
 * After the environment is laid over the file, any value may use {@code ${VAR}} or
 * {@code ${VAR:-fallback}}, read from the same environment; a variable's value is not resolved
 * again. A variable without fallback that is not set fails the load, naming the key and the
 * variable. So secrets live in the environment, not in the file.
 *
 * <h2>Profiles and presets</h2>
 *
 * <ul>
 *   <li>{@code prod}: the built-in defaults of {@link PoolConfig}.
 *   <li>{@code staging}: prod plus {@code leakDetectionThreshold=30s}.
 *   <li>{@code dev}: {@code maxSize=5}, {@code minIdle=1}, {@code acquireTimeout=10s},
 *       {@code leakDetectionThreshold=10s}.
 *   <li>{@code test}: {@code maxSize=2}, {@code minIdle=0}, {@code acquireTimeout=5s},
 *       {@code registerMbean=false}.
 * </ul>
 *
 * Presets set {@code maxSize}, {@code maxOverflow}, {@code acquireTimeout} and
 * {@code maxLifetime}: {@code conservative} 5, 5, 30 s, 3600 s; {@code moderate} 10, 20, 60 s,
 * 1800 s; {@code aggressive} 20, 30, 120 s, 900 s.
 *
 * <h2>Errors and secrets</h2>
 *
 * Loading fails with an {@link IllegalArgumentException} that names the key (and the variable
 * when the value came from one): {@code cenote.clusters.orders.primary.maxSize: maxSize must be
 * >= 1, but was 0}; a rule across settings names the pool or cluster and where it is
 * configured. Every pool needs a {@code jdbcUrl}. Names must differ across the fleet: clusters,
 * host pools and standalone pools, as one {@link PoolManager} requires. No password (no value
 * of a key whose name contains {@code password}, nor a value a password placeholder read)
 * appears in a message, a log line or {@link #toString()}, and URL credentials are masked.
 *
 * <p>See {@code docs/configuration.md} for the same with examples.
 */
public final class FleetConfig {

  private final String profile;
  private final SortedMap<String, ClusterConfig> clusters;
  private final SortedMap<String, PoolConfig> pools;

  private FleetConfig(FleetAssembler.Fleet fleet) {
    this.profile = fleet.profile();
    this.clusters = fleet.clusters();
    this.pools = fleet.pools();
  }

  /**
   * Loads a fleet from a properties file (read as UTF-8) and the process environment.
   *
   * @param file the properties file
   * @return the fleet
   * @throws UncheckedIOException naming the file when it cannot be read
   * @throws IllegalArgumentException naming the key at fault
   */
  public static FleetConfig load(Path file) {
    return load(file, System.getenv());
  }

  /**
   * Loads a fleet from a properties file (read as UTF-8) and the given environment.
   *
   * @param file the properties file
   * @param environment variable names to values, in place of the process environment
   * @return the fleet
   * @throws UncheckedIOException naming the file when it cannot be read
   * @throws IllegalArgumentException naming the key at fault
   */
  public static FleetConfig load(Path file, Map<String, String> environment) {
    Objects.requireNonNull(file, "file");
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fleet file " + file, e);
    }
    return fromProperties(properties, environment);
  }

  /**
   * Reads a fleet from properties and the process environment.
   *
   * @param properties the properties; keys not starting with {@code cenote.} are ignored
   * @return the fleet
   * @throws IllegalArgumentException naming the key at fault
   */
  public static FleetConfig fromProperties(Properties properties) {
    return fromProperties(properties, System.getenv());
  }

  /**
   * Reads a fleet from properties and the given environment.
   *
   * @param properties the properties; keys not starting with {@code cenote.} are ignored
   * @param environment variable names to values, in place of the process environment
   * @return the fleet
   * @throws IllegalArgumentException naming the key at fault
   */
  public static FleetConfig fromProperties(Properties properties,
      Map<String, String> environment) {
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(environment, "environment");
    Map<String, String> values = new HashMap<>();
    for (String key : properties.stringPropertyNames()) {
      values.put(key, properties.getProperty(key));
    }
    return new FleetConfig(FleetAssembler.assemble(values, Map.copyOf(environment)));
  }

  /** @return the clusters by name, in name order; unmodifiable */
  public Map<String, ClusterConfig> clusters() {
    return clusters;
  }

  /** @return the standalone pools by their name in the file, in name order; unmodifiable */
  public Map<String, PoolConfig> pools() {
    return pools;
  }

  /** @return the profile's name: {@code dev}, {@code test}, {@code staging} or {@code prod} */
  public String profile() {
    return profile;
  }

  /** Shows every cluster and pool; no password, and URL credentials masked. */
  @Override
  public String toString() {
    return "FleetConfig{profile=" + profile + ", clusters=" + clusters.values() + ", pools="
        + pools.values() + "}";
  }
}
