package io.cenote.router.internal.fleet;

import io.cenote.pool.PoolConfig;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.router.ClusterConfig;
import io.cenote.router.internal.fleet.FleetModel.ClusterModel;
import io.cenote.router.internal.fleet.FleetModel.PoolModel;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Assembles the configuration objects a fleet file and the environment describe: reads and
 * merges the settings ({@link FleetReader}), then hands them to the builders of
 * {@link PoolConfig}, {@link ClusterConfig} and {@link ResilienceConfig}, which parse and check
 * every value. Opens nothing. The one public class of this package, behind
 * {@code io.cenote.router.FleetConfig}.
 */
public final class FleetAssembler {

  /** Pool and resilience keys straight from their config classes, so none can be missed. */
  static final KeyCatalog CATALOG = new KeyCatalog(PoolConfig.propertyNames(),
      ResilienceConfig.propertyNames());

  private FleetAssembler() {}

  /**
   * Assembles a fleet.
   *
   * @param properties the file's properties; keys not starting with {@code cenote.} are ignored
   * @param environment the environment variables
   * @return the fleet
   * @throws IllegalArgumentException naming the key (and variable) at fault, secrets masked
   */
  public static Fleet assemble(Map<String, String> properties, Map<String, String> environment) {
    FleetModel model = new FleetReader(CATALOG).read(properties, environment);
    SecretMask secrets = model.secrets();
    PoolAssembly.checkDefaults(model.defaults(), secrets);
    ResilienceAssembly.checkDefaults(model.defaultResilience(), secrets);
    SortedMap<String, ClusterConfig> clusters = new TreeMap<>();
    for (ClusterModel cluster : model.clusters().values()) {
      clusters.put(cluster.name(), cluster(cluster, secrets));
    }
    SortedMap<String, PoolConfig> pools = new TreeMap<>();
    for (Map.Entry<String, PoolModel> pool : model.pools().entrySet()) {
      pools.put(pool.getKey(), PoolAssembly.build(pool.getValue(), secrets));
    }
    return new Fleet(model.profile(), Collections.unmodifiableSortedMap(clusters),
        Collections.unmodifiableSortedMap(pools));
  }

  private static ClusterConfig cluster(ClusterModel cluster, SecretMask secrets) {
    ClusterConfig.Builder builder = ClusterConfig.builder(cluster.name())
        .primary(PoolAssembly.build(cluster.primary(), secrets));
    for (PoolModel replica : cluster.replicas()) {
      builder.replica(PoolAssembly.build(replica, secrets));
    }
    SettingApplier.apply(cluster.settings(),
        (key, value) -> ClusterSetters.set(builder, key, value), secrets);
    ResilienceConfig resilience = ResilienceAssembly.build(cluster.name(), cluster.resilience(),
        secrets);
    if (cluster.resilience().enabled()) {
      builder.resilience(resilience);
    }
    return SettingApplier.build("cluster '" + cluster.name() + "' (" + KeyGrammar.ROOT
        + KeyGrammar.CLUSTERS + "." + cluster.name() + ")", builder::build, secrets);
  }

  /**
   * What a fleet file describes.
   *
   * @param profile the profile's name
   * @param clusters the clusters by name, in name order, unmodifiable
   * @param pools the standalone pools by their name in the file, in name order, unmodifiable
   */
  public record Fleet(String profile, SortedMap<String, ClusterConfig> clusters,
      SortedMap<String, PoolConfig> pools) {}
}
