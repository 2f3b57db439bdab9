package io.cenote.examples.demo;

import io.cenote.pool.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a demo run produced.
 *
 * @param finalStats the pool's statistics after it was closed
 * @param counts what the clients did
 * @param leaksReported how many leaks the pool reported
 * @param leakExpected whether the run was long enough that the leak must have been reported
 * @param elapsed how long the run took
 * @param firstError the first unexpected client failure, or null
 */
record DemoResult(PoolStats finalStats, Workload.Counts counts, int leaksReported,
    boolean leakExpected, Duration elapsed, Throwable firstError) implements PartResult {

  /**
   * Lists what did not go as designed: no borrows, connections still lent after close,
   * unexpected client errors, or a leak that was not reported.
   *
   * @return the problems, empty when the run went as designed
   */
  @Override
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (finalStats.acquired() == 0) {
      problems.add("no connection was ever acquired");
    }
    if (finalStats.active() != 0) {
      problems.add(finalStats.active() + " connection(s) were still lent after close");
    }
    if (counts.errors() != 0) {
      problems.add(counts.errors() + " unexpected client error(s), first: " + firstError);
    }
    if (leakExpected && leaksReported == 0) {
      problems.add("the leaked connection was not reported");
    }
    return problems;
  }

  /** @return true when {@link #problems()} is empty */
  boolean ranAsDesigned() {
    return problems().isEmpty();
  }

  @Override
  public String success() {
    return "every borrowed connection came back and the pool closed cleanly";
  }
}
