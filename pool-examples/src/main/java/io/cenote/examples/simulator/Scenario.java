package io.cenote.examples.simulator;

import java.util.List;

/**
 * One thing a person runs to see a pool behave: it opens pools on the target, drives load and
 * faults through a {@link Run}, and says what the run showed.
 */
interface Scenario {

  /** @return the command-line name, such as {@code exhaustion} */
  String name();

  /** @return one line saying what the scenario shows */
  String title();

  /** @return the load and pool settings it runs with unless the user overrides them */
  Knobs defaults();

  /**
   * Runs the scenario: the run's clock has started; when this returns, the run stops the load
   * and closes what was opened through it.
   *
   * @param run the pools, load, faults and clock
   * @return the scenario's own figures and its lesson
   * @throws Exception when the scenario cannot go on (a database that cannot be reached)
   */
  Outcome run(Run run) throws Exception;

  /**
   * What a scenario concluded.
   *
   * @param findings its own summary rows, shown before the pool's common figures
   * @param lesson two or three sentences with the measured numbers
   */
  record Outcome(List<Finding> findings, String lesson) {

    /** Copies the list. */
    public Outcome {
      findings = List.copyOf(findings);
    }
  }
}
