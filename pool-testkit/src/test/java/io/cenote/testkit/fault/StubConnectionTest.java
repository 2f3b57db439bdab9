package io.cenote.testkit.fault;

import static io.cenote.testkit.fault.SqlAssertions.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StubConnectionTest {

  private String url;
  private FaultPlan plan;
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    url = FaultDriver.uniqueStubUrl();
    plan = FaultDriver.plan(url);
    connection = DriverManager.getConnection(url);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void startsWithDriverDefaults() throws SQLException {
    assertThat(connection.getAutoCommit()).isTrue();
    assertThat(connection.isReadOnly()).isFalse();
    assertThat(connection.getTransactionIsolation())
        .isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    assertThat(connection.getCatalog()).isEqualTo("stub");
    assertThat(connection.getSchema()).isEqualTo("public");
    assertThat(connection.getNetworkTimeout()).isZero();
    assertThat(connection.getHoldability()).isEqualTo(ResultSet.CLOSE_CURSORS_AT_COMMIT);
    assertThat(connection.getClientInfo()).isEmpty();
    assertThat((Object) connection.getWarnings()).isNull();
    assertThat(connection.isClosed()).isFalse();
    assertThat(connection.isValid(1)).isTrue();
  }

  @Test
  void keepsSessionState() throws SQLException {
    connection.setAutoCommit(false);
    connection.setReadOnly(true);
    connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    connection.setCatalog("other");
    connection.setSchema("app");
    connection.setNetworkTimeout(Runnable::run, 1500);
    connection.setHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT);
    connection.setClientInfo("ApplicationName", "test");

    assertThat(connection.getAutoCommit()).isFalse();
    assertThat(connection.isReadOnly()).isTrue();
    assertThat(connection.getTransactionIsolation())
        .isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
    assertThat(connection.getCatalog()).isEqualTo("other");
    assertThat(connection.getSchema()).isEqualTo("app");
    assertThat(connection.getNetworkTimeout()).isEqualTo(1500);
    assertThat(connection.getHoldability()).isEqualTo(ResultSet.HOLD_CURSORS_OVER_COMMIT);
    assertThat(connection.getClientInfo("ApplicationName")).isEqualTo("test");

    Properties info = new Properties();
    info.setProperty("ClientUser", "u");
    connection.setClientInfo(info);
    assertThat(connection.getClientInfo()).containsOnlyKeys("ClientUser");
    connection.setClientInfo("ClientUser", null);
    assertThat(connection.getClientInfo()).isEmpty();
  }

  @Test
  void rejectsInvalidSettings() {
    assertSqlState(() -> connection.setTransactionIsolation(42), FaultSqlStates.INVALID_ARGUMENT);
    assertSqlState(() -> connection.setNetworkTimeout(Runnable::run, -1),
        FaultSqlStates.INVALID_ARGUMENT);
    assertSqlState(() -> connection.isValid(-1), FaultSqlStates.INVALID_ARGUMENT);
    assertSqlState(() -> connection.setHoldability(7), FaultSqlStates.INVALID_ARGUMENT);
  }

  @Test
  void countsCommitsAndRollbacksPerConnectionAndPlan() throws SQLException {
    connection.setAutoCommit(false);
    connection.commit();
    connection.commit();
    connection.rollback();
    FaultConnection physical = connection.unwrap(FaultConnection.class);

    assertThat(physical.commitCount()).isEqualTo(2);
    assertThat(physical.rollbackCount()).isEqualTo(1);
    assertThat(plan.counters().commits()).isEqualTo(2);
    assertThat(plan.counters().rollbacks()).isEqualTo(1);
  }

  @Test
  void refusesCommitAndRollbackInAutoCommitMode() {
    assertSqlState(() -> connection.commit(), FaultSqlStates.NO_ACTIVE_TRANSACTION);
    assertSqlState(() -> connection.rollback(), FaultSqlStates.NO_ACTIVE_TRANSACTION);
    assertThat(plan.counters().commits()).isZero();
    assertThat(plan.counters().rollbacks()).isZero();
  }

  @Test
  void queriesReturnOneRowHoldingOne() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT ?")) {
      statement.setInt(1, 5);
      ResultSet rs = statement.executeQuery();

      assertThat(rs.isBeforeFirst()).isTrue();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getLong(1)).isEqualTo(1L);
      assertThat(rs.getString(1)).isEqualTo("1");
      assertThat(rs.getObject(1)).isEqualTo(1);
      assertThat(rs.getObject(1, Long.class)).isEqualTo(1L);
      assertThat(rs.getObject("anything", String.class)).isEqualTo("1");
      assertThat(rs.getBigDecimal("ok")).isEqualTo(BigDecimal.ONE);
      assertThat(rs.getBoolean(1)).isTrue();
      assertThat(rs.getDouble(1)).isEqualTo(1.0);
      assertThat(rs.wasNull()).isFalse();
      assertThat(rs.getRow()).isEqualTo(1);
      assertThat(rs.getMetaData().getColumnCount()).isEqualTo(1);
      assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.INTEGER);
      assertThat(rs.getStatement()).isSameAs(statement);
      assertSqlState(() -> rs.getInt(2), FaultSqlStates.INVALID_COLUMN);
      assertThat(rs.next()).isFalse();
      assertThat(rs.isAfterLast()).isTrue();
      assertSqlState(() -> rs.getInt(1), FaultSqlStates.INVALID_CURSOR_STATE);
    }
    assertThat(plan.counters().statementsExecuted()).isEqualTo(1);
  }

  @Test
  void statementsExecuteEveryWay() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      assertThat(statement.execute("SELECT 1")).isTrue();
      assertThat(statement.getResultSet().next()).isTrue();
      assertThat(statement.getUpdateCount()).isEqualTo(-1);
      assertThat(statement.executeUpdate("UPDATE t SET x = 1")).isZero();
      assertThat(statement.getUpdateCount()).isZero();
      assertThat(statement.getResultSet()).isNull();
      assertThat(statement.executeLargeUpdate("DELETE FROM t")).isZero();
      statement.addBatch("INSERT 1");
      statement.addBatch("INSERT 2");
      assertThat(statement.executeBatch()).containsExactly(0, 0);
      assertThat(statement.executeQuery("SELECT 1").next()).isTrue();
      assertThat(statement.getMoreResults()).isFalse();
      assertThat(statement.getGeneratedKeys().next()).isFalse();
      assertThat(statement.getConnection()).isSameAs(connection);
    }
    assertThat(plan.counters().statementsExecuted()).isEqualTo(5);
  }

  @Test
  void storesStatementSettings() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(7);
      statement.setMaxRows(100);
      statement.setFetchSize(50);

      assertThat(statement.getQueryTimeout()).isEqualTo(7);
      assertThat(statement.getMaxRows()).isEqualTo(100);
      assertThat(statement.getFetchSize()).isEqualTo(50);
      assertThat(statement.isPoolable()).isFalse();
      assertSqlState(() -> statement.setQueryTimeout(-1), FaultSqlStates.INVALID_ARGUMENT);
    }
    try (PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
      assertThat(statement.isPoolable()).isTrue();
    }
  }

  @Test
  void closeOnCompletionClosesTheStatementWithItsResult() throws SQLException {
    Statement statement = connection.createStatement();
    statement.closeOnCompletion();
    ResultSet rs = statement.executeQuery("SELECT 1");

    rs.close();

    assertThat(statement.isClosed()).isTrue();
  }

  @Test
  void callableStatementsExecuteButHaveNoOutParameters() throws SQLException {
    try (CallableStatement call = connection.prepareCall("{call p(?)}")) {
      call.registerOutParameter(1, Types.INTEGER);
      call.setString("name", "x");

      assertThat(call.execute()).isTrue();
      assertThatThrownBy(() -> call.getInt(1))
          .isInstanceOf(SQLFeatureNotSupportedException.class);
    }
  }

  @Test
  void closedConnectionThrows08003() throws SQLException {
    Statement statement = connection.createStatement();
    ResultSet rs = statement.executeQuery("SELECT 1");

    connection.close();
    connection.close();

    assertThat(connection.isClosed()).isTrue();
    assertThat(connection.isValid(1)).isFalse();
    assertThat(statement.isClosed()).isTrue();
    assertThat(rs.isClosed()).isTrue();
    assertSqlState(() -> connection.createStatement(), FaultSqlStates.CONNECTION_CLOSED);
    assertSqlState(() -> connection.getAutoCommit(), FaultSqlStates.CONNECTION_CLOSED);
    assertSqlState(() -> connection.setReadOnly(true), FaultSqlStates.CONNECTION_CLOSED);
    assertSqlState(() -> connection.commit(), FaultSqlStates.CONNECTION_CLOSED);
    assertSqlState(() -> statement.executeQuery("SELECT 1"), FaultSqlStates.CONNECTION_CLOSED);
    assertSqlState(() -> rs.next(), FaultSqlStates.CONNECTION_CLOSED);
    assertThatThrownBy(() -> connection.setClientInfo("a", "b"))
        .isInstanceOf(SQLClientInfoException.class);
    assertThat(plan.counters().closed()).isEqualTo(1);
  }

  @Test
  void closedStatementThrows08003() throws SQLException {
    Statement statement = connection.createStatement();
    statement.close();

    assertThat(statement.isClosed()).isTrue();
    assertSqlState(() -> statement.executeQuery("SELECT 1"), FaultSqlStates.CONNECTION_CLOSED);
    assertSqlState(() -> statement.getQueryTimeout(), FaultSqlStates.CONNECTION_CLOSED);
    assertThat(connection.isClosed()).isFalse();
  }

  @Test
  void abortClosesTheConnection() throws SQLException {
    FaultConnection physical = connection.unwrap(FaultConnection.class);

    connection.abort(Runnable::run);

    assertThat(connection.isClosed()).isTrue();
    assertThat(physical.isAborted()).isTrue();
    assertThat(plan.counters().closed()).isEqualTo(1);
    assertThat(plan.counters().open()).isZero();
    assertSqlState(() -> connection.abort(null), FaultSqlStates.INVALID_ARGUMENT);
  }

  @Test
  void unwrapsToItsOwnTypesOnly() throws SQLException {
    assertThat(connection.isWrapperFor(FaultConnection.class)).isTrue();
    assertThat(connection.unwrap(FaultConnection.class)).isSameAs(connection);
    assertThat(connection.isWrapperFor(String.class)).isFalse();
    assertThatThrownBy(() -> connection.unwrap(String.class)).isInstanceOf(SQLException.class);
  }

  @Test
  void exoticFeaturesAreHonestlyUnsupported() {
    assertThatThrownBy(() -> connection.setSavepoint())
        .isInstanceOf(SQLFeatureNotSupportedException.class);
    assertThatThrownBy(() -> connection.getMetaData())
        .isInstanceOf(SQLFeatureNotSupportedException.class);
    assertThatThrownBy(() -> connection.createBlob())
        .isInstanceOf(SQLFeatureNotSupportedException.class);
  }

  @Test
  void describesItselfWithoutItsUrl() {
    assertThat(connection.toString()).contains(plan.key()).contains("open");
  }
}
