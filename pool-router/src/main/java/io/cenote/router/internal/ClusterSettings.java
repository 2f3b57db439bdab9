package io.cenote.router.internal;

import io.cenote.pool.PoolConfig;
import io.cenote.pool.Ticker;
import io.cenote.router.ClusterConfig;
import io.cenote.router.Dialect;
import io.cenote.router.NoReplicaPolicy;
import io.cenote.router.ReplicaSelector;
import io.cenote.router.RouterListener;
import java.time.Duration;
import java.util.List;

/**
 * The settings one started cluster runs with: its {@link ClusterConfig}, with the dialect
 * resolved and a selector of its own.
 *
 * @param name the cluster's name
 * @param primary the primary's pool configuration
 * @param replicas the replicas' pool configurations
 * @param dialect the database dialect
 * @param selector the replica selector
 * @param maxReplicationLag the longest acceptable time lag
 * @param maxReplicationLagBytes the largest acceptable byte lag, 0 = no byte limit
 * @param readYourWritesWindow how long a session's reads stay on the primary after a write
 * @param noReplicaPolicy what reads do when no replica is eligible
 * @param healthCheckInterval the pause between health checks
 * @param healthCheckTimeout the time one host's check may take
 * @param failoverChecks consecutive checks that must agree before writes move to another host
 * @param listeners the router listeners
 * @param ticker the time source for read-your-writes
 */
public record ClusterSettings(
    String name,
    PoolConfig primary,
    List<PoolConfig> replicas,
    Dialect dialect,
    ReplicaSelector selector,
    Duration maxReplicationLag,
    long maxReplicationLagBytes,
    Duration readYourWritesWindow,
    NoReplicaPolicy noReplicaPolicy,
    Duration healthCheckInterval,
    Duration healthCheckTimeout,
    int failoverChecks,
    List<RouterListener> listeners,
    Ticker ticker) {

  /** Copies the lists so the settings stay immutable. */
  public ClusterSettings {
    replicas = List.copyOf(replicas);
    listeners = List.copyOf(listeners);
  }

  /**
   * Takes the settings of a configuration, with a new selector.
   *
   * @param config the cluster's configuration
   * @return its settings
   */
  public static ClusterSettings of(ClusterConfig config) {
    return new ClusterSettings(config.name(), config.primary(), config.replicas(),
        config.dialect(), config.newSelector(), config.maxReplicationLag(),
        config.maxReplicationLagBytes(), config.readYourWritesWindow(),
        config.noReplicaPolicy(), config.healthCheckInterval(), config.healthCheckTimeout(),
        config.failoverChecks(), config.listeners(), config.ticker());
  }
}
