package io.cenote.guice;

import static io.cenote.guice.TestFleet.POOLS;
import static io.cenote.guice.TestFleet.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.name.Named;
import io.cenote.guice.TestFleet.CacheDb;
import io.cenote.guice.TestFleet.OrdersDb;
import io.cenote.pool.PoolControl;
import io.cenote.router.Cluster;
import io.cenote.router.PoolManager;
import io.cenote.testkit.CenoteThreads;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bindings before and after {@link CenoteLifecycle#start()}: creating the injector, even in
 * {@code Stage.PRODUCTION} with eager singletons that hold the data sources, opens nothing;
 * before the start every use fails naming the database; after it the bindings are the started
 * members.
 */
class ProvisioningTest {

  @TempDir
  Path dir;
  private CenoteLifecycle lifecycle;

  @AfterEach
  void stop() {
    if (lifecycle != null) {
      lifecycle.stop();
    }
  }

  /** An application's eager singleton, built when the injector is created. */
  @Singleton
  static final class Repository {
    final DataSource orders;
    final DataSource ordersQualified;
    final DataSource cache;
    final DataSource cacheQualified;
    final Provider<Cluster> ordersCluster;

    @Inject
    Repository(@Named("orders") DataSource orders, @OrdersDb DataSource ordersQualified,
        @jakarta.inject.Named("cache") DataSource cache, @CacheDb DataSource cacheQualified,
        @OrdersDb Provider<Cluster> ordersCluster) {
      this.orders = orders;
      this.ordersQualified = ordersQualified;
      this.cache = cache;
      this.cacheQualified = cacheQualified;
      this.ordersCluster = ordersCluster;
    }
  }

  private Injector injector(Stage stage) throws Exception {
    Injector injector = Guice.createInjector(stage,
        CenoteModule.builder().properties(TestFleet.sqlite(dir)).environment(Map.of())
            .annotate("orders", OrdersDb.class).annotate("cache", CacheDb.class).build(),
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(Repository.class).asEagerSingleton();
          }
        });
    lifecycle = injector.getInstance(CenoteLifecycle.class);
    return injector;
  }

  @Test
  void inProductionAnEagerSingletonHoldsTheDataSourcesAndNothingOpensUntilTheStart()
      throws Exception {
    CenoteThreads threads = TestFleet.threads();

    Injector injector = injector(Stage.PRODUCTION);
    Repository repository = injector.getInstance(Repository.class);
    List<String> threadsBeforeStart = threads.started();
    boolean cacheFileBeforeStart = dir.resolve("cache.db").toFile().exists();
    lifecycle.start();
    long ordersRows = TestFleet.writeAndCount(repository.orders, "t");
    long ordersQualifiedRows = TestFleet.writeAndCount(repository.ordersQualified, "t");
    long cacheRows = TestFleet.writeAndCount(repository.cacheQualified, "t");

    assertThat(threadsBeforeStart).as("Cenote threads before the start").isEmpty();
    assertThat(cacheFileBeforeStart).as("cache.db opened before the start").isFalse();
    assertThat(repository.ordersQualified).isSameAs(repository.orders);
    assertThat(repository.cacheQualified).isSameAs(repository.cache);
    assertThat(ordersRows).isEqualTo(1);
    assertThat(ordersQualifiedRows).isEqualTo(2);
    assertThat(cacheRows).isEqualTo(1);
    assertThat(repository.ordersCluster.get().name()).isEqualTo("orders");
  }

  @Test
  void beforeTheStartTheDataSourceThrowsAnSqlExceptionNamingTheDatabaseAndTheStart()
      throws Exception {
    Repository repository = injector(Stage.PRODUCTION).getInstance(Repository.class);

    assertThatThrownBy(() -> repository.orders.getConnection())
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("database 'orders'")
        .hasMessageContaining("call CenoteLifecycle.start() first");
    assertThatThrownBy(() -> repository.cache.getConnection())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("database 'cache'");
  }

  @Test
  void beforeTheStartTheOtherBindingsFailNamingTheDatabase() throws Exception {
    Injector injector = injector(Stage.DEVELOPMENT);

    assertThatThrownBy(() -> injector.getInstance(named(Cluster.class, "orders")))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("database 'orders' is not available")
        .hasMessageContaining("call CenoteLifecycle.start() first")
        .hasRootCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> injector.getInstance(Key.get(POOLS, OrdersDb.class)))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("database 'orders' is not available");
    assertThatThrownBy(() -> injector.getInstance(named(PoolControl.class, "cache")))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("database 'cache' is not available");
    assertThatThrownBy(() -> injector.getInstance(PoolManager.class))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("the PoolManager is not available");
    assertThatThrownBy(() -> lifecycle.manager())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call CenoteLifecycle.start() first");
  }

  @Test
  void onceStartedTheBindingsAreTheStartedMembers() throws Exception {
    Injector injector = injector(Stage.DEVELOPMENT);

    lifecycle.start();
    PoolManager manager = injector.getInstance(PoolManager.class);
    Cluster orders = injector.getInstance(Key.get(Cluster.class, OrdersDb.class));
    List<PoolControl> ordersPools = injector.getInstance(named(POOLS, "orders"));
    PoolControl cache = injector.getInstance(Key.get(PoolControl.class, CacheDb.class));
    List<PoolControl> cachePools = injector.getInstance(named(POOLS, "cache"));

    assertThat(manager).isSameAs(lifecycle.manager());
    assertThat(orders).isSameAs(manager.cluster("orders"));
    assertThat(ordersPools).extracting(PoolControl::poolName)
        .containsExactly("orders-primary", "orders-r1");
    assertThat(cache.poolName()).isEqualTo("cache");
    assertThat(cache).as("the control view, not the pool that lends and closes")
        .isNotInstanceOf(DataSource.class).isNotInstanceOf(AutoCloseable.class);
    assertThat(cachePools).containsExactly(cache);
  }

  @Test
  void aReadOnlyConnectionOfAClusterDataSourceGoesToItsReplica() throws Exception {
    Injector injector = injector(Stage.DEVELOPMENT);
    lifecycle.start();
    DataSource orders = injector.getInstance(named(DataSource.class, "orders"));
    TestFleet.writeAndCount(orders, "t");
    Cluster cluster = injector.getInstance(named(Cluster.class, "orders"));
    long replicaReadsBefore = cluster.hostStats().get(1).readsRouted();

    try (var c = orders.getConnection()) {
      c.setReadOnly(true);
      try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM t")) {
        rs.next();
      }
    }

    assertThat(cluster.hostStats().get(1).readsRouted()).isEqualTo(replicaReadsBefore + 1);
  }
}
