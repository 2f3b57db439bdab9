package io.cenote.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.router.ClusterConfig;
import io.cenote.router.DatabaseType;
import io.cenote.router.PoolManager;
import io.cenote.testkit.fault.FaultDriver;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A whole fleet (a cluster with a resilience section and a standalone pool) bound to a
 * Prometheus registry: the scrape holds every metric family docs/metrics.md documents, under
 * the names it gives, and none of the passwords or URL credentials the configuration holds.
 */
class PrometheusScrapeTest {

  private static final String POOL_PASSWORD = "pool-pw-5f2c";
  private static final String CLUSTER_PASSWORD = "cluster-pw-81ad";
  private static final String URL_SECRET = "url-secret-3e9b";

  /** The Prometheus metric families docs/metrics.md lists, samples' suffixes stripped. */
  static final List<String> DOCUMENTED_FAMILIES = List.of(
      "cenote_connections",
      "cenote_connections_active",
      "cenote_connections_idle",
      "cenote_connections_pending",
      "cenote_connections_overflow",
      "cenote_connections_max",
      "cenote_connections_min",
      "cenote_connections_opened_total",
      "cenote_connections_closed_total",
      "cenote_connections_acquired_total",
      "cenote_connections_timeout_total",
      "cenote_connections_validation_failures_total",
      "cenote_connections_creation_failures_total",
      "cenote_connections_acquire_seconds",
      "cenote_connections_acquire_max_seconds",
      "cenote_connections_acquire_percentile_seconds",
      "cenote_connections_acquire_histogram_total",
      "cenote_connections_usage_seconds",
      "cenote_connections_usage_max_seconds",
      "cenote_connections_usage_percentile_seconds",
      "cenote_connections_usage_histogram_total",
      "cenote_host_reads_total",
      "cenote_host_writes_total",
      "cenote_host_fallbacks_total",
      "cenote_host_exclusions_total",
      "cenote_host_state",
      "resilience4j_circuitbreaker_state",
      "resilience4j_circuitbreaker_calls_seconds",
      "resilience4j_retry_calls_total");

  @BeforeAll
  static void driver() {
    FaultDriver.register();
  }

  private static PoolConfig.Builder stub(String name, String password) {
    return PoolConfig.builder().poolName(name)
        .jdbcUrl(FaultDriver.stubUrl(name + "?user=admin&password=" + URL_SECRET))
        .username("admin").password(password).minIdle(1).maxSize(2)
        .acquireTimeout(Duration.ofMillis(300)).registerMbean(false);
  }

  @Test
  void aScrapeHoldsTheDocumentedNamesAndNoSecret() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PoolManager fleet = new PoolManager();
    try (fleet; FleetMetrics metrics = new FleetMetrics(fleet)) {
      fleet.register(ClusterConfig.builder("orders")
          .primary(stub("orders-primary", CLUSTER_PASSWORD).build())
          .replica(stub("orders-r1", CLUSTER_PASSWORD).build())
          .databaseType(DatabaseType.SQLITE)
          .resilience(ResilienceConfig.builder().maxAttempts(2).build())
          .build());
      fleet.register(stub("cache", POOL_PASSWORD).build());
      metrics.bindTo(registry);
      fleet.cluster("orders").read(c -> c.isValid(1));
      fleet.cluster("orders").write(c -> c.isValid(1));
      try (Connection c = fleet.pool("cache").getConnection()) {
        assertThat(c.isValid(1)).isTrue();
      }

      String scrape = registry.scrape();

      assertThat(families(scrape)).containsAll(DOCUMENTED_FAMILIES);
      assertThat(scrape).doesNotContain(POOL_PASSWORD, CLUSTER_PASSWORD, URL_SECRET, "admin",
          "jdbc:");
      assertThat(scrape).contains("cenote_connections_active{cluster=\"orders\","
          + "host=\"orders-r1\",pool=\"orders-r1\",role=\"replica\"}");
      assertThat(scrape).contains("cenote_connections_acquire_histogram_total{cluster=\"none\","
          + "host=\"cache\",le=\"+Inf\",pool=\"cache\",role=\"standalone\"}");
    }
  }

  /** The names of every sample of a Prometheus text scrape, without their labels. */
  private static Set<String> families(String scrape) {
    Set<String> names = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int end = line.indexOf('{');
      String sample = end < 0 ? line.substring(0, line.indexOf(' ')) : line.substring(0, end);
      names.add(sample.replaceAll("_(count|sum|bucket)$", ""));
    }
    return names;
  }
}
