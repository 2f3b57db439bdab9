package io.cenote.router.internal.fleet;

import static io.cenote.router.internal.fleet.FleetFixtures.map;
import static io.cenote.router.internal.fleet.FleetFixtures.read;
import static io.cenote.router.internal.fleet.FleetFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.router.internal.fleet.FleetModel.ResilienceModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a cluster has a resilience section, and what its settings are. */
class ResilienceLayeringTest {

  private static final String URL = "jdbc:sqlite:orders.db";

  private static ResilienceModel orders(Map<String, String> file) {
    file.put("cenote.clusters.orders.primary.jdbcUrl", URL);
    file.put("cenote.clusters.orders.replicas.r1.jdbcUrl", URL);
    return read(file).clusters().get("orders").resilience();
  }

  @Test
  void aClusterWithoutResilienceKeysHasNoSection() {
    assertThat(orders(map()).enabled()).isFalse();
    assertThat(orders(map("cenote.defaults.resilience.maxAttempts", "4")).enabled()).isFalse();
  }

  @Test
  void anyResilienceKeyOfTheClusterSwitchesTheSectionOn() {
    assertThat(orders(map("cenote.clusters.orders.resilience.maxAttempts", "4")).enabled())
        .isTrue();
    assertThat(orders(map("cenote.clusters.orders.resilience.enabled", "true")).enabled())
        .isTrue();
    assertThat(orders(map(
        "cenote.clusters.orders.resilience.hosts.orders-r1.breaker.slidingWindowSize", "2"))
        .enabled()).isTrue();
  }

  @Test
  void defaultsSwitchEveryClusterOnAndAClusterMaySwitchItselfOff() {
    assertThat(orders(map("cenote.defaults.resilience.enabled", "TRUE")).enabled()).isTrue();
    ResilienceModel off = orders(map("cenote.defaults.resilience.enabled", "true",
        "cenote.clusters.orders.resilience.enabled", "false",
        "cenote.clusters.orders.resilience.maxAttempts", "4"));

    assertThat(off.enabled()).isFalse();
    assertThat(values(off.settings())).containsOnly(Map.entry("maxAttempts", "4"));
  }

  @Test
  void theClustersSettingsBeatTheDefaultsAndEnabledIsNoSetting() {
    ResilienceModel r = orders(map(
        "cenote.defaults.resilience.maxAttempts", "4",
        "cenote.defaults.resilience.jitter", "0.1",
        "cenote.clusters.orders.resilience.maxAttempts", "5",
        "cenote.clusters.orders.resilience.enabled", "true"));

    assertThat(values(r.settings())).containsOnly(Map.entry("maxAttempts", "5"),
        Map.entry("jitter", "0.1"));
  }

  @Test
  void aHostsBreakerIsTheClustersBreakerWithItsOwnOverrides() {
    ResilienceModel r = orders(map(
        "cenote.defaults.resilience.breaker.waitDurationInOpenState", "10s",
        "cenote.clusters.orders.resilience.breaker.slidingWindowSize", "40",
        "cenote.clusters.orders.resilience.breaker.minimumNumberOfCalls", "20",
        "cenote.clusters.orders.resilience.hosts.orders-r1.breaker.slidingWindowSize", "2",
        "cenote.clusters.orders.resilience.hosts.orders-r1.breaker.minimumNumberOfCalls", "1"));

    assertThat(r.hostBreakers()).containsOnlyKeys("orders-r1");
    assertThat(values(r.hostBreakers().get("orders-r1"))).containsOnly(
        Map.entry("waitDurationInOpenState", "10s"), Map.entry("slidingWindowSize", "2"),
        Map.entry("minimumNumberOfCalls", "1"));
  }

  @Test
  void aBreakerOverrideForAHostTheClusterLacksSuggestsTheNearestHost() {
    assertThatThrownBy(() -> orders(map(
        "cenote.clusters.orders.resilience.hosts.orders-r2.breaker.slidingWindowSize", "2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cenote.clusters.orders.resilience.hosts.orders-r2.breaker.slidingWindowSize:"
            + " cluster 'orders' has no host 'orders-r2' (its hosts are [orders-primary,"
            + " orders-r1]); did you mean"
            + " 'cenote.clusters.orders.resilience.hosts.orders-r1.breaker.slidingWindowSize'?");
  }

  @Test
  void aBadEnabledValueNamesItsKey() {
    assertThatThrownBy(() -> orders(map("cenote.clusters.orders.resilience.enabled", "yes")))
        .hasMessage("cenote.clusters.orders.resilience.enabled: enabled must be true or false,"
            + " but was 'yes'");
    assertThatThrownBy(() -> read(map("cenote.defaults.resilience.enabled", "on")))
        .hasMessage("cenote.defaults.resilience.enabled: enabled must be true or false,"
            + " but was 'on'");
  }
}
