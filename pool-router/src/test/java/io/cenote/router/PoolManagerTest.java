package io.cenote.router;

import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolInitializationException;
import io.cenote.testkit.fault.FaultDriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registering, looking up, statistics and closing. */
class PoolManagerTest {

  private final PoolManager manager = new PoolManager();

  @AfterEach
  void close() {
    manager.close();
  }

  private static ClusterConfig config(String name) {
    return ClusterConfig.builder(name).primary(stub(name + "-primary"))
        .replica(stub(name + "-replica"))
        .databaseType(DatabaseType.SQLITE).healthCheckInterval(Duration.ofHours(1)).build();
  }

  private Cluster cluster(String name) {
    return Cluster.start(config(name));
  }

  @Test
  void poolsAndClustersAreLookedUpByName() {
    ConnectionPool cache = manager.register(stub("cache"));
    Cluster orders = manager.register(config("orders"));

    assertThat(manager.pool("cache")).isSameAs(cache);
    assertThat(manager.cluster("orders")).isSameAs(orders);
    assertThat(manager.control("orders-replica")).isSameAs(orders.pools().get(1));
    assertThat(manager.control("cache")).isSameAs(cache);
    // a cluster's host lends only through its cluster
    assertThatThrownBy(() -> manager.pool("orders-replica"))
        .isInstanceOf(UnknownPoolException.class);
    assertThat(manager.poolNames()).containsExactly("cache", "orders-primary", "orders-replica");
    assertThat(manager.clusterNames()).containsExactly("orders");
    assertThat(manager.stats()).containsOnlyKeys("cache", "orders-primary", "orders-replica");
    assertThat(manager.stats().get("cache").total()).isEqualTo(1);
  }

  @Test
  void aDuplicateNameIsRejectedBeforeAnythingOpens() {
    manager.register(stub("orders"));

    assertThatThrownBy(() -> manager.register(stub("orders")))
        .isInstanceOf(DuplicatePoolException.class)
        .hasMessage("a pool or cluster named 'orders' is already registered");
    Cluster clash = cluster("orders");
    try {
      assertThatThrownBy(() -> manager.register(clash))
          .isInstanceOf(DuplicatePoolException.class)
          .satisfies(e -> assertThat(((DuplicatePoolException) e).name()).isEqualTo("orders"));
    } finally {
      clash.close();
    }
  }

  @Test
  void aClusterWhosePoolNameIsTakenIsRejectedWhole() {
    manager.register(stub("inventory-replica"));
    Cluster inventory = cluster("inventory");
    try {
      assertThatThrownBy(() -> manager.register(inventory))
          .hasMessage("a pool or cluster named 'inventory-replica' is already registered");
      assertThat(manager.clusterNames()).isEmpty();
      assertThat(manager.poolNames()).containsExactly("inventory-replica");
    } finally {
      inventory.close();
    }
  }

  @Test
  void unknownNamesAreNamed() {
    manager.register(stub("cache"));

    assertThatThrownBy(() -> manager.pool("orders"))
        .isInstanceOf(UnknownPoolException.class)
        .hasMessage("no pool named 'orders' is registered (registered: cache)");
    assertThatThrownBy(() -> manager.cluster("cache"))
        .hasMessage("no cluster named 'cache' is registered (registered: )");
  }

  @Test
  void closeClosesEverythingAndRefusesMore() {
    ConnectionPool cache = manager.register(stub("cache"));
    Cluster orders = manager.register(cluster("orders"));

    manager.close();
    manager.close();

    assertThat(cache.isClosed()).isTrue();
    assertThat(orders.isClosed()).isTrue();
    assertThat(orders.pools()).allSatisfy(p -> assertThat(p.isClosed()).isTrue());
    assertThatThrownBy(() -> manager.register(stub("late")))
        .hasMessage("pool manager is closed");
  }

  @Test
  void aFleetWhoseLastMemberCannotStartClosesEveryMemberItStarted() {
    String downUrl = FaultDriver.uniqueStubUrl();
    FaultDriver.plan(downUrl).down();
    Properties file = new Properties();
    file.setProperty("cenote.defaults.registerMbean", "false");
    file.setProperty("cenote.clusters.orders.databaseType", "sqlite");
    file.setProperty("cenote.clusters.orders.healthCheckInterval", "1h");
    file.setProperty("cenote.clusters.orders.primary.jdbcUrl", FaultDriver.uniqueStubUrl());
    file.setProperty("cenote.clusters.orders.replicas.r1.jdbcUrl", FaultDriver.uniqueStubUrl());
    file.setProperty("cenote.pools.zcache.jdbcUrl", downUrl); // pools start after clusters
    file.setProperty("cenote.pools.zcache.initializationFailTimeout", "200ms");
    FleetConfig fleet = FleetConfig.fromProperties(file, Map.of());
    assertThat(fleet.clusters()).containsOnlyKeys("orders");

    try {
      assertThatThrownBy(() -> PoolManager.start(fleet))
          .isInstanceOf(PoolInitializationException.class)
          .hasMessageContaining("zcache");
    } finally {
      FaultDriver.plan(downUrl).reset();
    }

    // the cluster started before the pool failed: its pools are closed again
    for (PoolConfig host : List.of(fleet.clusters().get("orders").primary(),
        fleet.clusters().get("orders").replicas().get(0))) {
      assertThat(FaultDriver.plan(host.jdbcUrl()).openConnections()).as(host.poolName())
          .isEmpty();
    }
  }
}
