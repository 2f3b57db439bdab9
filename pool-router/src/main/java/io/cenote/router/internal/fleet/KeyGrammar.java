package io.cenote.router.internal.fleet;

import io.cenote.router.internal.fleet.FleetKey.Scope;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The key grammar of a fleet file: takes a key apart into a {@link FleetKey}, rejects one that
 * fits no position with the nearest valid key, and lists every valid key for a set of names.
 *
 * <pre>
 * cenote.profile
 * cenote.defaults.(poolKey | preset | resilience.(resilienceKey | enabled))
 * cenote.clusters.NAME.(clusterKey | preset | poolKey)
 * cenote.clusters.NAME.primary.(poolKey | preset)
 * cenote.clusters.NAME.replicas.ID.(poolKey | preset)
 * cenote.clusters.NAME.resilience.(resilienceKey | enabled)
 * cenote.clusters.NAME.resilience.hosts.POOL_NAME.breaker.breakerKey
 * cenote.pools.NAME.(poolKey | preset)
 * </pre>
 *
 * A poolKey is any pool property or {@code driver.<name>}; {@code poolName} is allowed only
 * where it names one pool (a host or a standalone pool).
 */
final class KeyGrammar {

  /** Every fleet key starts with this; other keys of the file are not ours. */
  static final String ROOT = "cenote.";
  static final String PROFILE = "profile";
  static final String DEFAULTS = "defaults";
  static final String CLUSTERS = "clusters";
  static final String POOLS = "pools";
  static final String PRIMARY = "primary";
  static final String REPLICAS = "replicas";
  static final String RESILIENCE = "resilience";
  static final String HOSTS = "hosts";
  private static final String BREAKER_INFIX = ".breaker.";
  /** A pool's name as {@code PoolConfig} allows it, for breaker overrides naming a host. */
  private static final Pattern POOL_NAME = Pattern.compile("[A-Za-z0-9._-]+");

  private final KeyCatalog catalog;

