package io.cenote.router.internal.fleet;

import static io.cenote.router.internal.fleet.FleetFixtures.map;
import static io.cenote.router.internal.fleet.FleetFixtures.read;
import static io.cenote.router.internal.fleet.FleetFixtures.setting;
import static io.cenote.router.internal.fleet.FleetFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.router.internal.fleet.FleetModel.ClusterModel;
import io.cenote.router.internal.fleet.FleetModel.PoolModel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The layers of a host and of a standalone pool, lowest first; each beats those below. */
class FleetLayeringTest {

  private static final String URL = "jdbc:sqlite:orders.db";

  /** A host's layers, lowest first, each giving maxSize a value of its own. */
  private static final String[][] HOST_LAYERS = {
      {"cenote.profile", "test", "2"},
      {"cenote.defaults.preset", "conservative", "5"},
      {"cenote.clusters.orders.preset", "moderate", "10"},
      {"cenote.clusters.orders.replicas.r1.preset", "aggressive", "20"},
      {"cenote.defaults.maxSize", "31", "31"},
      {"cenote.clusters.orders.maxSize", "32", "32"},
      {"cenote.clusters.orders.replicas.r1.maxSize", "33", "33"},
  };

  /** A standalone pool's layers, lowest first. */
  private static final String[][] POOL_LAYERS = {
      {"cenote.profile", "dev", "5"},
      {"cenote.defaults.preset", "aggressive", "20"},
      {"cenote.pools.cache.preset", "conservative", "5"},
      {"cenote.defaults.maxSize", "31", "31"},
      {"cenote.pools.cache.maxSize", "34", "34"},
  };

  @ParameterizedTest(name = "{0} beats every layer below it")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void eachHostLayerBeatsTheLayersBelow(int layer) {
    Map<String, String> file = layers(HOST_LAYERS, layer);
    file.put("cenote.clusters.orders.replicas.r1.jdbcUrl", URL);

    PoolModel replica = read(file).clusters().get("orders").replicas().get(0);

    Setting maxSize = setting(replica.settings(), "maxSize");
    assertThat(maxSize.value()).isEqualTo(HOST_LAYERS[layer][2]);
    assertThat(maxSize.origin()).contains(HOST_LAYERS[layer][0]);
  }

  @ParameterizedTest(name = "{0} beats every layer below it")
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void eachPoolLayerBeatsTheLayersBelow(int layer) {
    Map<String, String> file = layers(POOL_LAYERS, layer);
    file.put("cenote.pools.cache.jdbcUrl", URL);

    PoolModel cache = read(file).pools().get("cache");

    assertThat(setting(cache.settings(), "maxSize").value()).isEqualTo(POOL_LAYERS[layer][2]);
  }

  @Test
  void aLayerBelowStillGivesWhatTheLayersAboveDoNotSet() {
    ClusterModel orders = read(map(
        "cenote.profile", "dev",
        "cenote.defaults.preset", "moderate",
        "cenote.defaults.maxSize", "12",
        "cenote.clusters.orders.validationTimeout", "2s",
        "cenote.clusters.orders.primary.jdbcUrl", URL)).clusters().get("orders");

    assertThat(values(orders.primary().settings())).containsOnly(
        Map.entry("minIdle", "1"), Map.entry("leakDetectionThreshold", "10s"),
        Map.entry("maxOverflow", "20"), Map.entry("acquireTimeout", "60s"),
        Map.entry("maxLifetime", "1800s"), Map.entry("maxSize", "12"),
        Map.entry("validationTimeout", "2s"), Map.entry("jdbcUrl", URL),
        Map.entry("poolName", "orders-primary"));
  }

  @Test
  void theEnvironmentReplacesTheSameKeyOnlySoAHigherLayerStillWins() {
    ClusterModel orders = read(map(
        "cenote.defaults.maxSize", "10",
        "cenote.clusters.orders.primary.jdbcUrl", URL,
        "cenote.clusters.orders.primary.maxSize", "15",
        "cenote.clusters.orders.replicas.r1.jdbcUrl", URL),
        map("CENOTE_DEFAULTS_MAX_SIZE", "20")).clusters().get("orders");

    assertThat(setting(orders.primary().settings(), "maxSize").value()).isEqualTo("15");
    assertThat(setting(orders.replicas().get(0).settings(), "maxSize").value()).isEqualTo("20");
  }

