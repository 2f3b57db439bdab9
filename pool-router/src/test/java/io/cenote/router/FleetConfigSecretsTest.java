package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cenote.pool.PoolConfig;
import io.cenote.router.internal.fleet.CapturedErr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A password given through an environment variable or a placeholder never shows: not in any
 * {@code toString()}, not in the message of a failing load, not in a log line.
 */
class FleetConfigSecretsTest {

  private static final String FROM_VARIABLE = "var-Pa55word";
  private static final String FROM_PLACEHOLDER = "placeholder-S3cret";
  private static final String IN_URL = "url-Hunter2";
  private static final Map<String, String> ENVIRONMENT = Map.of(
      "CENOTE_CLUSTERS_ORDERS_PRIMARY_PASSWORD", FROM_VARIABLE,
      "CACHE_PASSWORD", FROM_PLACEHOLDER,
      "REPLICA_URL_PASSWORD", IN_URL);

  private static Properties fleet(String... more) {
    Properties p = new Properties();
    p.setProperty("cenote.clusters.orders.primary.jdbcUrl", "jdbc:postgresql://db1/orders");
    p.setProperty("cenote.clusters.orders.replicas.r1.jdbcUrl",
        "jdbc:postgresql://app:${REPLICA_URL_PASSWORD}@db2/orders");
    p.setProperty("cenote.pools.cache.jdbcUrl", "jdbc:sqlite:cache.db");
    p.setProperty("cenote.pools.cache.password", "${CACHE_PASSWORD}");
    p.setProperty("cenote.pools.cache.driver.sslpassword", "${CACHE_PASSWORD}");
    for (int i = 0; i < more.length; i += 2) {
      p.setProperty(more[i], more[i + 1]);
    }
    return p;
  }

  @Test
  void theLoadedFleetHoldsThePasswordsAndShowsNone() {
    FleetConfig fleet = FleetConfig.fromProperties(fleet(), ENVIRONMENT);
    ClusterConfig orders = fleet.clusters().get("orders");
    PoolConfig cache = fleet.pools().get("cache");

    assertThat(orders.primary().password()).isEqualTo(FROM_VARIABLE);
    assertThat(cache.password()).isEqualTo(FROM_PLACEHOLDER);
    assertThat(orders.replicas().get(0).jdbcUrl()).contains(IN_URL);
    List<String> shown = List.of(fleet.toString(), orders.toString(), orders.primary().toString(),
        orders.replicas().get(0).toString(), cache.toString());
    for (String text : shown) {
      assertNoSecret(text);
    }
    assertThat(fleet.toString()).contains("password=****");
  }

  @Test
  void aFailingLoadNamesTheBadKeyAndNoPassword() {
    Throwable thrown = catchThrowable(() -> FleetConfig.fromProperties(
        fleet("cenote.clusters.orders.primary.maxSize", "0"), ENVIRONMENT));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cenote.clusters.orders.primary.maxSize: maxSize must be >= 1, but was 0");
    assertNoSecretIn(thrown);
  }

  @Test
  void aPasswordUsedAsAnotherValueByMistakeIsMaskedInTheMessage() {
    Throwable thrown = catchThrowable(() -> FleetConfig.fromProperties(
        fleet("cenote.pools.cache.maxSize", "${CACHE_PASSWORD}"), ENVIRONMENT));

    assertThat(thrown).hasMessage(
        "cenote.pools.cache.maxSize: maxSize must be an integer, but was '****'");
    assertNoSecretIn(thrown);
  }

  @Test
  void credentialsInABadUrlAreMaskedInTheMessage() {
    Throwable thrown = catchThrowable(() -> FleetConfig.fromProperties(fleet(
        "cenote.clusters.orders.replicas.r1.jdbcUrl",
        "postgresql://app:${REPLICA_URL_PASSWORD}@db2/orders"), ENVIRONMENT));

    assertThat(thrown).hasMessageStartingWith("cenote.clusters.orders.replicas.r1.jdbcUrl:"
        + " jdbcUrl must start with 'jdbc:'");
    assertNoSecretIn(thrown);
  }

  @Test
  void aMissingPasswordVariableIsNamedNotShown() {
    Throwable thrown = catchThrowable(() -> FleetConfig.fromProperties(
        fleet("cenote.clusters.orders.primary.password", "${ORDERS_PASSWORD}"), Map.of()));

    assertThat(thrown).hasMessage("cenote.clusters.orders.primary.password: environment variable"
        + " 'ORDERS_PASSWORD' is not set; write ${ORDERS_PASSWORD:-fallback} to give a fallback");
  }

  @Test
  void logLinesNameVariablesAndShowNoPassword() {
    try (CapturedErr err = new CapturedErr()) {
      FleetConfig.fromProperties(fleet(), ENVIRONMENT);
      catchThrowable(() -> FleetConfig.fromProperties(
          fleet("cenote.clusters.orders.primary.maxSize", "0"), ENVIRONMENT));

      assertThat(err.text()).contains("CENOTE_CLUSTERS_ORDERS_PRIMARY_PASSWORD");
      assertNoSecret(err.text());
    }
  }

  private static void assertNoSecretIn(Throwable thrown) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      chain.add(t);
      for (Throwable s : t.getSuppressed()) {
        chain.add(s);
      }
    }
    for (Throwable t : chain) {
      assertNoSecret(String.valueOf(t.getMessage()));
      assertNoSecret(t.toString());
    }
  }

  private static void assertNoSecret(String text) {
    assertThat(text).doesNotContain(FROM_VARIABLE, FROM_PLACEHOLDER, IN_URL);
  }
}
