package io.cenote.testkit.fault;

import static io.cenote.testkit.fault.SqlAssertions.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wraps a "real" driver's connection. The only driver on this module's test class path is the
 * fault driver itself, so the wrapped URL {@code jdbc:cenote-fault:cenote-fault:stub:<name>}
 * delegates to {@code jdbc:cenote-fault:stub:<name>}: an outer wrapping plan around an inner stub.
 */
class WrappedConnectionTest {

  private String innerUrl;
  private FaultPlan outer;
  private FaultPlan inner;
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    innerUrl = FaultDriver.uniqueStubUrl();
    String outerUrl = doubleWrapped(innerUrl);
    outer = FaultDriver.plan(outerUrl);
    inner = FaultDriver.plan(innerUrl);
    connection = DriverManager.getConnection(outerUrl);
  }

  /** {@link FaultDriver#wrap} refuses fault URLs, to prevent mistakes; this test means it. */
  private static String doubleWrapped(String faultUrl) {
    return FaultDriver.URL_PREFIX + faultUrl.substring("jdbc:".length());
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void wrapsTheRealDriversConnection() throws SQLException {
    FaultConnection wrapper = connection.unwrap(FaultConnection.class);

    assertThat(wrapper).isSameAs(connection);
    assertThat(wrapper.isStub()).isFalse();
    assertThat(outer.key()).isEqualTo("cenote-fault:" + inner.key());
    assertThat(outer.openConnections()).containsExactly(wrapper);
    assertThat(inner.openConnections()).hasSize(1);
    assertThat(connection.isWrapperFor(Statement.class)).isFalse();
  }

  @Test
  void delegatesStateAndWork() throws SQLException {
    connection.setAutoCommit(false);
    connection.setReadOnly(true);
    connection.setSchema("app");
    connection.setNetworkTimeout(Runnable::run, 1234);
    try (PreparedStatement statement = connection.prepareStatement("SELECT ?")) {
      statement.setInt(1, 1);
      assertThat(statement.executeQuery().next()).isTrue();
      assertThat(statement.getConnection()).isSameAs(connection);
    }
    try (CallableStatement call = connection.prepareCall("{call p()}")) {
      assertThat(call.execute()).isTrue();
    }
    connection.commit();
    connection.rollback();

    FaultConnection delegate = inner.openConnections().get(0);
    assertThat(delegate.getAutoCommit()).isFalse();
    assertThat(delegate.isReadOnly()).isTrue();
    assertThat(delegate.getSchema()).isEqualTo("app");
    assertThat(delegate.getNetworkTimeout()).isEqualTo(1234);
    assertThat(connection.getNetworkTimeout()).isEqualTo(1234);
    assertThat(outer.stats()).extracting(FaultStats::statementsExecuted, FaultStats::commits,
        FaultStats::rollbacks).containsExactly(2L, 1L, 1L);
    assertThat(inner.stats()).extracting(FaultStats::statementsExecuted, FaultStats::commits,
        FaultStats::rollbacks).containsExactly(2L, 1L, 1L);
  }

  @Test
  void injectsFaultsBeforeDelegating() throws SQLException {
    outer.failStatements(FaultTrigger.once(), "40P01", "deadlock detected");
    outer.failValidation(FaultTrigger.once());
    Statement statement = connection.createStatement();

    assertSqlState(() -> statement.execute("SELECT 1"), "40P01");
    assertThat(connection.isValid(1)).isFalse();
    assertThat(inner.counters().statementsExecuted()).isZero();
    assertThat(statement.execute("SELECT 1")).isTrue();
    assertThat(connection.isValid(1)).isTrue();
    assertThat(inner.counters().statementsExecuted()).isEqualTo(1);
  }

  @Test
  void restartOfTheWrappingPlanBreaksTheWrapperOnly() throws SQLException {
    outer.restart();

    assertThat(connection.isValid(1)).isFalse();
    assertSqlState(() -> connection.createStatement(), FaultSqlStates.CONNECTION_FAILURE);
    assertThat(inner.openConnections().get(0).isValid(1)).isTrue();
  }

  @Test
  void closeAndAbortReachTheRealConnection() throws SQLException {
    connection.close();

    assertThat(inner.counters().open()).isZero();
    assertThat(outer.counters().open()).isZero();

    Connection second = DriverManager.getConnection(doubleWrapped(innerUrl));
    second.abort(Runnable::run);
    assertThat(inner.counters().closed()).isEqualTo(2);
    assertThat(outer.counters().closed()).isEqualTo(2);
  }

  @Test
  void connectFailuresOfTheRealDriverAreCounted() {
    FaultPlan missing = FaultDriver.plan("nosuchdb://h/db");

    assertSqlState(() -> DriverManager.getConnection("jdbc:cenote-fault:nosuchdb://h/db"),
        "08001");
    assertThat(missing.counters().connectFailures()).isEqualTo(1);
  }

  @Test
  void connectFaultsApplyBeforeTheRealDriverIsAsked() {
    outer.failConnects(FaultTrigger.always());
    long innerAttempts = inner.counters().connectAttempts();

    assertSqlState(() -> DriverManager.getConnection(doubleWrapped(innerUrl)),
        FaultSqlStates.CONNECT_FAILURE);
    assertThat(inner.counters().connectAttempts()).isEqualTo(innerAttempts);
  }
}
