package io.cenote.router.internal.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lays the environment over the file: a {@code CENOTE_*} variable overrides the key of the
 * same name (see {@link EnvironmentNames}) or sets it when the file lacks it.
 *
 * <p>Variables are mapped back to keys by naming every valid key of the file's names, because
 * the upper-case form loses the dots and the case of a key. A variable may also bring a new
 * cluster, replica or pool when that name is lower-case letters and digits only
 * ({@code CENOTE_CLUSTERS_BILLING_PRIMARY_JDBC_URL} adds cluster {@code billing}): only then is
 * its name in the variable unambiguous. Driver properties can be overridden only when the
 * file names them somewhere. A {@code CENOTE_*} variable that maps to no key is ignored and
 * logged at debug, by name only.
 */
final class EnvironmentOverlay {

  /** The logger of fleet loading; a stable name, documented for users. */
  static final String LOGGER = "io.cenote.router.fleet";

  private static final Logger log = LoggerFactory.getLogger(LOGGER);
  /** A name that may come from a variable alone: its lower-case form is all it can be. */
  private static final Pattern NEW_NAME = Pattern.compile("[A-Z0-9]+");
  private static final String CLUSTERS = EnvironmentNames.part(KeyGrammar.CLUSTERS) + "_";
  private static final String POOLS = EnvironmentNames.part(KeyGrammar.POOLS) + "_";
  private static final String REPLICAS = EnvironmentNames.part(KeyGrammar.REPLICAS) + "_";

  private final KeyGrammar grammar;
  private final Map<String, String> environment;
  private FleetNames names;

  /**
   * @param grammar the key grammar
   * @param environment the variables
   * @param names the file's names; names the variables bring are added
   */
  EnvironmentOverlay(KeyGrammar grammar, Map<String, String> environment, FleetNames names) {
    this.grammar = grammar;
    this.environment = environment;
    this.names = names;
  }

  /**
   * Lays the variables over the file's values.
   *
   * @param file the file's fleet keys and values
   * @return every key with its value and origin, variables winning, in key order
   * @throws IllegalArgumentException when one variable is the name of two keys
   */
  SortedMap<String, Setting> apply(SortedMap<String, String> file) {
    SortedMap<String, Setting> merged = new TreeMap<>();
    file.forEach((key, value) -> put(merged, key, value, key));
    List<String> pending = new ArrayList<>();
    for (String variable : new TreeMap<>(environment).keySet()) {
      if (variable.startsWith(EnvironmentNames.PREFIX)) {
        pending.add(variable);
      }
    }
    // a second round, because a host's poolName set by a variable is a name that
    // breaker-override variables of the first round could not know yet
    for (int round = 0; round < 2 && !pending.isEmpty(); round++) {
      pending = overlay(pending, merged);
    }
    for (String variable : pending) {
      log.debug("environment variable {} names no fleet key; ignored", variable);
    }
    return merged;
  }

  /** @return the names of the file and of the variables */
  FleetNames names() {
    return names;
  }

  private List<String> overlay(List<String> variables, SortedMap<String, Setting> merged) {
    Map<String, List<String>> index = index();
    List<String> unmatched = new ArrayList<>();
    for (String variable : variables) {
      List<String> keys = index.get(variable);
      String key = keys == null ? discover(variable) : only(variable, keys);
      if (key == null) {
        unmatched.add(variable);
        continue;
      }
      log.debug("environment variable {} sets {}", variable, key);
      put(merged, key, environment.get(variable),
          "environment variable " + variable + " (" + key + ")");
    }
    return unmatched;
  }

  private void put(SortedMap<String, Setting> merged, String key, String value, String origin) {
    FleetKey parsed = grammar.parse(key, names);
    merged.put(key, new Setting(parsed.setting(), value, origin));
    if (parsed.setting().equals(KeyCatalog.POOL_NAME) && parsed.owner() != null
        && (parsed.scope() == FleetKey.Scope.PRIMARY || parsed.scope() == FleetKey.Scope.REPLICA)) {
      names.addHostName(parsed.owner(), value);
    }
  }

  private Map<String, List<String>> index() {
    Map<String, List<String>> index = new TreeMap<>();
    for (String key : grammar.validKeys(names)) {
      index.computeIfAbsent(EnvironmentNames.of(key), v -> new ArrayList<>()).add(key);
    }
    return index;
  }

  /** Tries the variable with the new names it may carry; keeps them only when it fits. */
  private String discover(String variable) {
    String rest = variable.substring(EnvironmentNames.PREFIX.length());
    FleetNames trial = names.copy();
    if (rest.startsWith(CLUSTERS)) {
      String tail = rest.substring(CLUSTERS.length());
      String cluster = nameAt(tail, names.clusters());
      if (cluster == null) {
        return null;
      }
      trial.addCluster(cluster);
      String inCluster = tail.substring(Math.min(tail.length(),
          EnvironmentNames.part(cluster).length() + 1));
      if (inCluster.startsWith(REPLICAS)) {
        String id = nameAt(inCluster.substring(REPLICAS.length()), names.replicas(cluster));
        if (id == null) {
          return null;
        }
        trial.addReplica(cluster, id);
      }
    } else if (rest.startsWith(POOLS)) {
      String pool = nameAt(rest.substring(POOLS.length()), names.pools());
      if (pool == null) {
        return null;
      }
      trial.addPool(pool);
    } else {
      return null;
    }
    List<String> keys = new ArrayList<>();
    for (String key : grammar.validKeys(trial)) {
      if (EnvironmentNames.of(key).equals(variable)) {
        keys.add(key);
      }
    }
    if (keys.isEmpty()) {
      return null;
    }
    names = trial;
    return only(variable, keys);
  }

  /**
   * The name at the start of {@code text}: a known one whose variable form starts it (the
   * longest, since {@code ORDERS_EU_...} is cluster {@code orders-eu} before {@code orders}), or
   * a new lower-case one up to the next {@code _}.
   */
  private static String nameAt(String text, Iterable<String> known) {
    String best = null;
    for (String name : known) {
      String form = EnvironmentNames.part(name) + "_";
      if (text.startsWith(form) && (best == null || name.length() > best.length())) {
        best = name;
      }
    }
    if (best != null) {
      return best;
    }
    int end = text.indexOf('_');
    String token = end < 0 ? text : text.substring(0, end);
    return NEW_NAME.matcher(token).matches() ? token.toLowerCase(Locale.ROOT) : null;
  }

  private static String only(String variable, List<String> keys) {
    if (keys.size() > 1) {
      throw new IllegalArgumentException("environment variable " + variable
          + " is the name of more than one key, " + keys + "; rename the clusters, replicas or"
          + " pools so that their names differ in more than '-', '_' and case");
    }
    return keys.get(0);
  }
}
