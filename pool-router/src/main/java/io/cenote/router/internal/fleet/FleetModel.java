package io.cenote.router.internal.fleet;

import java.util.List;
import java.util.SortedMap;

/**
 * A fleet as merged text: every setting of every cluster and pool with its origin, layers
 * already resolved, values not yet parsed. Builders parse and check the values.
 *
 * @param profile the profile's name
 * @param defaults the {@code cenote.defaults.*} pool settings, checked on their own so that a
 *     bad default is reported even when no pool inherits it
 * @param defaultResilience the {@code cenote.defaults.resilience.*} settings, likewise
 * @param clusters the clusters by name
 * @param pools the standalone pools by name (of the entity, not the pool name)
 * @param secrets the fleet's secrets, to mask in every message
 */
record FleetModel(String profile, List<Setting> defaults, List<Setting> defaultResilience,
    SortedMap<String, ClusterModel> clusters, SortedMap<String, PoolModel> pools,
    SecretMask secrets) {

  /**
   * One cluster.
   *
   * @param name the cluster's name
   * @param primary the primary's pool
   * @param replicas the replicas' pools, in replica-id order
   * @param settings the cluster's own settings ({@code strategy}, ...), by key
   * @param resilience the resilience settings, with whether the section is on
   */
  record ClusterModel(String name, PoolModel primary, List<PoolModel> replicas,
      List<Setting> settings, ResilienceModel resilience) {}

  /**
   * One pool: a cluster's host or a standalone pool.
   *
   * @param poolName the pool's name
   * @param origin the key prefix it was configured under, e.g.
   *     {@code cenote.clusters.orders.primary}
   * @param settings every pool setting after layering, poolName included, in key order
   */
  record PoolModel(String poolName, String origin, List<Setting> settings) {}

  /**
   * The resilience section of one cluster.
   *
   * @param enabled whether the cluster gets the section; its settings are checked either way
   * @param settings the merged resilience settings, breaker settings included
   * @param hostBreakers per host pool name, that host's complete breaker settings (the
   *     cluster's, overridden by its own), keys without the {@code breaker.} prefix
   */
  record ResilienceModel(boolean enabled, List<Setting> settings,
      SortedMap<String, List<Setting>> hostBreakers) {}
}
