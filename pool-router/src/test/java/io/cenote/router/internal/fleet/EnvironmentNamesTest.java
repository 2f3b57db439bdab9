package io.cenote.router.internal.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvironmentNamesTest {

  @Test
  void eachSegmentBecomesUpperSnakeCase() {
    assertThat(EnvironmentNames.of("cenote.clusters.orders.primary.jdbcUrl"))
        .isEqualTo("CENOTE_CLUSTERS_ORDERS_PRIMARY_JDBC_URL");
    assertThat(EnvironmentNames.of("cenote.defaults.maxSize"))
        .isEqualTo("CENOTE_DEFAULTS_MAX_SIZE");
    assertThat(EnvironmentNames.of("cenote.profile")).isEqualTo("CENOTE_PROFILE");
    assertThat(EnvironmentNames.of("cenote.clusters.orders.primary.password"))
        .isEqualTo("CENOTE_CLUSTERS_ORDERS_PRIMARY_PASSWORD");
  }

  @Test
  void digitsDashesAndRunsOfCapitalsAreWordBoundariesAsPeopleReadThem() {
    assertThat(EnvironmentNames.of("cenote.defaults.healthMaxP99Wait"))
        .isEqualTo("CENOTE_DEFAULTS_HEALTH_MAX_P99_WAIT");
    assertThat(EnvironmentNames.of("cenote.clusters.orders-eu.replicas.r1.maxSize"))
        .isEqualTo("CENOTE_CLUSTERS_ORDERS_EU_REPLICAS_R1_MAX_SIZE");
    assertThat(EnvironmentNames.of("cenote.pools.cache.driver.oracle.net.CONNECT_TIMEOUT"))
        .isEqualTo("CENOTE_POOLS_CACHE_DRIVER_ORACLE_NET_CONNECT_TIMEOUT");
    assertThat(EnvironmentNames.of(
        "cenote.clusters.orders.resilience.breaker.failureRateThreshold"))
        .isEqualTo("CENOTE_CLUSTERS_ORDERS_RESILIENCE_BREAKER_FAILURE_RATE_THRESHOLD");
  }
}
