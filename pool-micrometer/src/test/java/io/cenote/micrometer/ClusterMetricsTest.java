package io.cenote.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.router.Cluster;
import io.cenote.router.ClusterConfig;
import io.cenote.router.DatabaseType;
import io.cenote.router.HostStats;
import io.cenote.testkit.fault.FaultDriver;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster's meters on stub servers: each host's pool tagged with cluster and role, routing
 * counters equal to {@link Cluster#hostStats()}, a state gauge that follows an exclusion, and
 * resilience4j's breaker and retry meters tagged with cluster and host.
 */
class ClusterMetricsTest {

  private static final long READS = 40;
  private static final long WRITES = 7;

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT,
      clock);
  private Cluster cluster;

  @BeforeAll
  static void driver() {
    FaultDriver.register();
  }

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static PoolConfig stub(String name) {
    return PoolConfig.builder().poolName(name).jdbcUrl(FaultDriver.uniqueStubUrl())
        .minIdle(1).maxSize(2).acquireTimeout(Duration.ofMillis(300)).registerMbean(false)
        .build();
  }

  private Cluster start(String name) {
    PoolConfig primary = stub(name + "-primary");
    PoolConfig replica = stub(name + "-r1");
    cluster = Cluster.start(ClusterConfig.builder(name)
        .primary(primary)
        .replica(replica)
        .databaseType(DatabaseType.SQLITE) // stub servers answer no role question
        .healthCheckInterval(Duration.ofHours(1)) // checks run when the test asks
        .resilience(ResilienceConfig.builder().maxAttempts(2).build())
        .build());
    return cluster;
  }

  private double hostCounter(String name, String host) {
    clock.add(Duration.ofSeconds(5)); // past the binder's snapshot age
    return registry.get(name).tag(MeterNames.HOST, host).functionCounter().count();
  }

  private HostStats stats(String host) {
    return cluster.hostStats().stream().filter(h -> h.name().equals(host)).findFirst()
        .orElseThrow();
  }

  @Test
  void routingCountersEqualTheClustersHostStatistics() throws SQLException {
    Cluster c = start("orders");
    ClusterMetrics metrics = new ClusterMetrics(c);
    metrics.bindTo(registry);

    for (int i = 0; i < READS; i++) {
      c.read(conn -> conn.isValid(1));
    }
    for (int i = 0; i < WRITES; i++) {
      c.write(conn -> conn.isValid(1));
    }

    assertThat(stats("orders-r1").readsRouted()).isEqualTo(READS);
    assertThat(hostCounter(MeterNames.HOST_READS, "orders-r1")).isEqualTo(READS);
    assertThat(hostCounter(MeterNames.HOST_WRITES, "orders-primary")).isEqualTo(WRITES);
    assertThat(hostCounter(MeterNames.HOST_READS, "orders-primary"))
        .isEqualTo(stats("orders-primary").readsRouted());
    assertThat(hostCounter(MeterNames.HOST_FALLBACKS, "orders-primary"))
        .isEqualTo(stats("orders-primary").fallbacks());
    assertThat(hostCounter(MeterNames.HOST_EXCLUSIONS, "orders-r1")).isZero();
    assertThat(registry.get(MeterNames.ACQUIRED).tag(MeterNames.POOL, "orders-r1")
        .tag(MeterNames.CLUSTER, "orders").tag(MeterNames.ROLE, MeterNames.REPLICA)
        .functionCounter().count()).isEqualTo(READS);
    assertThat(registry.get(MeterNames.ACQUIRED).tag(MeterNames.POOL, "orders-primary")
        .tag(MeterNames.ROLE, MeterNames.PRIMARY).functionCounter().count())
        .isGreaterThanOrEqualTo(WRITES);
  }

  @Test
  void theStateGaugeFollowsAnExclusionAndTheBreakersAreTagged() {
    Cluster c = start("catalog");
    ClusterMetrics metrics = new ClusterMetrics(c);
    metrics.bindTo(registry);
    assertThat(state("catalog-r1", MeterNames.ELIGIBLE)).isEqualTo(1);

    FaultDriver.plan(c.config().replicas().get(0).jdbcUrl()).down().restart(); // drops its connections too
    c.checkNow();
    clock.add(Duration.ofSeconds(5));

    assertThat(stats("catalog-r1").exclusion()).isNotNull();
    assertThat(state("catalog-r1", MeterNames.ELIGIBLE)).isZero();
    assertThat(state("catalog-r1", "down")).isEqualTo(1);
    assertThat(hostCounter(MeterNames.HOST_EXCLUSIONS, "catalog-r1")).isEqualTo(1);
    assertThat(state("catalog-primary", MeterNames.ELIGIBLE)).isEqualTo(1);
    assertThat(registry.get("resilience4j.circuitbreaker.state").tag("cluster", "catalog")
        .tag("host", "catalog-primary").tag("name", "catalog-primary").tag("state", "closed")
        .gauge().value()).isEqualTo(1);
    assertThat(registry.find("resilience4j.retry.calls").tag("cluster", "catalog").meters())
        .isNotEmpty();
  }

  private double state(String host, String state) {
    return registry.get(MeterNames.HOST_STATE).tag(MeterNames.HOST, host)
        .tag(MeterNames.STATE, state).gauge().value();
  }

  @Test
  void closingTheBinderRemovesTheClustersMetersAndOnlyThose() {
    Cluster c = start("billing");
    SimpleMeterRegistry other = new SimpleMeterRegistry();
    Meter unrelated = other.counter("unrelated");
    ClusterMetrics metrics = new ClusterMetrics(c);
    metrics.bindTo(registry);
    metrics.bindTo(other);
    int bound = registry.getMeters().size();

    metrics.close();

    assertThat(bound).isGreaterThan(100);
    assertThat(registry.getMeters()).isEmpty();
    assertThat(other.getMeters()).containsExactly(unrelated);
  }
}
