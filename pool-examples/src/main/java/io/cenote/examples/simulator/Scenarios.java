package io.cenote.examples.simulator;

import java.util.List;
import java.util.Optional;

/** Every scenario, in the order {@code --all} runs them. */
final class Scenarios {

  private static final List<Scenario> ALL = List.of(new NormalScenario(),
      new SaturationScenario(), new ExhaustionScenario(), new LeakScenario(),
      new SlowDatabaseScenario(), new RecycleScenario(), new RestartScenario(),
      new ReplicaFailoverScenario(), new BreakerScenario(), new AdaptiveScenario());

  private Scenarios() {}

  /** @return every scenario */
  static List<Scenario> all() {
    return ALL;
  }

  /** @return the names, for messages and help */
  static List<String> names() {
    return ALL.stream().map(Scenario::name).toList();
  }

  /**
   * Finds a scenario.
   *
   * @param name its command-line name
   * @return the scenario, or empty
   */
  static Optional<Scenario> byName(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
