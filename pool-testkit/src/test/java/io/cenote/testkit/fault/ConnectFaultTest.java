package io.cenote.testkit.fault;

import static io.cenote.testkit.fault.SqlAssertions.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectFaultTest {

  private String url;
  private FaultPlan plan;

  @BeforeEach
  void newPlan() {
    url = FaultDriver.uniqueStubUrl();
    plan = FaultDriver.plan(url);
  }

  @Test
  void failsEveryConnectWith08001ByDefault() {
    plan.failConnects(FaultTrigger.always());

    SQLException e = assertSqlState(() -> connect(), FaultSqlStates.CONNECT_FAILURE);

    assertThat(e.getMessage()).contains("injected");
    assertThat(plan.counters().connectAttempts()).isEqualTo(1);
    assertThat(plan.counters().connectFailures()).isEqualTo(1);
    assertThat(plan.counters().opened()).isZero();
  }

  @Test
  void failsWithAChosenStateAndMessage() {
    plan.failConnects(FaultTrigger.always(), "28P01", "password authentication failed");

    SQLException e = assertSqlState(() -> connect(), "28P01");

    assertThat(e.getMessage()).isEqualTo("password authentication failed");
  }

  @Test
  void failsTheNextNConnectsOnly() throws SQLException {
    plan.failConnects(FaultTrigger.times(2));

    assertSqlState(() -> connect(), FaultSqlStates.CONNECT_FAILURE);
    assertSqlState(() -> connect(), FaultSqlStates.CONNECT_FAILURE);
    connect().close();
    connect().close();

    assertThat(plan.stats()).extracting(FaultStats::connectAttempts, FaultStats::connectFailures,
        FaultStats::opened, FaultStats::closed).containsExactly(4L, 2L, 2L, 2L);
  }

  @Test
  void failsWithAProbability() {
    plan.seed(42).failConnects(FaultTrigger.probability(0.3));
    int failures = 0;

    for (int i = 0; i < 2000; i++) {
      try {
        connect().close();
      } catch (SQLException e) {
        failures++;
      }
    }

    assertThat(failures).isBetween(450, 750);
    assertThat(plan.counters().connectFailures()).isEqualTo(failures);
  }

  @Test
  void seededProbabilitiesRepeat() {
    assertThat(failurePattern(7)).isEqualTo(failurePattern(7));
  }

  private String failurePattern(long seed) {
    String freshUrl = FaultDriver.uniqueStubUrl();
    FaultDriver.plan(freshUrl).seed(seed).failConnects(FaultTrigger.probability(0.5));
    StringBuilder pattern = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      try {
        DriverManager.getConnection(freshUrl).close();
        pattern.append('.');
      } catch (SQLException e) {
        pattern.append('x');
      }
    }
    return pattern.toString();
  }

  @Test
  void neverClearsTheFault() throws SQLException {
    plan.failConnects(FaultTrigger.always());
    plan.failConnects(FaultTrigger.never());

    connect().close();

    assertThat(plan.isQuiet()).isTrue();
  }

  @Test
  void delaysConnects() throws SQLException {
    plan.connectLatency(Duration.ofMillis(60));

    long start = System.nanoTime();
    connect().close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
        Duration.ofMillis(60));
  }

  @Test
  void delaysConnectsWithinARange() throws SQLException {
    plan.connectLatency(Duration.ofMillis(20), Duration.ofMillis(40));

    long start = System.nanoTime();
    connect().close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
        Duration.ofMillis(20));
  }

  @Test
  void interruptedConnectDelayThrowsAndKeepsTheFlag() {
    plan.connectLatency(Duration.ofSeconds(30));
    Thread.currentThread().interrupt();
    try {
      assertSqlState(() -> connect(), FaultSqlStates.INTERRUPTED);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void downRefusesConnectsUntilUp() throws SQLException {
    Connection before = connect();
    plan.down();

    assertThat(plan.isDown()).isTrue();
    assertSqlState(() -> connect(), FaultSqlStates.CONNECT_FAILURE);
    assertThat(before.isValid(1)).isTrue();

    plan.up();
    connect().close();
    before.close();
    assertThat(plan.counters().connectFailures()).isEqualTo(1);
  }

  @Test
  void globalFaultsApplyToEveryPlan() throws SQLException {
    try {
      FaultDriver.global().failConnects(FaultTrigger.always(), "08004", "rejected");

      assertSqlState(() -> connect(), "08004");
      assertSqlState(() -> DriverManager.getConnection(FaultDriver.uniqueStubUrl()), "08004");
    } finally {
      FaultDriver.global().reset();
    }
    connect().close();
  }

  @Test
  void resetAllClearsEveryPlan() throws SQLException {
    plan.failConnects(FaultTrigger.always()).down();

    FaultDriver.resetAll();

    connect().close();
    assertThat(plan.isDown()).isFalse();
  }

  @Test
  void validatesFaultArguments() {
    assertThatThrownBy(() -> FaultTrigger.probability(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probability must be between 0.0 and 1.0, but was 1.5");
    assertThatThrownBy(() -> FaultTrigger.times(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("times must be >= 0, but was -1");
    assertThatThrownBy(() -> plan.connectLatency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plan.connectLatency(Duration.ofMillis(5), Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plan.failConnects(FaultTrigger.always(), null, "m"))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void triggersDescribeThemselves() {
    assertThat(FaultTrigger.always()).hasToString("always");
    assertThat(FaultTrigger.never()).hasToString("never");
    assertThat(FaultTrigger.once()).hasToString("times(1)");
    assertThat(FaultTrigger.probability(0.25)).hasToString("probability(0.25)");
    assertThat(FaultTrigger.probability(0)).isSameAs(FaultTrigger.never());
    assertThat(FaultTrigger.probability(1)).isSameAs(FaultTrigger.always());
    assertThat(plan.failConnects(FaultTrigger.once()).toString()).contains("times(1)");
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }
}
