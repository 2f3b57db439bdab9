package io.cenote.router.internal.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.router.internal.fleet.FleetKey.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyGrammarTest {

  private final KeyGrammar grammar = new KeyGrammar(FleetFixtures.CATALOG);
  private final FleetNames names = FleetNames.collect(List.of(
      "cenote.clusters.orders.primary.jdbcUrl", "cenote.clusters.orders.replicas.r1.jdbcUrl",
      "cenote.pools.cache.jdbcUrl"));

  private FleetKey parse(String key) {
    return grammar.parse(key, names);
  }

  @Test
  void everyPositionIsTakenApart() {
    assertThat(parse("cenote.profile"))
        .isEqualTo(new FleetKey("cenote.profile", Scope.PROFILE, null, null, "profile"));
    assertThat(parse("cenote.defaults.maxSize").scope()).isEqualTo(Scope.DEFAULTS);
    assertThat(parse("cenote.defaults.preset").setting()).isEqualTo("preset");
    assertThat(parse("cenote.defaults.driver.ssl").setting()).isEqualTo("driver.ssl");
    assertThat(parse("cenote.defaults.resilience.enabled").scope())
        .isEqualTo(Scope.DEFAULTS_RESILIENCE);
    assertThat(parse("cenote.clusters.orders.strategy"))
        .isEqualTo(new FleetKey("cenote.clusters.orders.strategy", Scope.CLUSTER, "orders", null,
            "strategy"));
    assertThat(parse("cenote.clusters.orders.preset").scope()).isEqualTo(Scope.CLUSTER);
    assertThat(parse("cenote.clusters.orders.maxSize").scope()).isEqualTo(Scope.CLUSTER_HOSTS);
    assertThat(parse("cenote.clusters.orders.primary.poolName").scope())
        .isEqualTo(Scope.PRIMARY);
    assertThat(parse("cenote.clusters.orders.replicas.r-2_b.driver.a.b"))
        .isEqualTo(new FleetKey("cenote.clusters.orders.replicas.r-2_b.driver.a.b", Scope.REPLICA,
            "orders", "r-2_b", "driver.a.b"));
    assertThat(parse("cenote.clusters.orders.resilience.breaker.slidingWindowSize").scope())
        .isEqualTo(Scope.CLUSTER_RESILIENCE);
    assertThat(parse("cenote.clusters.orders.resilience.hosts.orders.r1.breaker.slidingWindowSize"))
        .isEqualTo(new FleetKey(
            "cenote.clusters.orders.resilience.hosts.orders.r1.breaker.slidingWindowSize",
            Scope.HOST_BREAKER, "orders", "orders.r1", "slidingWindowSize"));
    assertThat(parse("cenote.pools.cache.preset"))
        .isEqualTo(new FleetKey("cenote.pools.cache.preset", Scope.POOL, "cache", null,
            "preset"));
  }

  @ParameterizedTest
  @CsvSource({
      "cenote.profil, cenote.profile",
      "cenote.clsuters.orders.strategy, cenote.clusters.orders.strategy",
      "cenote.defaults.maxSzie, cenote.defaults.maxSize",
      "cenote.defaults.drivr.ssl, cenote.defaults.driver.ssl",
      "cenote.defaults.resilience.maxAttempt, cenote.defaults.resilience.maxAttempts",
      "cenote.clusters.orders.stratgy, cenote.clusters.orders.strategy",
      "cenote.clusters.orders.primary.maxSzie, cenote.clusters.orders.primary.maxSize",
      "cenote.clusters.orders.primry.maxSize, cenote.clusters.orders.primary.maxSize",
      "cenote.clusters.orders.replica.r7.jdbcUrl, cenote.clusters.orders.replicas.r7.jdbcUrl",
      "cenote.clusters.orders.replicas.r1.jdbcURL, cenote.clusters.orders.replicas.r1.jdbcUrl",
      "cenote.clusters.orders.resilience.breaker.failureRate,"
          + " cenote.clusters.orders.resilience.breaker.failureRateThreshold",
      "cenote.clusters.orders.resilience.enable, cenote.clusters.orders.resilience.enabled",
      "cenote.clusters.orders.resilience.hosts.orders-r1.breaker.windowSize,"
          + " cenote.clusters.orders.resilience.hosts.orders-r1.breaker.slidingWindowSize",
      "cenote.pools.cache.jdbcurl, cenote.pools.cache.jdbcUrl",
      "cenote.clusters.orders, cenote.clusters.orders.preset",
      "cenote.clusters.orders.eu.primary.jdbcUrl, cenote.clusters.orders-eu.primary.jdbcUrl",
      "cenote.pools.my.cache.jdbcUrl, cenote.pools.my-cache.jdbcUrl",
  })
  void anUnknownKeyIsNamedWithTheNearestValidKey(String key, String suggestion) {
    assertThatThrownBy(() -> parse(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown key '" + key + "'; did you mean '" + suggestion + "'?");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cenote.clusters.or$ders.strategy|cluster name 'or$ders'",
      "cenote.clusters..strategy|cluster name ''",
      "cenote.clusters.orders.replicas.r 1.jdbcUrl|replica id 'r 1'",
      "cenote.pools.ca/che.jdbcUrl|pool name 'ca/che'",
  })
  void namesWithCharactersANameMayNotHaveAreRejected(String key, String what) {
    assertThatThrownBy(() -> parse(key))
        .hasMessage(what + " in key '" + key + "' must be letters, digits, '_' or '-'");
  }

  @Test
  void aHostNameInABreakerOverrideMayHaveDotsAsPoolNamesDo() {
    String key = "cenote.clusters.orders.resilience.hosts.a b.breaker.slidingWindowSize";
    assertThatThrownBy(() -> parse(key))
        .hasMessage("host pool name 'a b' in key '" + key
            + "' must be letters, digits, '.', '_' or '-'");
  }

  @Test
  void poolNameIsRejectedWhereItWouldNameManyPools() {
    assertThatThrownBy(() -> parse("cenote.defaults.poolName"))
        .hasMessage("key 'cenote.defaults.poolName' would give many pools one name; set poolName"
            + " per host (cenote.clusters.<cluster>.primary.poolName) or per pool"
            + " (cenote.pools.<pool>.poolName)");
    assertThatThrownBy(() -> parse("cenote.clusters.orders.poolName"))
        .hasMessageStartingWith("key 'cenote.clusters.orders.poolName' would give many pools");
    assertThat(parse("cenote.pools.cache.poolName").setting()).isEqualTo("poolName");
  }

  @Test
  void validKeysCoverEveryPositionForTheNamesGiven() {
    names.addDriver("ssl");
    var keys = grammar.validKeys(names);

    assertThat(keys).contains("cenote.profile", "cenote.defaults.maxSize",
        "cenote.defaults.driver.ssl", "cenote.defaults.resilience.enabled",
        "cenote.clusters.orders.strategy", "cenote.clusters.orders.preset",
        "cenote.clusters.orders.replicas.r1.poolName",
        "cenote.clusters.orders.resilience.hosts.orders-r1.breaker.slidingWindowSize",
        "cenote.clusters.orders.resilience.hosts.orders-primary.breaker.failureRateThreshold",
        "cenote.pools.cache.driver.ssl")
        .doesNotContain("cenote.defaults.poolName", "cenote.clusters.orders.poolName");
    keys.forEach(k -> assertThat(grammar.isValid(k)).as(k).isTrue());
  }
}