  KeyGrammar(KeyCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Takes a key apart.
   *
   * @param key a key starting with {@code cenote.}
   * @param names the names of the whole file, for the suggestion when the key is unknown
   * @return the parsed key
   * @throws IllegalArgumentException naming the key: unknown (with the nearest valid key), a
   *     name with characters a name may not have, or {@code poolName} where it would name many
   *     pools
   */
  FleetKey parse(String key, FleetNames names) {
    Parsed parsed = classify(key);
    if (parsed.key != null) {
      return parsed.key;
    }
    if (parsed.problem != null) {
      throw new IllegalArgumentException(parsed.problem);
    }
    throw new IllegalArgumentException("unknown key '" + key + "'; did you mean '"
        + suggest(key, parsed, names) + "'?");
  }

  /** @return whether the key is valid, names aside */
  boolean isValid(String key) {
    return classify(key).key != null;
  }

  /**
   * Lists every valid key for the given names.
   *
   * @param names clusters, replicas, pools, host names and driver property names
   * @return the keys, in name order
   */
  SortedSet<String> validKeys(FleetNames names) {
    SortedSet<String> keys = new TreeSet<>();
    keys.add(ROOT + PROFILE);
    String defaults = ROOT + DEFAULTS + ".";
    addAll(keys, defaults, sharedHostKeys(names));
    addAll(keys, defaults + RESILIENCE + ".", resilienceSettings());
    for (String cluster : names.clusters()) {
      String c = ROOT + CLUSTERS + "." + cluster + ".";
      addAll(keys, c, KeyCatalog.CLUSTER_KEYS);
      addAll(keys, c, sharedHostKeys(names));
      addAll(keys, c + PRIMARY + ".", hostKeys(names));
      for (String id : names.replicas(cluster)) {
        addAll(keys, c + REPLICAS + "." + id + ".", hostKeys(names));
      }
      addAll(keys, c + RESILIENCE + ".", resilienceSettings());
      for (String host : names.hostNames(cluster)) {
        addAll(keys, c + RESILIENCE + "." + HOSTS + "." + host + BREAKER_INFIX,
            catalog.breakerKeys());
      }
    }
    for (String pool : names.pools()) {
      addAll(keys, ROOT + POOLS + "." + pool + ".", hostKeys(names));
    }
    return keys;
  }

  private String suggest(String key, Parsed parsed, FleetNames names) {
    String prefix = parsed.unknownAt;
    String rest = key.substring(Math.min(prefix.length(), key.length()));
    int dot = rest.indexOf('.');
    String tail = dot < 0 ? "" : rest.substring(dot);
    Set<String> candidates = new TreeSet<>();
    // the bad segment replaced by each that fits its position: "replica.r1.jdbcUrl" finds
    // "replicas.r1.jdbcUrl" even when no other key names replica r1
    for (String option : parsed.options) {
      String candidate = prefix + option + tail;
      if (isValid(candidate)) {
        candidates.add(candidate);
      }
    }
    Set<String> valid = validKeys(names);
    for (String candidate : valid) {
      if (candidate.startsWith(prefix)) {
        candidates.add(candidate);
      }
    }
    String nearest = Suggestions.nearest(key, candidates.isEmpty() ? valid : candidates);
    // a name written with a dot, which the grammar cannot tell from the next segment:
    // "clusters.orders.eu.primary..." means "clusters.orders-eu.primary..."; only when nothing
    // is a closer typo, since joining any two segments makes some new name valid
    if (Suggestions.distance(key, nearest) > 1) {
      for (int at = key.indexOf('.', ROOT.length()); at >= 0; at = key.indexOf('.', at + 1)) {
        String joined = key.substring(0, at) + '-' + key.substring(at + 1);
        if (isValid(joined)) {
          return joined;
        }
      }
    }
    return nearest;
  }

  private Parsed classify(String key) {
    if (!key.startsWith(ROOT)) {
      return Parsed.unknownAt(ROOT, Set.of(PROFILE, DEFAULTS, CLUSTERS, POOLS));
    }
    String rest = key.substring(ROOT.length());
    if (rest.equals(PROFILE)) {
      return Parsed.of(new FleetKey(key, Scope.PROFILE, null, null, PROFILE));
    }
    if (rest.startsWith(DEFAULTS + ".")) {
      return defaults(key, ROOT + DEFAULTS + ".");
    }
    if (rest.startsWith(CLUSTERS + ".")) {
      return cluster(key, ROOT + CLUSTERS + ".");
    }
    if (rest.startsWith(POOLS + ".")) {
      return pool(key, ROOT + POOLS + ".");
    }
    return Parsed.unknownAt(ROOT, Set.of(PROFILE, DEFAULTS, CLUSTERS, POOLS));
  }

  private Parsed defaults(String key, String prefix) {
    String setting = key.substring(prefix.length());
    if (setting.startsWith(RESILIENCE + ".")) {
      return resilience(key, prefix + RESILIENCE + ".", Scope.DEFAULTS_RESILIENCE, null, false);
    }
    if (setting.equals(KeyCatalog.POOL_NAME)) {
      return Parsed.problem(poolNameNotHere(key));
    }
    if (isHostKey(setting)) {
      return Parsed.of(new FleetKey(key, Scope.DEFAULTS, null, null, setting));
    }
    return Parsed.unknownAt(prefix, with(catalog.sharedPoolKeys(),
        KeyCatalog.PRESET, driverSegment(), RESILIENCE));
  }

  private Parsed cluster(String key, String prefix) {
    Segment segment = Segment.after(key, prefix);
    String name = segment.name();
    if (!FleetNames.NAME.matcher(name).matches()) {
      return Parsed.problem(badName("cluster name", name, key));
    }
    String at = prefix + name + ".";
    String setting = segment.setting();
    if (KeyCatalog.CLUSTER_KEYS.contains(setting)) {
      return Parsed.of(new FleetKey(key, Scope.CLUSTER, name, null, setting));
    }
    if (setting.startsWith(PRIMARY + ".")) {
      return host(key, at + PRIMARY + ".", Scope.PRIMARY, name, null);
    }
    if (setting.startsWith(REPLICAS + ".")) {
      return replica(key, at + REPLICAS + ".", name);
    }
    if (setting.startsWith(RESILIENCE + ".")) {
      return resilience(key, at + RESILIENCE + ".", Scope.CLUSTER_RESILIENCE, name, true);
    }
    if (setting.equals(KeyCatalog.POOL_NAME)) {
      return Parsed.problem(poolNameNotHere(key));
    }
    if (setting.equals(KeyCatalog.PRESET)) {
      return Parsed.of(new FleetKey(key, Scope.CLUSTER, name, null, setting));
    }
    if (isHostKey(setting)) {
      return Parsed.of(new FleetKey(key, Scope.CLUSTER_HOSTS, name, null, setting));
    }
    Set<String> options = with(KeyCatalog.CLUSTER_KEYS, KeyCatalog.PRESET, driverSegment(),
        PRIMARY, REPLICAS, RESILIENCE);
    options.addAll(catalog.sharedPoolKeys());
    return Parsed.unknownAt(at, options);
  }

  private Parsed replica(String key, String prefix, String cluster) {
    String id = Segment.after(key, prefix).name();
    if (!FleetNames.NAME.matcher(id).matches()) {
      return Parsed.problem(badName("replica id", id, key));
    }
    return host(key, prefix + id + ".", Scope.REPLICA, cluster, id);
  }

  private Parsed host(String key, String prefix, Scope scope, String owner, String id) {
    String setting = key.substring(Math.min(prefix.length(), key.length()));
    if (key.length() > prefix.length() && (isHostKey(setting)
        || setting.equals(KeyCatalog.POOL_NAME))) {
      return Parsed.of(new FleetKey(key, scope, owner, id, setting));
    }
    return Parsed.unknownAt(prefix, with(catalog.poolKeys(), KeyCatalog.PRESET, driverSegment()));
  }

  private Parsed pool(String key, String prefix) {
    Segment segment = Segment.after(key, prefix);
    String name = segment.name();
    if (!FleetNames.NAME.matcher(name).matches()) {
      return Parsed.problem(badName("pool name", name, key));
    }
    String at = prefix + name + ".";
    String setting = segment.setting();
    if (isHostKey(setting) || setting.equals(KeyCatalog.POOL_NAME)) {
      return Parsed.of(new FleetKey(key, Scope.POOL, name, null, setting));
    }
    return Parsed.unknownAt(at, with(catalog.poolKeys(), KeyCatalog.PRESET, driverSegment()));
  }

  private Parsed resilience(String key, String prefix, Scope scope, String cluster,
      boolean hosts) {
    String setting = key.substring(prefix.length());
    if (catalog.resilienceKeys().contains(setting) || setting.equals(KeyCatalog.ENABLED)) {
      return Parsed.of(new FleetKey(key, scope, cluster, null, setting));
    }
    Set<String> options = with(firstSegments(catalog.resilienceKeys()), KeyCatalog.ENABLED);
    if (!hosts) {
      return Parsed.unknownAt(prefix, options);
    }
    options.add(HOSTS);
    String hostsPrefix = HOSTS + ".";
    int breaker = setting.lastIndexOf(BREAKER_INFIX);
    if (!setting.startsWith(hostsPrefix) || breaker < hostsPrefix.length()) {
      return Parsed.unknownAt(prefix, options);
    }
    String host = setting.substring(hostsPrefix.length(), breaker);
    if (!POOL_NAME.matcher(host).matches()) {
      return Parsed.problem(badHostName(host, key));
    }
    String breakerKey = setting.substring(breaker + BREAKER_INFIX.length());
    if (!catalog.breakerKeys().contains(breakerKey)) {
      return Parsed.unknownAt(prefix + hostsPrefix + host + BREAKER_INFIX, catalog.breakerKeys());
    }
    return Parsed.of(new FleetKey(key, Scope.HOST_BREAKER, cluster, host, breakerKey));
  }

  /** A pool key that may apply to many pools, {@code preset}, or {@code driver.<name>}. */
  private boolean isHostKey(String setting) {
    return catalog.sharedPoolKeys().contains(setting) || setting.equals(KeyCatalog.PRESET)
        || (setting.startsWith(KeyCatalog.DRIVER_PREFIX)
            && setting.length() > KeyCatalog.DRIVER_PREFIX.length());
  }

  private Set<String> sharedHostKeys(FleetNames names) {
    Set<String> keys = with(catalog.sharedPoolKeys(), KeyCatalog.PRESET);
    for (String driver : names.drivers()) {
      keys.add(KeyCatalog.DRIVER_PREFIX + driver);
    }
    return keys;
  }

  private Set<String> hostKeys(FleetNames names) {
    Set<String> keys = sharedHostKeys(names);
    keys.add(KeyCatalog.POOL_NAME);
    return keys;
  }

  private Set<String> resilienceSettings() {
    return with(catalog.resilienceKeys(), KeyCatalog.ENABLED);
  }

  private static String driverSegment() {
    return KeyCatalog.DRIVER_PREFIX.substring(0, KeyCatalog.DRIVER_PREFIX.length() - 1);
  }

  private static Set<String> firstSegments(Set<String> keys) {
    Set<String> segments = new TreeSet<>();
    for (String key : keys) {
      int dot = key.indexOf('.');
      segments.add(dot < 0 ? key : key.substring(0, dot));
    }
    return segments;
  }

  private static Set<String> with(Set<String> base, String... more) {
    Set<String> all = new TreeSet<>(base);
    all.addAll(Set.of(more));
    return all;
  }

  private static void addAll(Set<String> keys, String prefix, Set<String> settings) {
    for (String setting : settings) {
      keys.add(prefix + setting);
    }
  }

  private static String badName(String what, String name, String key) {
    return what + " '" + name + "' in key '" + key + "' must be letters, digits, '_' or '-'";
  }

  private static String badHostName(String name, String key) {
    return "host pool name '" + name + "' in key '" + key
        + "' must be letters, digits, '.', '_' or '-'";
  }

  private static String poolNameNotHere(String key) {
    return "key '" + key + "' would give many pools one name; set poolName per host"
        + " (cenote.clusters.<cluster>.primary.poolName) or per pool"
        + " (cenote.pools.<pool>.poolName)";
  }

  /** A parsed key, or why not: an unknown part (and what fits there) or another problem. */
  /**
   * The name segment right after a prefix ({@code orders} in
   * {@code cenote.clusters.orders.primary.jdbcUrl}) and what follows its dot, empty when nothing
   * does.
   */
  private record Segment(String name, String setting) {
    static Segment after(String key, String prefix) {
      String rest = key.substring(prefix.length());
      int dot = rest.indexOf('.');
      return dot < 0 ? new Segment(rest, "") : new Segment(rest.substring(0, dot),
          rest.substring(dot + 1));
    }
  }

  private static final class Parsed {
    final FleetKey key;
    final String unknownAt;
    final Set<String> options;
    final String problem;

    private Parsed(FleetKey key, String unknownAt, Set<String> options, String problem) {
      this.key = key;
      this.unknownAt = unknownAt;
      this.options = options;
      this.problem = problem;
    }

    static Parsed of(FleetKey key) {
      return new Parsed(key, null, Set.of(), null);
    }

    /** Everything up to {@code prefix} is valid; what follows is not one of {@code options}. */
    static Parsed unknownAt(String prefix, Set<String> options) {
      return new Parsed(null, prefix, options, null);
    }

    static Parsed problem(String message) {
      return new Parsed(null, null, Set.of(), message);
    }
  }
}
