package io.cenote.router.internal.fleet;

import io.cenote.router.internal.fleet.FleetKey.Scope;
import io.cenote.router.internal.fleet.FleetModel.ClusterModel;
import io.cenote.router.internal.fleet.FleetModel.PoolModel;
import io.cenote.router.internal.fleet.FleetModel.ResilienceModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges the layers of a fleet into one flat set of settings per pool. For a cluster's host,
 * lowest first: the profile; the presets of the defaults, the cluster and the host;
 * {@code cenote.defaults.*}; the cluster's pool keys; the host's keys. For a standalone pool:
 * the profile; the presets of the defaults and the pool; {@code cenote.defaults.*}; the pool's
 * keys. So any key that is written down beats any preset, and a preset beats the profile.
 * One instance merges one fleet.
 */
final class FleetLayering {

  private final KeyGrammar grammar;
  private final KeyCatalog catalog;
  /** Settings by the key prefix they were given under, e.g. {@code cenote.clusters.orders}. */
  private final Map<String, Map<String, Setting>> byPrefix = new HashMap<>();
  private final SortedMap<String, Set<String>> clusters = new TreeMap<>();
  private final Set<String> pools = new TreeSet<>();
  private final SortedMap<String, SortedMap<String, Map<String, Setting>>> breakers =
      new TreeMap<>();

  FleetLayering(KeyGrammar grammar, KeyCatalog catalog) {
    this.grammar = grammar;
    this.catalog = catalog;
  }

  /**
   * Merges the layers.
   *
   * @param settings every setting by key, placeholders resolved
   * @param names the fleet's names
   * @param secrets the fleet's secrets
   * @return the merged fleet
   * @throws IllegalArgumentException naming the key of a bad profile, preset or
   *     {@code enabled} value, of a breaker override for a host the cluster does not have, or
   *     the pools when two share a name
   */
  FleetModel layer(SortedMap<String, Setting> settings, FleetNames names, SecretMask secrets) {
    settings.forEach((key, setting) -> sort(grammar.parse(key, names), setting));
    Setting profileSetting = at(KeyGrammar.ROOT + KeyGrammar.PROFILE)
        .get(KeyGrammar.PROFILE);
    Profile profile = profileSetting == null ? Profile.PROD : Profile.parse(profileSetting);
    String defaults = KeyGrammar.ROOT + KeyGrammar.DEFAULTS;
    String defaultResilience = defaults + "." + KeyGrammar.RESILIENCE;
    Layers base = new Layers(profile, profileSetting);
    base.preset(at(defaults));
    enabled(at(defaultResilience)); // checked even when no cluster inherits it

    SortedMap<String, ClusterModel> clusterModels = new TreeMap<>();
    clusters.forEach((name, ids) -> clusterModels.put(name, cluster(name, ids, base)));
    SortedMap<String, PoolModel> poolModels = new TreeMap<>();
    for (String pool : pools) {
      String prefix = KeyGrammar.ROOT + KeyGrammar.POOLS + "." + pool;
      poolModels.put(pool, pool(prefix, pool, base.copy().preset(at(prefix))
          .add(poolKeys(at(defaults))).add(poolKeys(at(prefix)))));
    }
    FleetModel fleet = new FleetModel(profile.text(), poolKeys(at(defaults)),
        without(at(defaultResilience), KeyCatalog.ENABLED), clusterModels, poolModels, secrets);
    FleetChecks.namesAreUnique(fleet);
    return fleet;
  }

  private void sort(FleetKey key, Setting setting) {
    // the profile is filed under its own key, the only one without a section
    String prefix = key.scope() == Scope.PROFILE ? key.key()
        : key.key().substring(0, key.key().length() - key.setting().length() - 1);
    if (key.scope() == Scope.HOST_BREAKER) {
      breakers.computeIfAbsent(key.owner(), c -> new TreeMap<>())
          .computeIfAbsent(key.host(), h -> new TreeMap<>()).put(key.setting(), setting);
    } else {
      byPrefix.computeIfAbsent(prefix, p -> new TreeMap<>()).put(key.setting(), setting);
    }
    if (key.scope() == Scope.POOL) {
      pools.add(key.owner());
    } else if (key.owner() != null) {
      Set<String> ids = clusters.computeIfAbsent(key.owner(), c -> new TreeSet<>());
      if (key.scope() == Scope.REPLICA) {
        ids.add(key.host());
      }
    }
  }

  private ClusterModel cluster(String name, Set<String> ids, Layers base) {
    String prefix = KeyGrammar.ROOT + KeyGrammar.CLUSTERS + "." + name;
    String defaults = KeyGrammar.ROOT + KeyGrammar.DEFAULTS;
    Layers clusterBase = base.copy().preset(at(prefix));
    String primaryPrefix = prefix + "." + KeyGrammar.PRIMARY;
    PoolModel primary = pool(primaryPrefix, FleetNames.defaultPrimaryName(name),
        host(clusterBase, defaults, prefix, primaryPrefix));
    List<PoolModel> replicas = new ArrayList<>();
    for (String id : ids) {
      String replicaPrefix = prefix + "." + KeyGrammar.REPLICAS + "." + id;
      replicas.add(pool(replicaPrefix, FleetNames.defaultReplicaName(name, id),
          host(clusterBase, defaults, prefix, replicaPrefix)));
    }
    List<Setting> own = new ArrayList<>();
    for (Setting s : at(prefix).values()) {
      if (KeyCatalog.CLUSTER_KEYS.contains(s.name())) {
        own.add(s);
      }
    }
    Set<String> hostNames = new TreeSet<>();
    hostNames.add(primary.poolName());
    replicas.forEach(r -> hostNames.add(r.poolName()));
    return new ClusterModel(name, primary, replicas, own, resilience(name, prefix, hostNames));
  }

