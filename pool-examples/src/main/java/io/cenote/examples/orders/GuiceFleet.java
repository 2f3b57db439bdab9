package io.cenote.examples.orders;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.cenote.guice.CenoteLifecycle;
import io.cenote.guice.CenoteModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The fleet wired with Guice: {@link CenoteModule} binds the fleet file's {@code orders} cluster
 * under {@code @Named("orders")} and, with {@code metrics()}, publishes its meters to the bound
 * {@link MeterRegistry} while it runs; {@link CenoteLifecycle} starts and stops it, and the
 * injector builds the {@link OrdersService}.
 */
final class GuiceFleet implements OrdersFleet {

  private final CenoteLifecycle lifecycle;
  private final MeterRegistry registry;
  private final OrdersService service;

  private GuiceFleet(CenoteLifecycle lifecycle, MeterRegistry registry, OrdersService service) {
    this.lifecycle = lifecycle;
    this.registry = registry;
    this.service = service;
  }

  /**
   * Creates the injector (which opens nothing), starts the fleet and builds the service.
   *
   * @param config the fleet file and environment
   * @param sql the statements for its database type
   * @return the running fleet
   */
  static GuiceFleet start(ExampleConfig config, OrderSql sql) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        CenoteModule.builder()
            .properties(config.fleet())
            .environment(config.environment())
            .metrics()
            .build(),
        binder -> {
          binder.bind(MeterRegistry.class).toInstance(registry);
          binder.bind(OrderSql.class).toInstance(sql);
        });
    CenoteLifecycle lifecycle = injector.getInstance(CenoteLifecycle.class);
    lifecycle.start();
    try {
      return new GuiceFleet(lifecycle, registry, injector.getInstance(OrdersService.class));
    } catch (RuntimeException e) {
      lifecycle.stop();
      throw e;
    }
  }

  @Override
  public OrdersService service() {
    return service;
  }

  @Override
  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public String wiring() {
    return "Guice: CenoteModule.builder().properties(...).metrics(), CenoteLifecycle.start(),"
        + " @Named(\"orders\") Cluster injected into OrdersService";
  }

  @Override
  public void close() {
    lifecycle.stop();
  }
}
