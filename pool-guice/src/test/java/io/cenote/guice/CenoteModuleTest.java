package io.cenote.guice;

import static io.cenote.guice.TestFleet.POOLS;
import static io.cenote.guice.TestFleet.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import io.cenote.guice.TestFleet.CacheDb;
import io.cenote.guice.TestFleet.OrdersDb;
import io.cenote.pool.PoolControl;
import io.cenote.router.Cluster;
import io.cenote.router.FleetConfig;
import io.cenote.router.PoolManager;
import io.cenote.testkit.CenoteThreads;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link CenoteModule} binds, and how a bad configuration fails the injector. */
class CenoteModuleTest {

  @TempDir
  Path dir;

  /** Retained at runtime but neither a qualifier nor a binding annotation. */
  @Retention(RetentionPolicy.RUNTIME)
  @interface NotAQualifier {}

  @Test
  void aMisspelledKeyFailsTheInjectorNamingTheKeyAndOpensNothing() throws Exception {
    Properties fleet = TestFleet.sqlite(dir);
    fleet.setProperty("cenote.clusters.orders.primary.maxSzie", "4");
    CenoteModule module = CenoteModule.builder().properties(fleet).environment(Map.of()).build();
    CenoteThreads threads = TestFleet.threads();

    assertThatThrownBy(() -> Guice.createInjector(Stage.PRODUCTION, module))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("unknown key 'cenote.clusters.orders.primary.maxSzie'")
        .hasMessageContaining("'cenote.clusters.orders.primary.maxSize'");
    assertThat(threads.started()).isEmpty();
    assertThat(dir.resolve("cache.db")).doesNotExist();
  }

