package io.cenote.testkit.fault;

import static io.cenote.testkit.fault.SqlAssertions.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionFaultTest {

  private FaultPlan plan;
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    String url = FaultDriver.uniqueStubUrl();
    plan = FaultDriver.plan(url);
    connection = DriverManager.getConnection(url);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void failsValidationAlways() throws SQLException {
    plan.failValidation(FaultTrigger.always());

    assertThat(connection.isValid(1)).isFalse();
    assertThat(connection.isValid(0)).isFalse();
    assertThat(connection.createStatement().executeQuery("SELECT 1").next()).isTrue();
    assertThat(plan.counters().isValidCalls()).isEqualTo(2);
  }

  @Test
  void failsTheNextNValidations() throws SQLException {
    plan.failValidation(FaultTrigger.times(2));

    assertThat(connection.isValid(1)).isFalse();
    assertThat(connection.isValid(1)).isFalse();
    assertThat(connection.isValid(1)).isTrue();
    assertThat(plan.counters().isValidCalls()).isEqualTo(3);
  }

  @Test
  void failsValidationWithAProbability() throws SQLException {
    plan.seed(1).failValidation(FaultTrigger.probability(0.5));
    int invalid = 0;

    for (int i = 0; i < 1000; i++) {
      if (!connection.isValid(1)) {
        invalid++;
      }
    }

    assertThat(invalid).isBetween(400, 600);
  }

  @Test
  void failsStatementsWith08006ByDefaultAndBreaksTheConnection() throws SQLException {
    plan.failStatements(FaultTrigger.once());
    Statement statement = connection.createStatement();

    assertSqlState(() -> statement.execute("SELECT 1"), FaultSqlStates.CONNECTION_FAILURE);

    FaultConnection physical = connection.unwrap(FaultConnection.class);
    assertThat(physical.isBroken()).isTrue();
    assertThat(connection.isClosed()).isFalse();
    assertThat(connection.isValid(1)).isFalse();
    assertSqlState(() -> statement.execute("SELECT 1"), FaultSqlStates.CONNECTION_FAILURE);
    assertThat(plan.counters().statementsExecuted()).isEqualTo(1);
  }

  @Test
  void failsStatementsWithAChosenStateAndKeepsTheConnectionUsable() throws SQLException {
    plan.failStatements(FaultTrigger.times(1), "40001", "could not serialize access");
    PreparedStatement statement = connection.prepareStatement("UPDATE t SET x = ?");

    SQLException e = assertSqlState(() -> statement.executeUpdate(), "40001");

    assertThat(e.getMessage()).isEqualTo("could not serialize access");
    assertThat(statement.executeUpdate()).isZero();
    assertThat(connection.isValid(1)).isTrue();
    assertThat(plan.counters().statementsExecuted()).isEqualTo(2);
  }

  @Test
  void delaysStatements() throws SQLException {
    plan.statementLatency(Duration.ofMillis(50));

    long start = System.nanoTime();
    connection.createStatement().executeQuery("SELECT 1");

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }

  @Test
  void delaysStatementsWithinARange() throws SQLException {
    plan.seed(3).statementLatency(Duration.ofMillis(10), Duration.ofMillis(30));

    long start = System.nanoTime();
    connection.prepareStatement("SELECT 1").execute();

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(10));
  }

  @Test
  void aDelayLongerThanTheQueryTimeoutIsCanceled() throws SQLException {
    plan.statementLatency(Duration.ofSeconds(30));
    Statement statement = connection.createStatement();
    statement.setQueryTimeout(1);

    long start = System.nanoTime();
    SQLException e = assertSqlState(() -> statement.executeQuery("SELECT pg_sleep(30)"),
        FaultSqlStates.QUERY_CANCELED);

    assertThat((Throwable) e).isInstanceOf(SQLTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
    plan.statementLatency(Duration.ZERO);
    assertThat(statement.executeQuery("SELECT 1").next()).isTrue();
  }

  @Test
  void faultsChangeWhileTheConnectionIsOpen() throws SQLException {
    Statement statement = connection.createStatement();
    statement.execute("SELECT 1");

    plan.failStatements(FaultTrigger.always(), "57P01", "terminating connection");
    assertSqlState(() -> statement.execute("SELECT 1"), "57P01");

    plan.reset();
    assertThat(statement.execute("SELECT 1")).isTrue();
    assertThat(plan.isQuiet()).isTrue();
  }

  @Test
  void globalStatementFaultsApplyToo() throws SQLException {
    try {
      FaultDriver.global().failStatements(FaultTrigger.always(), "53300", "too many clients");

      assertSqlState(() -> connection.createStatement().execute("SELECT 1"), "53300");
    } finally {
      FaultDriver.global().reset();
    }
    assertThat(connection.createStatement().execute("SELECT 1")).isTrue();
  }
}