  private Layers host(Layers clusterBase, String defaults, String cluster, String host) {
    return clusterBase.copy().preset(at(host)).add(poolKeys(at(defaults)))
        .add(poolKeys(at(cluster))).add(poolKeys(at(host)));
  }

  private PoolModel pool(String prefix, String defaultName, Layers layers) {
    Map<String, Setting> merged = layers.merged();
    Setting name = merged.computeIfAbsent(KeyCatalog.POOL_NAME,
        n -> new Setting(n, defaultName, "default name of " + prefix));
    return new PoolModel(name.value(), prefix, List.copyOf(new TreeMap<>(merged).values()));
  }

  private ResilienceModel resilience(String cluster, String prefix, Set<String> hostNames) {
    String defaults = KeyGrammar.ROOT + KeyGrammar.DEFAULTS + "." + KeyGrammar.RESILIENCE;
    String own = prefix + "." + KeyGrammar.RESILIENCE;
    SortedMap<String, Map<String, Setting>> hosts = breakers.getOrDefault(cluster,
        new TreeMap<>());
    Boolean switched = enabled(at(own));
    boolean enabled = switched != null ? switched
        : !without(at(own), KeyCatalog.ENABLED).isEmpty() || !hosts.isEmpty()
            || Boolean.TRUE.equals(enabled(at(defaults)));
    Map<String, Setting> merged = new TreeMap<>(at(defaults));
    merged.putAll(at(own));
    merged.remove(KeyCatalog.ENABLED);
    SortedMap<String, List<Setting>> hostBreakers = new TreeMap<>();
    hosts.forEach((host, overrides) -> {
      FleetChecks.hostOfCluster(cluster, host, hostNames, overrides.values().iterator().next());
      Map<String, Setting> breaker = new TreeMap<>();
      merged.forEach((key, s) -> {
        if (key.startsWith(KeyCatalog.BREAKER_PREFIX)) {
          String name = key.substring(KeyCatalog.BREAKER_PREFIX.length());
          breaker.put(name, new Setting(name, s.value(), s.origin()));
        }
      });
      breaker.putAll(overrides);
      hostBreakers.put(host, List.copyOf(breaker.values()));
    });
    return new ResilienceModel(enabled, List.copyOf(merged.values()), hostBreakers);
  }

  /** @return the {@code enabled} setting's value, or null when there is none */
  private static Boolean enabled(Map<String, Setting> section) {
    Setting s = section.get(KeyCatalog.ENABLED);
    if (s == null) {
      return null;
    }
    String v = s.value().trim().toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException(s.origin() + ": enabled must be true or false, but was '"
          + s.value() + "'");
    }
    return Boolean.valueOf(v);
  }

  private Map<String, Setting> at(String prefix) {
    return byPrefix.getOrDefault(prefix, Map.of());
  }

  private List<Setting> poolKeys(Map<String, Setting> section) {
    List<Setting> keys = new ArrayList<>();
    for (Setting s : section.values()) {
      if (catalog.poolKeys().contains(s.name()) || s.name().startsWith(KeyCatalog.DRIVER_PREFIX)) {
        keys.add(s);
      }
    }
    return keys;
  }

  private static List<Setting> without(Map<String, Setting> section, String name) {
    List<Setting> rest = new ArrayList<>(section.values());
    rest.removeIf(s -> s.name().equals(name));
    return rest;
  }

  /** The layers of one pool, lowest first; a later layer's setting replaces an earlier one. */
  private static final class Layers {
    private final Map<String, Setting> merged = new LinkedHashMap<>();

    Layers(Profile profile, Setting chosenBy) {
      String origin = "profile " + profile.text()
          + (chosenBy == null ? " (the default)" : " (" + chosenBy.origin() + ")");
      profile.settings().forEach((k, v) -> merged.put(k, new Setting(k, v, origin)));
    }

    private Layers() {}

    Layers copy() {
      Layers c = new Layers();
      c.merged.putAll(merged);
      return c;
    }

    /** Adds the preset chosen in this section, if any. */
    Layers preset(Map<String, Setting> section) {
      Setting chosen = section.get(KeyCatalog.PRESET);
      if (chosen != null) {
        Preset preset = Preset.parse(chosen);
        String origin = "preset " + preset.text() + " (" + chosen.origin() + ")";
        preset.settings().forEach((k, v) -> merged.put(k, new Setting(k, v, origin)));
      }
      return this;
    }

    Layers add(List<Setting> settings) {
      settings.forEach(s -> merged.put(s.name(), s));
      return this;
    }

    Map<String, Setting> merged() {
      return new LinkedHashMap<>(merged);
    }
  }
}
