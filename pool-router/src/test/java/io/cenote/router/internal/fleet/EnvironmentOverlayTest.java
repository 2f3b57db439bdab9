package io.cenote.router.internal.fleet;

import static io.cenote.router.internal.fleet.FleetFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EnvironmentOverlayTest {

  private final KeyGrammar grammar = new KeyGrammar(FleetFixtures.CATALOG);

  private SortedMap<String, Setting> overlay(Map<String, String> file, Map<String, String> env) {
    FleetNames names = FleetNames.collect(file.keySet());
    file.keySet().forEach(k -> {
      String setting = grammar.parse(k, names).setting();
      if (setting.startsWith(KeyCatalog.DRIVER_PREFIX)) {
        names.addDriver(setting.substring(KeyCatalog.DRIVER_PREFIX.length()));
      }
    });
    return new EnvironmentOverlay(grammar, env, names).apply(new TreeMap<>(file));
  }

  private static Map<String, String> values(SortedMap<String, Setting> settings) {
    Map<String, String> m = new TreeMap<>();
    settings.forEach((k, s) -> m.put(k, s.value()));
    return m;
  }

  @Test
  void aVariableOverridesTheFilesKeyAndSaysSo() {
    SortedMap<String, Setting> merged = overlay(
        map("cenote.clusters.orders.primary.maxSize", "10"),
        map("CENOTE_CLUSTERS_ORDERS_PRIMARY_MAX_SIZE", "20"));

    Setting s = merged.get("cenote.clusters.orders.primary.maxSize");
    assertThat(s.value()).isEqualTo("20");
    assertThat(s.origin()).isEqualTo("environment variable CENOTE_CLUSTERS_ORDERS_PRIMARY_MAX_SIZE"
        + " (cenote.clusters.orders.primary.maxSize)");
  }

  @Test
  void aVariableSetsAKeyTheFileLacksAtEveryPositionOfKnownNames() {
    Map<String, String> merged = values(overlay(
        map("cenote.clusters.orders-eu.replicas.r1.jdbcUrl", "jdbc:a",
            "cenote.pools.cache.driver.ssl", "true"),
        map("CENOTE_PROFILE", "dev",
            "CENOTE_DEFAULTS_RESILIENCE_BREAKER_SLIDING_WINDOW_SIZE", "5",
            "CENOTE_CLUSTERS_ORDERS_EU_STRATEGY", "random",
            "CENOTE_CLUSTERS_ORDERS_EU_REPLICAS_R1_PASSWORD", "pw",
            "CENOTE_CLUSTERS_ORDERS_EU_RESILIENCE_HOSTS_ORDERS_EU_R1_BREAKER_MINIMUM_NUMBER"
                + "_OF_CALLS", "2",
            "CENOTE_DEFAULTS_DRIVER_SSL", "false")));

    assertThat(merged).containsEntry("cenote.profile", "dev")
        .containsEntry("cenote.defaults.resilience.breaker.slidingWindowSize", "5")
        .containsEntry("cenote.clusters.orders-eu.strategy", "random")
        .containsEntry("cenote.clusters.orders-eu.replicas.r1.password", "pw")
        .containsEntry(
            "cenote.clusters.orders-eu.resilience.hosts.orders-eu-r1.breaker.minimumNumberOfCalls",
            "2")
        .containsEntry("cenote.defaults.driver.ssl", "false");
  }

  @Test
  void aVariableBringsANewClusterReplicaOrPoolWhoseNameIsLowerCaseLettersAndDigits() {
    Map<String, String> merged = values(overlay(
        map("cenote.clusters.orders.primary.jdbcUrl", "jdbc:a"),
        map("CENOTE_CLUSTERS_BILLING2_PRIMARY_JDBC_URL", "jdbc:b",
            "CENOTE_CLUSTERS_BILLING2_REPLICAS_R1_JDBC_URL", "jdbc:c",
            "CENOTE_CLUSTERS_ORDERS_REPLICAS_R9_MAX_SIZE", "3",
            "CENOTE_POOLS_CACHE_JDBC_URL", "jdbc:d")));

    assertThat(merged).containsEntry("cenote.clusters.billing2.primary.jdbcUrl", "jdbc:b")
        .containsEntry("cenote.clusters.billing2.replicas.r1.jdbcUrl", "jdbc:c")
        .containsEntry("cenote.clusters.orders.replicas.r9.maxSize", "3")
        .containsEntry("cenote.pools.cache.jdbcUrl", "jdbc:d");
  }

  @Test
  void aNameWithDashesOrUnderscoresMustBeInTheFileForAVariableToReachIt() {
    Map<String, String> merged = values(overlay(map(),
        map("CENOTE_CLUSTERS_ORDERS_EU_STRATEGY", "random")));

    assertThat(merged).isEmpty();
  }

  @Test
  void aBreakerOverrideMayNameAHostWhosePoolNameAVariableSet() {
    Map<String, String> merged = values(overlay(
        map("cenote.clusters.orders.primary.jdbcUrl", "jdbc:a"),
        map("CENOTE_CLUSTERS_ORDERS_PRIMARY_POOL_NAME", "main",
            "CENOTE_CLUSTERS_ORDERS_RESILIENCE_HOSTS_MAIN_BREAKER_SLIDING_WINDOW_SIZE", "4")));

    assertThat(merged)
        .containsEntry("cenote.clusters.orders.resilience.hosts.main.breaker.slidingWindowSize",
            "4");
  }

  @Test
  void variablesThatNameNoKeyAreIgnoredAndLoggedByNameOnly() {
    SortedMap<String, Setting> merged;
    try (CapturedErr err = new CapturedErr()) {
      merged = overlay(map("cenote.pools.cache.jdbcUrl", "jdbc:a"),
          map("CENOTE_POOLS_CACHE_MAX_SIZ", "hunter2", "CENOTE_MAX_SIZE", "hunter3",
              "PATH", "/bin", "CENOTE_POOLS_CACHE_PASSWORD", "hunter4"));

      assertThat(err.text())
          .contains("environment variable CENOTE_POOLS_CACHE_MAX_SIZ names no fleet key; ignored")
          .contains("environment variable CENOTE_MAX_SIZE names no fleet key; ignored")
          .contains("environment variable CENOTE_POOLS_CACHE_PASSWORD sets"
              + " cenote.pools.cache.password")
          .doesNotContain("hunter", "PATH");
    }
    assertThat(merged).containsOnlyKeys("cenote.pools.cache.jdbcUrl",
        "cenote.pools.cache.password");
  }

  @Test
  void aVariableThatNamesTwoKeysIsAnError() {
    assertThatThrownBy(() -> overlay(
        map("cenote.clusters.a-b.primary.jdbcUrl", "jdbc:a",
            "cenote.clusters.a_b.primary.jdbcUrl", "jdbc:b"),
        map("CENOTE_CLUSTERS_A_B_STRATEGY", "random")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("environment variable CENOTE_CLUSTERS_A_B_STRATEGY is the name of more than"
            + " one key, [cenote.clusters.a-b.strategy, cenote.clusters.a_b.strategy]; rename the"
            + " clusters, replicas or pools so that their names differ in more than '-', '_' and"
            + " case");
  }
}
