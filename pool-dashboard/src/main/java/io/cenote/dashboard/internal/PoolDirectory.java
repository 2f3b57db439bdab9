package io.cenote.dashboard.internal;

import io.cenote.dashboard.ScenarioControl;
import io.cenote.pool.PoolControl;
import io.cenote.router.Cluster;
import io.cenote.router.HostStats;
import io.cenote.router.PoolManager;
import io.cenote.router.ServerRole;
import io.cenote.router.UnknownPoolException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the pools and clusters the dashboard shows: every pool of the manager (cluster hosts
 * included) and the pools the running scenarios opened, each with its cluster and role.
 */
final class PoolDirectory {

  /** The role of a plain pool of the manager. */
  static final String POOL = "pool";
  /** The role of a pool a scenario opened. */
  static final String SCENARIO = "scenario";

  private final PoolManager manager;
  private final ScenarioControl scenarios;

  /**
   * A pool and where it belongs.
   *
   * @param pool its control
   * @param cluster its cluster, or null
   * @param role {@code "primary"}, {@code "replica"}, {@code "pool"} or {@code "scenario"}
   */
  record Entry(PoolControl pool, String cluster, String role) {}

  /**
   * Creates a directory over a manager.
   *
   * @param manager the manager
   * @param scenarios the scenario control, or null
   */
  PoolDirectory(PoolManager manager, ScenarioControl scenarios) {
    this.manager = manager;
    this.scenarios = scenarios;
  }

  /** @return every pool, sorted by name; a scenario pool named like a manager's is left out */
  List<Entry> pools() {
    Map<String, Entry> hosts = hosts();
    Set<String> names = manager.poolNames();
    List<Entry> out = new ArrayList<>();
    for (String name : names) {
      Entry host = hosts.get(name);
      out.add(host != null ? host : new Entry(manager.control(name), null, POOL));
    }
    if (scenarios != null) {
      for (PoolControl p : scenarios.pools()) {
        if (!names.contains(p.poolName())) {
          out.add(new Entry(p, null, SCENARIO));
        }
      }
    }
    out.sort(Comparator.comparing(e -> e.pool().poolName()));
    return out;
  }

  /**
   * Looks up one pool.
   *
   * @param name its name
   * @return the pool, or empty when neither the manager nor a running scenario has it
   */
  Optional<Entry> pool(String name) {
    return pools().stream().filter(e -> e.pool().poolName().equals(name)).findFirst();
  }

  /** @return every cluster, sorted by name */
  List<Cluster> clusters() {
    List<Cluster> out = new ArrayList<>();
    for (String name : manager.clusterNames()) {
      out.add(manager.cluster(name));
    }
    return out;
  }

  /**
   * Looks up one cluster.
   *
   * @param name its name
   * @return the cluster, or empty when the manager has none of that name
   */
  Optional<Cluster> cluster(String name) {
    try {
      return Optional.of(manager.cluster(name));
    } catch (UnknownPoolException e) {
      return Optional.empty();
    }
  }

  /** Hosts of every cluster by pool name, with their configured roles. */
  private Map<String, Entry> hosts() {
    Map<String, Entry> out = new HashMap<>();
    for (Cluster c : clusters()) {
      Map<String, ServerRole> roles = new HashMap<>();
      for (HostStats h : c.hostStats()) {
        roles.put(h.name(), h.configuredRole());
      }
      for (PoolControl p : c.pools()) {
        ServerRole role = roles.getOrDefault(p.poolName(), ServerRole.UNKNOWN);
        out.put(p.poolName(), new Entry(p, c.name(), role.name().toLowerCase(Locale.ROOT)));
      }
    }
    return out;
  }
}
