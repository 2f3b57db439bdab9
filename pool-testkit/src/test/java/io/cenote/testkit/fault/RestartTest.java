package io.cenote.testkit.fault;

import static io.cenote.testkit.fault.SqlAssertions.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestartTest {

  private String url;
  private FaultPlan plan;

  @BeforeEach
  void newPlan() {
    url = FaultDriver.uniqueStubUrl();
    plan = FaultDriver.plan(url);
  }

  @Test
  void restartBreaksOpenConnectionsOnly() throws SQLException {
    Connection before = DriverManager.getConnection(url);
    Statement statement = before.createStatement();

    plan.restart();
    Connection after = DriverManager.getConnection(url);

    assertThat(plan.restarts()).isEqualTo(1);
    assertThat(before.isValid(1)).isFalse();
    assertThat(before.unwrap(FaultConnection.class).isBroken()).isTrue();
    assertThat(before.isClosed()).isFalse();
    SQLException e = assertSqlState(() -> statement.executeQuery("SELECT 1"),
        FaultSqlStates.CONNECTION_FAILURE);
    assertThat(e.getMessage()).contains("connection reset");
    assertSqlState(() -> before.getAutoCommit(), FaultSqlStates.CONNECTION_FAILURE);
    assertSqlState(() -> before.setAutoCommit(false), FaultSqlStates.CONNECTION_FAILURE);
    assertSqlState(() -> before.createStatement(), FaultSqlStates.CONNECTION_FAILURE);

    assertThat(after.isValid(1)).isTrue();
    assertThat(after.createStatement().executeQuery("SELECT 1").next()).isTrue();

    before.close();
    after.close();
    assertThat(plan.stats()).extracting(FaultStats::opened, FaultStats::closed, FaultStats::open)
        .containsExactly(2L, 2L, 0L);
  }

  @Test
  void restartLeavesOtherPlansAlone() throws SQLException {
    String otherUrl = FaultDriver.uniqueStubUrl();
    try (Connection other = DriverManager.getConnection(otherUrl);
        Connection mine = DriverManager.getConnection(url)) {
      plan.restart();

      assertThat(mine.isValid(1)).isFalse();
      assertThat(other.isValid(1)).isTrue();
    }
  }

  @Test
  void globalRestartBreaksEveryPlan() throws SQLException {
    try (Connection a = DriverManager.getConnection(url);
        Connection b = DriverManager.getConnection(FaultDriver.uniqueStubUrl())) {
      FaultDriver.global().restart();

      assertThat(a.isValid(1)).isFalse();
      assertThat(b.isValid(1)).isFalse();
    }
    try (Connection fresh = DriverManager.getConnection(url)) {
      assertThat(fresh.isValid(1)).isTrue();
    }
  }

  @Test
  void restartWithDownTimeRefusesConnectsUntilUp() throws SQLException {
    Connection before = DriverManager.getConnection(url);

    plan.down().restart();

    assertThat(before.isValid(1)).isFalse();
    assertSqlState(() -> DriverManager.getConnection(url), FaultSqlStates.CONNECT_FAILURE);
    plan.up();
    try (Connection after = DriverManager.getConnection(url)) {
      assertThat(after.isValid(1)).isTrue();
    }
    before.close();
  }

  @Test
  void resetDoesNotRepairBrokenConnections() throws SQLException {
    try (Connection before = DriverManager.getConnection(url)) {
      plan.restart();
      plan.reset();

      assertThat(before.isValid(1)).isFalse();
    }
  }
}
