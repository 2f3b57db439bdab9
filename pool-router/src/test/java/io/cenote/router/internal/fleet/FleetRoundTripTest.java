package io.cenote.router.internal.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.resilience.BreakerSettings;
import io.cenote.resilience.ResilienceConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key, at every position, gives the same fleet from the file as from its environment
 * variable, and changes the fleet. The keys come from the config classes, and each needs a
 * sample here, so a key added there fails this test until it is covered.
 */
class FleetRoundTripTest {

  /** A fleet in which every setting can still change: hosts and pool inherit the URL. */
  private static final Map<String, String> BASE = Map.of(
      "cenote.defaults.jdbcUrl", "jdbc:sqlite:fleet.db",
      "cenote.defaults.leakDetectionThreshold", "1s",
      "cenote.clusters.orders.replicas.r1.poolName", "orders-reader",
      "cenote.clusters.orders.resilience.enabled", "true",
      "cenote.pools.cache.poolName", "cache-pool");

  /** A valid value, not the base's, for every pool key. */
  private static final Map<String, String> POOL_SAMPLES = Map.ofEntries(
      Map.entry("poolName", "custom-name"), Map.entry("jdbcUrl", "jdbc:sqlite:other.db"),
      Map.entry("username", "app"), Map.entry("password", "pw-sample"),
      Map.entry("minIdle", "3"), Map.entry("maxSize", "12"), Map.entry("maxOverflow", "4"),
      Map.entry("acquireTimeout", "3s"), Map.entry("maxLifetime", "20m"),
      Map.entry("idleTimeout", "5m"), Map.entry("maxUses", "1000"),
      Map.entry("validateOnBorrow", "false"), Map.entry("validationBypassWindow", "100ms"),
      Map.entry("validationQuery", "SELECT 1"), Map.entry("validationTimeout", "2s"),
      Map.entry("keepaliveInterval", "1m"), Map.entry("leakDetectionThreshold", "2s"),
      Map.entry("leakReclaim", "5s"), Map.entry("connectionInitSql", "SELECT 2"),
      Map.entry("autoCommit", "false"), Map.entry("readOnly", "true"),
      Map.entry("transactionIsolation", "READ_COMMITTED"), Map.entry("catalog", "c1"),
      Map.entry("schema", "s1"), Map.entry("defaultQueryTimeout", "5s"),
      Map.entry("initializationFailTimeout", "2s"),
      Map.entry("connectionBackoff", "fixed(100ms)"), Map.entry("connectTimeout", "3s"),
      Map.entry("shutdownGracePeriod", "1s"), Map.entry("registerMbean", "false"),
      Map.entry("adaptiveSizing", "true"), Map.entry("adaptiveMinSize", "2"),
      Map.entry("adaptiveMaxSize", "20"), Map.entry("healthMaxUtilisation", "0.5"),
      Map.entry("healthMaxP99Wait", "250ms"), Map.entry("healthMinHitRate", "0.5"),
      Map.entry("healthMaxValidationFailureRate", "0.5"), Map.entry("healthWindow", "30s"));

  /** A valid value, not the default, for every cluster key. */
  private static final Map<String, String> CLUSTER_SAMPLES = Map.of(
      "strategy", "least-loaded", "maxReplicationLag", "5s", "maxReplicationLagBytes", "1000",
      "readYourWritesWindow", "1s", "noReplicaPolicy", "fail-fast",
      "healthCheckInterval", "2s", "healthCheckTimeout", "500ms", "failoverChecks", "5",
      "databaseType", "postgresql");

  /** A valid value, not the default, for every resilience key. */
  private static final Map<String, String> RESILIENCE_SAMPLES = Map.ofEntries(
      Map.entry("maxAttempts", "5"), Map.entry("initialDelay", "50ms"),
      Map.entry("multiplier", "1.5"), Map.entry("jitter", "0.25"), Map.entry("maxDelay", "3s"),
      Map.entry("probeInterval", "250ms"), Map.entry("probeTimeout", "1s"),
      Map.entry("breaker.failureRateThreshold", "25"),
      Map.entry("breaker.slidingWindowSize", "40"),
      Map.entry("breaker.minimumNumberOfCalls", "15"),
      Map.entry("breaker.waitDurationInOpenState", "30s"),
      Map.entry("breaker.permittedCallsInHalfOpenState", "2"));

  @Test
  void everyKeyOfTheConfigClassesHasASample() {
    assertThat(POOL_SAMPLES.keySet()).isEqualTo(PoolConfig.propertyNames());
    assertThat(CLUSTER_SAMPLES.keySet()).isEqualTo(KeyCatalog.CLUSTER_KEYS);
    assertThat(RESILIENCE_SAMPLES.keySet()).isEqualTo(ResilienceConfig.propertyNames())
        .isEqualTo(FleetAssembler.CATALOG.resilienceKeys());
    assertThat(FleetAssembler.CATALOG.breakerKeys()).isEqualTo(BreakerSettings.propertyNames());
  }

  static Stream<Arguments> everyKeyAtEveryPosition() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("cenote.profile", "dev"));
    for (String position : List.of("cenote.defaults.", "cenote.clusters.orders.",
        "cenote.clusters.orders.primary.", "cenote.clusters.orders.replicas.r1.",
        "cenote.pools.cache.")) {
      cases.add(Arguments.of(position + "preset", "aggressive"));
      cases.add(Arguments.of(position + "driver.ssl", "true"));
      for (String key : PoolConfig.propertyNames()) {
        boolean many = position.equals("cenote.defaults.")
            || position.equals("cenote.clusters.orders.");
        if (!(many && key.equals(KeyCatalog.POOL_NAME))) {
          cases.add(Arguments.of(position + key, POOL_SAMPLES.get(key)));
        }
      }
    }
    for (String key : KeyCatalog.CLUSTER_KEYS) {
      cases.add(Arguments.of("cenote.clusters.orders." + key, CLUSTER_SAMPLES.get(key)));
    }
    for (String key : ResilienceConfig.propertyNames()) {
      cases.add(Arguments.of("cenote.defaults.resilience." + key, RESILIENCE_SAMPLES.get(key)));
      cases.add(Arguments.of("cenote.clusters.orders.resilience." + key,
          RESILIENCE_SAMPLES.get(key)));
    }
    cases.add(Arguments.of("cenote.clusters.orders.resilience.enabled", "false"));
    for (String key : BreakerSettings.propertyNames()) {
      cases.add(Arguments.of("cenote.clusters.orders.resilience.hosts.orders-reader.breaker."
          + key, RESILIENCE_SAMPLES.get("breaker." + key)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyKeyAtEveryPosition")
  void theFileAndTheEnvironmentGiveTheSameFleetAndTheKeyChangesIt(String key, String value) {
    Map<String, String> file = new HashMap<>(BASE);
    file.put(key, value);
    // a driver property reaches the environment only when the file names it somewhere
    file.putIfAbsent("cenote.defaults.driver.ssl", "false");
    Map<String, String> base = new HashMap<>(BASE);
    base.put("cenote.defaults.driver.ssl", "false");

    Map<String, Object> fromFile = Snapshots.of(FleetAssembler.assemble(file, Map.of()));
    Map<String, Object> fromEnvironment = Snapshots.of(FleetAssembler.assemble(base,
        Map.of(EnvironmentNames.of(key), value)));
    Map<String, Object> without = Snapshots.of(FleetAssembler.assemble(base, Map.of()));

    assertThat(fromEnvironment).isEqualTo(fromFile);
    assertThat(fromFile).isNotEqualTo(without);
  }
}
