package io.cenote.router.internal.fleet;

import io.cenote.pool.ConfigValues;
import io.cenote.router.ClusterConfig;
import io.cenote.router.DatabaseType;
import io.cenote.router.NoReplicaPolicy;
import io.cenote.router.Strategy;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The text setters of a cluster's own settings, which define the cluster keys of a fleet file
 * ({@link KeyCatalog#CLUSTER_KEYS}). Values parse as the pool's do: durations as {@code 500ms},
 * {@code 30s} or {@code PT30S}, enums as {@code least-loaded} or {@code LEAST_LOADED}.
 */
final class ClusterSetters {

  /** The setters by key; a setting of {@code ClusterConfig.Builder} added here is a key. */
  static final Map<String, BiConsumer<ClusterConfig.Builder, String>> ALL = Map.of(
      "strategy", (b, v) -> b.strategy(EnumText.parse("strategy", v, Strategy.class)),
      "maxReplicationLag", (b, v) -> b.maxReplicationLag(
          ConfigValues.duration("maxReplicationLag", v)),
      "maxReplicationLagBytes", (b, v) -> b.maxReplicationLagBytes(
          ConfigValues.longValue("maxReplicationLagBytes", v)),
      "readYourWritesWindow", (b, v) -> b.readYourWritesWindow(
          ConfigValues.duration("readYourWritesWindow", v)),
      "noReplicaPolicy", (b, v) -> b.noReplicaPolicy(
          EnumText.parse("noReplicaPolicy", v, NoReplicaPolicy.class)),
      "healthCheckInterval", (b, v) -> b.healthCheckInterval(
          ConfigValues.duration("healthCheckInterval", v)),
      "healthCheckTimeout", (b, v) -> b.healthCheckTimeout(
          ConfigValues.duration("healthCheckTimeout", v)),
      "failoverChecks", (b, v) -> b.failoverChecks(ConfigValues.integer("failoverChecks", v)),
      "databaseType", (b, v) -> b.databaseType(
          EnumText.parse("databaseType", v, DatabaseType.class)));

  private ClusterSetters() {}

  /**
   * Sets one of a cluster's own settings.
   *
   * @param builder the cluster's builder
   * @param key a key of {@link #ALL}
   * @param value its text
   * @throws IllegalArgumentException naming the key and the bad value
   */
  static void set(ClusterConfig.Builder builder, String key, String value) {
    ALL.get(key).accept(builder, value);
  }
}
