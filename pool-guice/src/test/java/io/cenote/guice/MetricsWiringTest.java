package io.cenote.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.cenote.micrometer.MeterNames;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CenoteModule.Builder#metrics()}: every pool of the fleet is metered in the injector's
 * registry while the fleet runs, and nowhere before it starts or after it stops; a missing
 * registry fails the injector's creation naming it.
 */
class MetricsWiringTest {

  @TempDir
  Path dir;

  private Set<String> meteredPools(MeterRegistry registry) {
    Set<String> pools = new TreeSet<>();
    for (Meter m : registry.find(MeterNames.ACTIVE).meters()) {
      pools.add(m.getId().getTag(MeterNames.POOL));
    }
    return pools;
  }

  @Test
  void theFleetIsMeteredWhileItRunsAndOnlyThen() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        CenoteModule.builder().properties(TestFleet.sqlite(dir)).metrics().build(),
        binder -> binder.bind(MeterRegistry.class).toInstance(registry));
    CenoteLifecycle lifecycle = injector.getInstance(CenoteLifecycle.class);
    int beforeStart = registry.getMeters().size();

    lifecycle.start();
    TestFleet.writeAndCount(injector.getInstance(TestFleet.named(DataSource.class, "cache")),
        "entries");
    Set<String> whileRunning = meteredPools(registry);
    double cacheAcquired = registry.get(MeterNames.ACQUIRED).tag(MeterNames.POOL, "cache")
        .functionCounter().count();
    lifecycle.stop();

    assertThat(beforeStart).isZero();
    assertThat(whileRunning).containsExactly("alpha-primary", "alpha-r1", "cache",
        "orders-primary", "orders-r1", "sessions");
    assertThat(cacheAcquired).isEqualTo(1);
    assertThat(registry.getMeters()).as("meters left after stop()").isEmpty();
  }

  @Test
  void withoutAMeterRegistryTheInjectorIsNotCreated() throws Exception {
    CenoteModule module = CenoteModule.builder().properties(TestFleet.sqlite(dir)).metrics()
        .build();

    assertThatThrownBy(() -> Guice.createInjector(module))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining(MeterRegistry.class.getName());
  }

  @Test
  void withoutMetricsNoListenerIsBound() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Injector injector = Guice.createInjector(
        CenoteModule.builder().properties(TestFleet.sqlite(dir)).build(),
        binder -> binder.bind(MeterRegistry.class).toInstance(registry));
    CenoteLifecycle lifecycle = injector.getInstance(CenoteLifecycle.class);

    lifecycle.start();
    List<Meter> meters = registry.getMeters();
    lifecycle.stop();

    assertThat(meters).isEmpty();
  }
}
