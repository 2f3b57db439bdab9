package io.cenote.router.internal.fleet;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The names a fleet file uses: clusters with their replica ids, standalone pools, host pool
 * names that breaker overrides may refer to, and driver property names. Valid keys are
 * enumerated from these, for suggestions and for mapping environment variables back to keys.
 * Collected while loading, so mutable; not thread-safe.
 */
final class FleetNames {

  /** Cluster names, replica ids and pool names: safe in keys and in environment variables. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private final SortedMap<String, SortedSet<String>> replicas = new TreeMap<>();
  private final SortedMap<String, SortedSet<String>> explicitHostNames = new TreeMap<>();
  private final SortedSet<String> pools = new TreeSet<>();
  private final SortedSet<String> drivers = new TreeSet<>();

  /**
   * Collects the names used by keys, without judging the keys: a name is taken from its
   * position ({@code clusters.<name>}, {@code replicas.<id>}, {@code pools.<name>})
   * whenever it is well-formed, so that a typo elsewhere in a key can
   * still be answered with a suggestion that uses the file's own names.
   *
   * @param keys keys starting with {@code cenote.}
   * @return the names
   */
  static FleetNames collect(Collection<String> keys) {
    FleetNames names = new FleetNames();
    for (String key : keys) {
      String[] s = key.split("\\.", -1);
      if (s.length >= 3 && s[1].equals("clusters") && NAME.matcher(s[2]).matches()) {
        names.addCluster(s[2]);
        if (s.length >= 5 && s[3].equals("replicas") && NAME.matcher(s[4]).matches()) {
          names.addReplica(s[2], s[4]);
        }
      } else if (s.length >= 3 && s[1].equals("pools") && NAME.matcher(s[2]).matches()) {
        names.addPool(s[2]);
      }
    }
    return names;
  }

  void addCluster(String cluster) {
    replicas.computeIfAbsent(cluster, c -> new TreeSet<>());
  }

  void addReplica(String cluster, String id) {
    replicas.computeIfAbsent(cluster, c -> new TreeSet<>()).add(id);
  }

  void addPool(String pool) {
    pools.add(pool);
  }

  /** Records a driver property name, so its key can be set from the environment too. */
  void addDriver(String name) {
    drivers.add(name);
  }

  /** Records a host's explicit {@code poolName}, which breaker overrides may then refer to. */
  void addHostName(String cluster, String poolName) {
    explicitHostNames.computeIfAbsent(cluster, c -> new TreeSet<>()).add(poolName);
  }

  /** @return the cluster names, in name order */
  Set<String> clusters() {
    return Collections.unmodifiableSet(replicas.keySet());
  }

  /** @return the replica ids of one cluster, in name order */
  Set<String> replicas(String cluster) {
    return Collections.unmodifiableSet(
        replicas.getOrDefault(cluster, Collections.emptySortedSet()));
  }

  /** @return the standalone pool names, in name order */
  Set<String> pools() {
    return Collections.unmodifiableSet(pools);
  }

  /** @return the driver property names used anywhere in the file */
  Set<String> drivers() {
    return Collections.unmodifiableSet(drivers);
  }

  /**
   * Returns the pool names a cluster's hosts may have: the default names
   * ({@code <cluster>-primary}, {@code <cluster>-<id>}) and any explicit one seen.
   *
   * @param cluster the cluster
   * @return the names, in name order
   */
  Set<String> hostNames(String cluster) {
    SortedSet<String> names = new TreeSet<>();
    names.add(defaultPrimaryName(cluster));
    for (String id : replicas(cluster)) {
      names.add(defaultReplicaName(cluster, id));
    }
    names.addAll(explicitHostNames.getOrDefault(cluster, Collections.emptySortedSet()));
    return names;
  }

  /** @return the pool name of a cluster's primary when its {@code poolName} is not set */
  static String defaultPrimaryName(String cluster) {
    return cluster + "-primary";
  }

  /** @return the pool name of a replica when its {@code poolName} is not set */
  static String defaultReplicaName(String cluster, String id) {
    return cluster + "-" + id;
  }

  /** @return a copy, so that names found in the environment can be tried and dropped */
  FleetNames copy() {
    FleetNames c = new FleetNames();
    for (Map.Entry<String, SortedSet<String>> e : replicas.entrySet()) {
      c.replicas.put(e.getKey(), new TreeSet<>(e.getValue()));
    }
    for (Map.Entry<String, SortedSet<String>> e : explicitHostNames.entrySet()) {
      c.explicitHostNames.put(e.getKey(), new TreeSet<>(e.getValue()));
    }
    c.pools.addAll(pools);
    c.drivers.addAll(drivers);
    return c;
  }
}
