package io.cenote.guice.internal;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.multibindings.Multibinder;
import io.cenote.guice.FleetListener;
import io.cenote.micrometer.FleetMetrics;
import io.cenote.router.PoolManager;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Binds the meters of the whole fleet (pool-micrometer's {@link FleetMetrics}) to the
 * application's {@link MeterRegistry} once the fleet started, and removes them before it stops.
 * Installed by {@code CenoteModule.Builder.metrics()}; the only class of pool-guice that names
 * Micrometer, so the module loads without it when metrics are off.
 */
public final class MetricsModule extends AbstractModule {

  /** The class whose presence tells that pool-micrometer is on the classpath. */
  public static final String PROBE_CLASS = "io.cenote.micrometer.FleetMetrics";

  @Override
  protected void configure() {
    requireBinding(MeterRegistry.class);
    Provider<MeterRegistry> registry = getProvider(MeterRegistry.class);
    // Unscoped: the lifecycle resolves its listeners once per start, so each run has its own.
    Multibinder.newSetBinder(binder(), FleetListener.class).addBinding()
        .toProvider(() -> new MetricsListener(registry.get()));
  }

  /** Binds the fleet's meters when it has started; removes them when it stops. */
  private static final class MetricsListener implements FleetListener {

    private final MeterRegistry registry;
    private volatile FleetMetrics metrics;

    MetricsListener(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void started(PoolManager manager) {
      FleetMetrics bound = new FleetMetrics(manager);
      bound.bindTo(registry);
      metrics = bound;
    }

    @Override
    public void stopping(PoolManager manager) {
      FleetMetrics bound = metrics;
      if (bound != null) {
        bound.close();
      }
    }

    @Override
    public String toString() {
      return "MetricsListener{" + registry.getClass().getSimpleName() + "}";
    }
  }
}
