package io.cenote.examples.simulator;

import io.cenote.pool.PoolControl;

/**
 * Watches scenario runs besides the console: the dashboard shows the pools a running scenario
 * watches and streams its events. Callbacks run on the scenario's and the pools' threads and
 * must not block.
 */
interface RunObserver {

  /** Watches nothing. */
  RunObserver NONE = new RunObserver() {};

  /**
   * A scenario started its load on a pool: the pool its gauges show.
   *
   * @param scenario the scenario's name
   * @param pool the pool
   */
  default void watching(String scenario, PoolControl pool) {}

  /**
   * A scenario recorded an event.
   *
   * @param scenario the scenario's name
   * @param event the event
   */
  default void recorded(String scenario, SimEvent event) {}
}
