package io.cenote.router.internal.fleet;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The setting names a fleet file may use at each position, taken from the configuration
 * classes themselves (pool and resilience keys) so that a key added there is accepted here
 * without a change.
 *
 * @param poolKeys every pool key ({@code PoolConfig.propertyNames()}), {@code driver.<name>}
 *     aside
 * @param resilienceKeys every resilience key ({@code ResilienceConfig.propertyNames()}),
 *     breaker keys with their {@code breaker.} prefix
 */
record KeyCatalog(Set<String> poolKeys, Set<String> resilienceKeys) {

  /** The pool key that names one pool, so it is not allowed where it would name many. */
  static final String POOL_NAME = "poolName";
  /** Keys starting with this are passed to the JDBC driver. */
  static final String DRIVER_PREFIX = "driver.";
  /** Chooses a preset of pool sizes and timeouts. */
  static final String PRESET = "preset";
  /** Switches a resilience section on or off. */
  static final String ENABLED = "enabled";
  /** Resilience keys starting with this are breaker settings. */
  static final String BREAKER_PREFIX = "breaker.";

  /** The settings of a cluster itself, {@code preset} aside: those {@link ClusterSetters} sets. */
  static final Set<String> CLUSTER_KEYS =
      Collections.unmodifiableSet(new TreeSet<>(ClusterSetters.ALL.keySet()));

  KeyCatalog {
    poolKeys = Collections.unmodifiableSet(new TreeSet<>(poolKeys));
    resilienceKeys = Collections.unmodifiableSet(new TreeSet<>(resilienceKeys));
  }

  /** @return the breaker keys without their {@code breaker.} prefix, in name order */
  Set<String> breakerKeys() {
    Set<String> keys = new TreeSet<>();
    for (String key : resilienceKeys) {
      if (key.startsWith(BREAKER_PREFIX)) {
        keys.add(key.substring(BREAKER_PREFIX.length()));
      }
    }
    return keys;
  }

  /** @return the pool keys allowed where they apply to many pools: all but poolName */
  Set<String> sharedPoolKeys() {
    Set<String> keys = new TreeSet<>(poolKeys);
    keys.remove(POOL_NAME);
    return keys;
  }
}
