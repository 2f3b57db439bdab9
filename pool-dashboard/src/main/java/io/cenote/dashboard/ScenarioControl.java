package io.cenote.dashboard;

import io.cenote.pool.PoolControl;
import java.util.List;

/**
 * Lets the dashboard list, start and stop an application's scenarios (pool-examples implements
 * it with its simulator). The dashboard calls it from its request threads; implementations must
 * be thread-safe.
 */
public interface ScenarioControl {

  /**
   * The scenarios that can be started.
   *
   * @return their names, in the order the page lists them
   */
  List<String> names();

  /**
   * Starts a scenario in the background and returns.
   *
   * @param name the scenario
   * @throws IllegalArgumentException when there is no scenario of that name
   * @throws IllegalStateException when that scenario already runs
   */
  void start(String name);

  /**
   * Stops a running scenario; does nothing when it does not run.
   *
   * @param name the scenario
   * @throws IllegalArgumentException when there is no scenario of that name
   */
  void stop(String name);

  /**
   * The state of every scenario.
   *
   * @return one status per name of {@link #names()}
   */
  List<ScenarioStatus> status();

  /**
   * The pools the running scenarios opened, for the dashboard to show beside the manager's
   * (with role {@code "scenario"}).
   *
   * @return their controls; empty when none runs
   */
  List<PoolControl> pools();

  /**
   * Receives the dashboard's event hub when the dashboard starts, so that scenarios can publish
   * their steps and add it as listener to the pools they open.
   *
   * @param events the hub
   */
  void attach(DashboardEvents events);
}
