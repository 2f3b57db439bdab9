package io.cenote.examples.orders;

import io.cenote.micrometer.FleetMetrics;
import io.cenote.router.FleetConfig;
import io.cenote.router.PoolManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The fleet started by hand: {@code FleetConfig.fromProperties} reads the fleet file,
 * {@code PoolManager.start} opens it and {@link FleetMetrics} binds its meters to a
 * {@link SimpleMeterRegistry}.
 */
final class PlainFleet implements OrdersFleet {

  private final PoolManager manager;
  private final FleetMetrics metrics;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final OrdersService service;

  private PlainFleet(PoolManager manager, OrderSql sql) {
    this.manager = manager;
    this.metrics = new FleetMetrics(manager);
    metrics.bindTo(registry);
    this.service = new OrdersService(manager.cluster("orders"), sql);
  }

  /**
   * Starts the fleet of a configuration.
   *
   * @param config the fleet file and environment
   * @param sql the statements for its database type
   * @return the running fleet
   */
  static PlainFleet start(ExampleConfig config, OrderSql sql) {
    PoolManager manager = PoolManager.start(
        FleetConfig.fromProperties(config.fleet(), config.environment()));
    try {
      return new PlainFleet(manager, sql);
    } catch (RuntimeException e) {
      manager.close();
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
    return "FleetConfig.fromProperties + PoolManager.start, FleetMetrics on a SimpleMeterRegistry";
  }

  @Override
  public void close() {
    try {
      metrics.close();
    } finally {
      manager.close();
    }
  }
}
