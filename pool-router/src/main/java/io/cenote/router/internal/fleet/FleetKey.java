package io.cenote.router.internal.fleet;

/**
 * One key of a fleet file, taken apart: where it applies and which setting it names.
 *
 * @param key the whole key, e.g. {@code cenote.clusters.orders.primary.maxSize}
 * @param scope where the setting applies
 * @param owner the cluster or standalone pool it belongs to, or null at fleet level
 * @param host the replica id ({@link Scope#REPLICA}) or host pool name
 *     ({@link Scope#HOST_BREAKER}), else null
 * @param setting the setting's name at its position: a pool key, a cluster key, a resilience
 *     key, a breaker key, {@code preset}, {@code enabled}, or {@code profile}
 */
record FleetKey(String key, Scope scope, String owner, String host, String setting) {

  /** Where a key applies. */
  enum Scope {
    /** {@code cenote.profile}. */
    PROFILE,
    /** {@code cenote.defaults.<poolKey>} and {@code cenote.defaults.preset}. */
    DEFAULTS,
    /** {@code cenote.defaults.resilience.<resilienceKey>} and {@code .enabled}. */
    DEFAULTS_RESILIENCE,
    /** {@code cenote.clusters.<cluster>.<clusterKey>}, including {@code preset}. */
    CLUSTER,
    /** {@code cenote.clusters.<cluster>.<poolKey>}: every host of the cluster. */
    CLUSTER_HOSTS,
    /** {@code cenote.clusters.<cluster>.primary.<poolKey>} and {@code .preset}. */
    PRIMARY,
    /** {@code cenote.clusters.<cluster>.replicas.<id>.<poolKey>} and {@code .preset}. */
    REPLICA,
    /** {@code cenote.clusters.<cluster>.resilience.<resilienceKey>} and {@code .enabled}. */
    CLUSTER_RESILIENCE,
    /** {@code cenote.clusters.<cluster>.resilience.hosts.<poolName>.breaker.<breakerKey>}. */
    HOST_BREAKER,
    /** {@code cenote.pools.<pool>.<poolKey>} and {@code .preset}. */
    POOL
  }
}
