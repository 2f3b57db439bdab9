package io.cenote.router.internal.fleet;

import io.cenote.router.internal.fleet.FleetModel.ClusterModel;
import io.cenote.router.internal.fleet.FleetModel.PoolModel;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The rules of a fleet that only its merged, resolved settings can show. */
final class FleetChecks {

  private FleetChecks() {}

  /**
   * Checks that a breaker override names a host of its cluster, now that explicit pool names
   * are resolved.
   *
   * @param cluster the cluster
   * @param host the host pool name the override names
   * @param hostNames the cluster's host pool names
   * @param override one setting of the override, for its origin
   * @throws IllegalArgumentException naming the key and suggesting the nearest host's key
   */
  static void hostOfCluster(String cluster, String host, Set<String> hostNames,
      Setting override) {
    if (hostNames.contains(host)) {
      return;
    }
    String key = KeyGrammar.ROOT + KeyGrammar.CLUSTERS + "." + cluster + "."
        + KeyGrammar.RESILIENCE + "." + KeyGrammar.HOSTS + ".";
    String nearest = Suggestions.nearest(host, hostNames);
    throw new IllegalArgumentException(override.origin() + ": cluster '" + cluster
        + "' has no host '" + host + "' (its hosts are " + hostNames + "); did you mean '"
        + key + nearest + ".breaker." + override.name() + "'?");
  }

  /**
   * Checks that cluster names and the pool names of hosts and standalone pools all differ, as
   * one {@code PoolManager} requires.
   *
   * @param fleet the fleet
   * @throws IllegalArgumentException naming the name and both of its users
   */
  static void namesAreUnique(FleetModel fleet) {
    Map<String, String> users = new HashMap<>();
    for (ClusterModel cluster : fleet.clusters().values()) {
      claim(users, cluster.name(), "cluster '" + cluster.name() + "'");
      claim(users, cluster.primary());
      cluster.replicas().forEach(r -> claim(users, r));
    }
    fleet.pools().values().forEach(p -> claim(users, p));
  }

  private static void claim(Map<String, String> users, PoolModel pool) {
    claim(users, pool.poolName(), "pool '" + pool.poolName() + "' (" + pool.origin() + ")");
  }

  private static void claim(Map<String, String> users, String name, String user) {
    String earlier = users.putIfAbsent(name, user);
    if (earlier != null) {
      throw new IllegalArgumentException("name '" + name + "' is used by " + earlier + " and by "
          + user + "; clusters and pools of one fleet need names of their own");
    }
  }
}