  @Test
  void placeholdersResolveAfterTheEnvironmentOverride() {
    PoolModel cache = read(map(
        "cenote.pools.cache.jdbcUrl", "jdbc:sqlite:${FILE_DB}",
        "cenote.pools.cache.username", "${FILE_USER:-app}"),
        map("CENOTE_POOLS_CACHE_JDBC_URL", "jdbc:sqlite:${ENV_DB}", "ENV_DB", "env.db",
            "FILE_DB", "file.db")).pools().get("cache");

    assertThat(values(cache.settings())).containsEntry("jdbcUrl", "jdbc:sqlite:env.db")
        .containsEntry("username", "app");
  }

  @Test
  void hostsAreNamedAfterClusterAndReplicaUnlessPoolNameIsSet() {
    FleetModel fleet = read(map(
        "cenote.clusters.orders.primary.jdbcUrl", URL,
        "cenote.clusters.orders.replicas.r2.jdbcUrl", URL,
        "cenote.clusters.orders.replicas.r1.poolName", "orders-reader",
        "cenote.pools.cache.jdbcUrl", URL));
    ClusterModel orders = fleet.clusters().get("orders");

    assertThat(orders.primary().poolName()).isEqualTo("orders-primary");
    assertThat(orders.replicas()).extracting(PoolModel::poolName)
        .containsExactly("orders-reader", "orders-r2");
    assertThat(fleet.pools().get("cache").poolName()).isEqualTo("cache");
  }

  @Test
  void aClusterAlwaysHasAPrimaryEvenWhenOnlyItsClusterKeysAreSet() {
    ClusterModel orders = read(map("cenote.clusters.orders.jdbcUrl", URL)).clusters()
        .get("orders");

    assertThat(values(orders.primary().settings())).containsEntry("jdbcUrl", URL);
    assertThat(orders.replicas()).isEmpty();
  }

  @Test
  void clusterSettingsStayApartFromPoolSettings() {
    ClusterModel orders = read(map(
        "cenote.clusters.orders.strategy", "least-loaded",
        "cenote.clusters.orders.healthCheckInterval", "2s",
        "cenote.clusters.orders.healthWindow", "30s",
        "cenote.clusters.orders.primary.jdbcUrl", URL)).clusters().get("orders");

    assertThat(values(orders.settings())).containsOnly(Map.entry("strategy", "least-loaded"),
        Map.entry("healthCheckInterval", "2s"));
    assertThat(values(orders.primary().settings())).containsEntry("healthWindow", "30s")
        .doesNotContainKeys("strategy", "healthCheckInterval");
  }

  @Test
  void namesMustDifferAcrossTheFleet() {
    assertThatThrownBy(() -> read(map(
        "cenote.clusters.orders.primary.jdbcUrl", URL,
        "cenote.pools.cache.jdbcUrl", URL,
        "cenote.pools.cache.poolName", "orders-primary")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name 'orders-primary' is used by pool 'orders-primary'"
            + " (cenote.clusters.orders.primary) and by pool 'orders-primary' (cenote.pools.cache);"
            + " clusters and pools of one fleet need names of their own");
    assertThatThrownBy(() -> read(map(
        "cenote.clusters.orders.primary.jdbcUrl", URL, "cenote.pools.orders.jdbcUrl", URL)))
        .hasMessageStartingWith("name 'orders' is used by cluster 'orders' and by pool 'orders'");
  }

  @Test
  void badProfilesAndPresetsNameTheirKey() {
    assertThatThrownBy(() -> read(map("cenote.profile", "qa")))
        .hasMessage("cenote.profile: profile must be dev, test, staging or prod, but was 'qa'");
    assertThatThrownBy(() -> read(map("cenote.pools.cache.jdbcUrl", URL),
        map("CENOTE_POOLS_CACHE_PRESET", "fast")))
        .hasMessage("environment variable CENOTE_POOLS_CACHE_PRESET (cenote.pools.cache.preset):"
            + " preset must be conservative, moderate or aggressive, but was 'fast'");
  }

  @Test
  void profilesAndPresetsAreReadInAnyCase() {
    FleetModel fleet = read(map("cenote.profile", "STAGING", "cenote.pools.cache.preset",
        "Aggressive", "cenote.pools.cache.jdbcUrl", URL));

    assertThat(fleet.profile()).isEqualTo("staging");
    assertThat(values(fleet.pools().get("cache").settings())).containsEntry("maxSize", "20")
        .containsEntry("leakDetectionThreshold", "30s");
  }

  private static Map<String, String> layers(String[][] layers, int upTo) {
    Map<String, String> file = new LinkedHashMap<>();
    Arrays.stream(layers, 0, upTo + 1).forEach(l -> file.put(l[0], l[1]));
    return file;
  }
}
