package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every scenario, run on embedded SQLite in a short mode through the command line: its summary
 * numbers must show what the scenario teaches. Outages are made by the fault driver.
 */
class SqliteScenariosTest {

  private static final Map<String, String> NO_VARIABLES = Map.of();

  private static Recording run(String scenario, int seconds) {
    return ScenarioRuns.run(NO_VARIABLES, scenario, "--seconds", Integer.toString(seconds));
  }

  @Test
  void normalReusesFewConnectionsAndNobodyWaits() {
    Recording r = run("normal", 5);
    assertThat(r.value("failures")).isZero();
    assertThat(r.value("timeouts")).isZero();
    assertThat(r.value("reuse")).as("borrows per connection").isGreaterThan(10);
    assertThat(r.value("hitRate")).isGreaterThan(0.9);
    assertThat(r.value("peak")).isLessThanOrEqualTo(5);
    assertThat(r.samples()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(r.lesson()).contains("reused about");
  }

  @Test
  void saturationQueuesAndOpensAndClosesOverflow() {
    Recording r = run("saturation", 6);
    assertThat(r.value("waited")).as("borrows that queued").isPositive();
    assertThat(r.value("overflowPeak")).as("overflow beyond maxSize").isPositive();
    assertThat(r.value("overflowClosed")).isPositive();
    assertThat(r.value("peak")).isLessThanOrEqualTo(15);
    assertThat(r.value("failures")).isZero();
  }

  @Test
  void exhaustionTimesOutWithTheCallersExceptionAndRecovers() {
    Recording r = run("exhaustion", 8);
    assertThat(r.value("timeoutsUnderLoad")).isPositive();
    assertThat(r.findings()).filteredOn(f -> f.key().equals("callerSaw")).singleElement()
        .satisfies(f -> assertThat(f.text()).startsWith("AcquireTimeoutException")
            .contains("acquireTimeout"));
    assertThat(r.value("timeoutsAfterRecovery")).isZero();
    assertThat(r.value("peak")).isLessThanOrEqualTo(10);
    assertThat(r.count(SimEvent.Kind.TIMEOUT)).isPositive();
  }

  @Test
  void leakIsReportedWithTheBorrowersStackAndReclaimed() {
    Recording r = run("leak", 8);
    assertThat(r.value("leaksDetected")).isPositive();
    assertThat(r.value("leaksReclaimed")).isPositive();
    assertThat(r.findings()).filteredOn(f -> f.key().equals("leakSite")).singleElement()
        .satisfies(f -> assertThat(f.text()).contains("LeakScenario"));
    assertThat(r.count(SimEvent.Kind.LEAK)).isPositive();
    assertThat(r.value("peak")).isLessThanOrEqualTo(5);
  }

  @Test
  void slowDatabaseRaisesHoldTimesAndHealthRecovers() {
    Recording r = run("slow-db", 12);
    assertThat(r.value("holdP99Slow")).isGreaterThan(r.value("holdP99Fast") + 300);
    assertThat(r.value("degraded")).isPositive();
    assertThat(r.findings()).filteredOn(f -> f.key().equals("endHealth")).singleElement()
        .satisfies(f -> assertThat(f.text()).isEqualTo("UP"));
    assertThat(r.value("failures")).isZero();
  }

  @Test
  void recycleRetiresByAgeAndByUseWithoutFailures() {
    Recording r = run("recycle", 12);
    assertThat(r.value("retiredByAge")).isPositive();
    assertThat(r.value("retiredByUse")).isPositive();
    assertThat(r.value("failures")).isZero();
  }

  @Test
  void restartFailsFewerRequestsWithPrePing() {
    Recording r = run("restart", 10);
    assertThat(r.value("failuresWithPrePing"))
        .isLessThan(r.value("failuresWithoutPrePing"));
    assertThat(r.value("invalidated")).isPositive();
    assertThat(r.events()).anySatisfy(e -> assertThat(e.message())
        .contains("fault driver"));
  }

  @Test
  void replicaOutageExcludesAndReadmitsTheReplica() {
    Recording r = run("replica-failover", 8);
    assertThat(r.value("excluded")).isPositive();
    assertThat(r.value("readmitted")).isPositive();
    assertThat(r.value("reads")).isPositive();
    assertThat(r.events()).anySatisfy(e -> assertThat(e.message())
        .contains("PostgreSQL only"));
  }

  @Test
  void breakerOpensFailsFastAndCloses() {
    Recording r = run("breaker", 10);
    assertThat(r.value("breakerOpened")).isPositive();
    assertThat(r.value("failedFast")).isPositive();
    assertThat(r.value("fastFailureMillis")).isLessThan(r.value("slowFailureMillis") / 10);
    assertThat(r.findings()).filteredOn(f -> f.key().equals("finalState")).singleElement()
        .satisfies(f -> assertThat(f.text()).isEqualTo("CLOSED"));
  }

  @Test
  void adaptiveSizingGrowsUnderTheRampAndShrinksAfter() {
    Recording r = run("adaptive", 28);
    assertThat(r.value("peakSize")).isGreaterThan(r.value("startSize"));
    assertThat(r.value("shrank")).isPositive();
    assertThat(r.value("endSize")).isLessThan(r.value("peakSize"));
    assertThat(r.value("failures")).isZero();
  }
}
