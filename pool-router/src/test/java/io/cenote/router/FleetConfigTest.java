package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolConfig;
import io.cenote.resilience.ResilienceConfig;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetConfigTest {

  private static Properties properties(String... keysAndValues) {
    Properties p = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return p;
  }

  private static FleetConfig load(String... keysAndValues) {
    return FleetConfig.fromProperties(properties(keysAndValues), Map.of());
  }

  @Test
  void theIssuesExampleDescribesAClusterAndAPool() {
    FleetConfig fleet = load(
        "cenote.defaults.maxSize", "10",
        "cenote.clusters.orders.primary.jdbcUrl", "jdbc:postgresql://db1:5432/orders",
        "cenote.clusters.orders.replicas.r1.jdbcUrl", "jdbc:postgresql://db2:5432/orders",
        "cenote.clusters.orders.strategy", "least-loaded",
        "cenote.clusters.orders.resilience.breaker.failureRateThreshold", "50",
        "cenote.pools.cache.jdbcUrl", "jdbc:sqlite:cache.db");
    ClusterConfig orders = fleet.clusters().get("orders");
    PoolConfig cache = fleet.pools().get("cache");

    assertThat(fleet.profile()).isEqualTo("prod");
    assertThat(orders.primary().poolName()).isEqualTo("orders-primary");
    assertThat(orders.primary().jdbcUrl()).isEqualTo("jdbc:postgresql://db1:5432/orders");
    assertThat(orders.replicas()).extracting(PoolConfig::poolName).containsExactly("orders-r1");
    assertThat(orders.strategy()).contains(Strategy.LEAST_LOADED);
    assertThat(orders.dialect()).isSameAs(DatabaseType.POSTGRESQL.dialect());
    assertThat(orders.resilience()).get().extracting(r -> r.breaker().failureRateThreshold())
        .isEqualTo(50f);
    assertThat(cache.poolName()).isEqualTo("cache");
    assertThat(cache.maxSize()).isEqualTo(10);
  }

  @Test
  void loadReadsAFileAsUtf8AndLeavesOtherKeysAlone(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("fleet.properties");
    Files.writeString(file, "# the app's own settings live here too\n"
        + "app.name=shop\n"
        + "cenote.pools.cache.jdbcUrl=jdbc:sqlite:cache.db\n"
        + "cenote.pools.cache.username=jürgen\n", StandardCharsets.UTF_8);

    FleetConfig fleet = FleetConfig.load(file, Map.of("CENOTE_POOLS_CACHE_MAX_SIZE", "3"));

    assertThat(fleet.pools().get("cache").username()).isEqualTo("jürgen");
    assertThat(fleet.pools().get("cache").maxSize()).isEqualTo(3);
    assertThat(fleet.clusters()).isEmpty();
  }

  @Test
  void aFileThatCannotBeReadIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("missing.properties");

    assertThatThrownBy(() -> FleetConfig.load(missing, Map.of()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read fleet file " + missing);
  }

  @Test
  void clustersAndPoolsComeInNameOrderAndCannotBeChanged() {
    FleetConfig fleet = load(
        "cenote.clusters.zeta.primary.jdbcUrl", "jdbc:sqlite:z.db",
        "cenote.clusters.alpha.primary.jdbcUrl", "jdbc:sqlite:a.db",
        "cenote.pools.b.jdbcUrl", "jdbc:sqlite:b.db",
        "cenote.pools.a.jdbcUrl", "jdbc:sqlite:a2.db");

    assertThat(fleet.clusters().keySet()).containsExactly("alpha", "zeta");
    assertThat(fleet.pools().keySet()).containsExactly("a", "b");
    assertThatThrownBy(() -> fleet.pools().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aClusterGetsAResilienceSectionOnlyWhenItAsksForOne() {
    FleetConfig fleet = load(
        "cenote.defaults.jdbcUrl", "jdbc:sqlite:f.db",
        "cenote.defaults.resilience.maxAttempts", "4",
        "cenote.clusters.plain.primary.poolName", "plain-main",
        "cenote.clusters.guarded.resilience.enabled", "true",
        "cenote.clusters.guarded.replicas.r1.poolName", "guarded-r1",
        "cenote.clusters.guarded.resilience.hosts.guarded-r1.breaker.slidingWindowSize", "2",
        "cenote.clusters.guarded.resilience.hosts.guarded-r1.breaker.minimumNumberOfCalls", "1");

    assertThat(fleet.clusters().get("plain").resilience()).isEmpty();
    ResilienceConfig guarded = fleet.clusters().get("guarded").resilience().orElseThrow();
    assertThat(guarded.maxAttempts()).isEqualTo(4);
    assertThat(guarded.breaker("guarded-r1").slidingWindowSize()).isEqualTo(2);
    assertThat(guarded.breaker("guarded-primary").slidingWindowSize()).isEqualTo(20);
  }

  @Test
  void clusterSettingsAreReadAsTheBuilderTakesThem() {
    ClusterConfig orders = load(
        "cenote.clusters.orders.primary.jdbcUrl", "jdbc:sqlite:o.db",
        "cenote.clusters.orders.strategy", "ROUND_ROBIN",
        "cenote.clusters.orders.noReplicaPolicy", "fail-fast",
        "cenote.clusters.orders.readYourWritesWindow", "PT2S",
        "cenote.clusters.orders.failoverChecks", "2").clusters().get("orders");

    assertThat(orders.strategy()).contains(Strategy.ROUND_ROBIN);
    assertThat(orders.noReplicaPolicy()).isEqualTo(NoReplicaPolicy.FAIL_FAST);
    assertThat(orders.readYourWritesWindow()).isEqualTo(Duration.ofSeconds(2));
    assertThat(orders.failoverChecks()).isEqualTo(2);
  }

  @Test
  void anUnknownKeyIsNamedWithTheNearestValidKey() {
    assertThatThrownBy(() -> load("cenote.clusters.orders.primary.maxSzie", "5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown key 'cenote.clusters.orders.primary.maxSzie'; did you mean"
            + " 'cenote.clusters.orders.primary.maxSize'?");
  }

  @Test
  void badValuesNameTheirKey() {
    String url = "jdbc:sqlite:o.db";
    assertThatThrownBy(() -> load("cenote.clusters.orders.primary.jdbcUrl", url,
        "cenote.clusters.orders.strategy", "fastest"))
        .hasMessage("cenote.clusters.orders.strategy: strategy must be round-robin, random or"
            + " least-loaded, but was 'fastest'");
    assertThatThrownBy(() -> load("cenote.clusters.orders.primary.jdbcUrl", url,
        "cenote.clusters.orders.healthCheckInterval", "0s"))
        .hasMessage("cenote.clusters.orders.healthCheckInterval: healthCheckInterval must be > 0,"
            + " but was PT0S");
    assertThatThrownBy(() -> load("cenote.clusters.orders.primary.jdbcUrl", url,
        "cenote.clusters.orders.resilience.enabled", "false",
        "cenote.clusters.orders.resilience.maxAttempts", "0"))
        .hasMessage("cenote.clusters.orders.resilience.maxAttempts: maxAttempts must be >= 1,"
            + " but was 0");
    assertThatThrownBy(() -> load("cenote.defaults.resilience.jitter", "2"))
        .hasMessage("cenote.defaults.resilience.jitter: jitter must be >= 0.0 and < 1.0,"
            + " but was 2.0");
    assertThatThrownBy(() -> load("cenote.clusters.orders.primary.jdbcUrl", url,
        "cenote.clusters.orders.resilience.hosts.orders-primary.breaker.minimumNumberOfCalls",
        "30"))
        .hasMessage("breaker of host 'orders-primary'"
            + " (cenote.clusters.orders.resilience.hosts.orders-primary): minimumNumberOfCalls"
            + " must be <= slidingWindowSize (20), but was 30");
  }

  @Test
  void rulesAcrossAClusterNameTheCluster() {
    assertThatThrownBy(() -> load(
        "cenote.clusters.orders.primary.jdbcUrl", "jdbc:postgresql://db1/orders",
        "cenote.clusters.orders.replicas.r1.jdbcUrl", "jdbc:mysql://db2/orders"))
        .hasMessage("cluster 'orders' (cenote.clusters.orders): replica pool 'orders-r1'"
            + " (jdbc:mysql://db2/orders) is MYSQL but primary pool 'orders-primary' of cluster"
            + " 'orders' is POSTGRESQL");
  }

  @Test
  void namesWithOtherCharactersAreRejected() {
    assertThatThrownBy(() -> load("cenote.pools.my.cache.jdbcUrl", "jdbc:sqlite:c.db"))
        .hasMessage("unknown key 'cenote.pools.my.cache.jdbcUrl'; did you mean"
            + " 'cenote.pools.my-cache.jdbcUrl'?");
    assertThatThrownBy(() -> load("cenote.pools.my cache.jdbcUrl", "jdbc:sqlite:c.db"))
        .hasMessage("pool name 'my cache' in key 'cenote.pools.my cache.jdbcUrl' must be"
            + " letters, digits, '_' or '-'");
  }
}
