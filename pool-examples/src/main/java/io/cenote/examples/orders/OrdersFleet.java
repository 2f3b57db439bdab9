package io.cenote.examples.orders;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A started fleet holding the {@code orders} cluster, with its meters bound to a registry and
 * the service built on it. Closing it removes the meters and closes every pool.
 */
interface OrdersFleet extends AutoCloseable {

  /** @return the service on the running {@code orders} cluster */
  OrdersService service();

  /** @return the registry the fleet's meters are bound to */
  MeterRegistry registry();

  /** @return how the fleet was wired, for the output */
  String wiring();

  /** Unbinds the meters and closes the fleet. */
  @Override
  void close();
}