  @Test
  void aMissingFileFailsTheInjectorNamingTheFile() {
    Path missing = dir.resolve("no-such-fleet.properties");
    CenoteModule module = CenoteModule.builder().file(missing).environment(Map.of()).build();

    assertThatThrownBy(() -> Guice.createInjector(module))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void anUnsetPlaceholderFailsTheInjectorNamingTheVariable() throws Exception {
    Properties fleet = TestFleet.sqlite(dir);
    fleet.setProperty("cenote.clusters.orders.password", "${ORDERS_DB_PASSWORD}");
    CenoteModule module = CenoteModule.builder().properties(fleet).environment(Map.of()).build();

    assertThatThrownBy(() -> Guice.createInjector(module))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("ORDERS_DB_PASSWORD");
  }

  @Test
  void anAnnotationForADatabaseTheFleetLacksFailsTheInjectorNamingIt() throws Exception {
    CenoteModule module = CenoteModule.builder().properties(TestFleet.sqlite(dir))
        .environment(Map.of()).annotate("ordrs", OrdersDb.class).build();

    assertThatThrownBy(() -> Guice.createInjector(module))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("annotate(\"ordrs\"")
        .hasMessageContaining(OrdersDb.class.getName())
        .hasMessageContaining("[alpha, cache, orders, sessions]");
  }

  @Test
  void annotateRefusesAnAnnotationThatIsNoQualifier() {
    CenoteModule.Builder builder = CenoteModule.builder();

    assertThatThrownBy(() -> builder.annotate("orders", NotAQualifier.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NotAQualifier.class.getName())
        .hasMessageContaining("@jakarta.inject.Qualifier");
  }

  @Test
  void buildWantsExactlyOneSource() throws Exception {
    Properties fleet = TestFleet.sqlite(dir);
    FleetConfig config = FleetConfig.fromProperties(fleet, Map.of());

    assertThatThrownBy(() -> CenoteModule.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("but 0 were given");
    assertThatThrownBy(() -> CenoteModule.builder().properties(fleet).config(config).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("but 2 were given");
    assertThatThrownBy(() -> CenoteModule.builder().config(config).environment(Map.of()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("environment()");
  }

  @Test
  void theEnvironmentOverridesAndFillsTheFile() throws Exception {
    Properties fleet = TestFleet.sqlite(dir);
    fleet.setProperty("cenote.pools.cache.maxSize", "${CACHE_SIZE}");
    Path file = dir.resolve("fleet.properties");
    try (var out = Files.newBufferedWriter(file)) {
      fleet.store(out, null);
    }
    CenoteModule module = CenoteModule.builder().file(file)
        .environment(Map.of("CACHE_SIZE", "3", "CENOTE_POOLS_SESSIONS_MAX_SIZE", "7")).build();

    FleetConfig loaded = Guice.createInjector(module).getInstance(FleetConfig.class);

    assertThat(loaded.pools().get("cache").maxSize()).isEqualTo(3);
    assertThat(loaded.pools().get("sessions").maxSize()).isEqualTo(7);
  }

  @Test
  void eachDatabaseIsBoundUnderItsNameAndItsAnnotationOnly() throws Exception {
    CenoteModule module = CenoteModule.builder().properties(TestFleet.sqlite(dir))
        .environment(Map.of()).annotate("orders", OrdersDb.class)
        .annotate("cache", CacheDb.class).build();

    Injector injector = Guice.createInjector(module);

    for (String cluster : new String[] {"alpha", "orders"}) {
      assertThat(injector.getExistingBinding(named(DataSource.class, cluster))).isNotNull();
      assertThat(injector.getExistingBinding(named(Cluster.class, cluster))).isNotNull();
      assertThat(injector.getExistingBinding(named(POOLS, cluster))).isNotNull();
      assertThat(injector.getExistingBinding(named(PoolControl.class, cluster))).isNull();
    }
    for (String pool : new String[] {"cache", "sessions"}) {
      assertThat(injector.getExistingBinding(named(DataSource.class, pool))).isNotNull();
      assertThat(injector.getExistingBinding(named(PoolControl.class, pool))).isNotNull();
      assertThat(injector.getExistingBinding(named(POOLS, pool))).isNotNull();
      assertThat(injector.getExistingBinding(named(Cluster.class, pool))).isNull();
    }
    assertThat(injector.getExistingBinding(Key.get(DataSource.class, OrdersDb.class)))
        .isNotNull();
    assertThat(injector.getExistingBinding(Key.get(Cluster.class, OrdersDb.class))).isNotNull();
    assertThat(injector.getExistingBinding(Key.get(POOLS, OrdersDb.class))).isNotNull();
    assertThat(injector.getExistingBinding(Key.get(DataSource.class, CacheDb.class)))
        .isNotNull();
    assertThat(injector.getExistingBinding(Key.get(PoolControl.class, CacheDb.class)))
        .isNotNull();
    assertThat(injector.getExistingBinding(Key.get(DataSource.class))).isNull();
    assertThat(injector.getExistingBinding(Key.get(Cluster.class))).isNull();
    assertThat(injector.getExistingBinding(Key.get(CenoteLifecycle.class))).isNotNull();
    assertThat(injector.getExistingBinding(Key.get(PoolManager.class))).isNotNull();
    assertThat(injector.getInstance(FleetConfig.class).clusters())
        .containsOnlyKeys("alpha", "orders");
  }

  @Test
  void theDataSourceIsOneInstancePerInjectorUnderEveryKey() throws Exception {
    CenoteModule module = CenoteModule.builder().properties(TestFleet.sqlite(dir))
        .environment(Map.of()).annotate("orders", OrdersDb.class).build();
    Injector first = Guice.createInjector(module);
    Injector second = Guice.createInjector(module);

    DataSource named = first.getInstance(named(DataSource.class, "orders"));

    assertThat(first.getInstance(Key.get(DataSource.class, OrdersDb.class))).isSameAs(named);
    assertThat(first.getInstance(named(DataSource.class, "orders"))).isSameAs(named);
    assertThat(second.getInstance(named(DataSource.class, "orders"))).isNotSameAs(named);
    assertThat(first.getInstance(CenoteLifecycle.class))
        .isSameAs(first.getInstance(CenoteLifecycle.class))
        .isNotSameAs(second.getInstance(CenoteLifecycle.class));
  }
}
