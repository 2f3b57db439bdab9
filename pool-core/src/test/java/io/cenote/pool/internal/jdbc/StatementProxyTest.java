package io.cenote.pool.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Statement and result set proxies over a real in-memory SQLite database. */
class StatementProxyTest {

  private Connection driverConnection;
  private RecordingOwner owner;

  @BeforeEach
  void openDatabase() throws SQLException {
    driverConnection = DriverManager.getConnection("jdbc:sqlite::memory:");
    try (Statement ddl = driverConnection.createStatement()) {
      ddl.executeUpdate("create table item (id integer primary key autoincrement, name text)");
      ddl.executeUpdate("insert into item (name) values ('a'), ('b')");
    }
    owner = new RecordingOwner();
  }

  @AfterEach
  void closeDatabase() throws SQLException {
    driverConnection.close();
  }

  private StatementProxy statement() throws SQLException {
    return new StatementProxy(owner, driverConnection.createStatement());
  }

  @Test
  void getConnectionReturnsTheOwnersConnectionNotTheDrivers() throws SQLException {
    StatementProxy statement = statement();

    Connection connection = statement.getConnection();

    assertThat(connection).isSameAs(owner.connection).isNotSameAs(driverConnection);
  }

  @Test
  void everyExecutionMarksTheTransactionDirty() throws SQLException {
    StatementProxy statement = statement();

    statement.executeUpdate("insert into item (name) values ('c')");
    statement.executeUpdate("insert into item (name) values ('d')", Statement.NO_GENERATED_KEYS);
    statement.execute("update item set name = 'e' where id = 1");
    statement.executeQuery("select 1").close();
    statement.addBatch("insert into item (name) values ('f')");
    statement.executeBatch();

    assertThat(owner.dirtyMarks).isEqualTo(5);
  }

  @Test
  void nonExecutingCallsDoNotMarkTheTransactionDirty() throws SQLException {
    StatementProxy statement = statement();

    statement.setFetchSize(10);
    statement.addBatch("insert into item (name) values ('c')");
    statement.clearBatch();
    statement.getWarnings();

    assertThat(owner.dirtyMarks).isZero();
  }

  @Test
  void executeQueryWrapsTheResultSetSoItLeadsBackToTheProxies() throws SQLException {
    StatementProxy statement = statement();

    ResultSet rs = statement.executeQuery("select name from item order by id");

    assertThat(rs).isInstanceOf(ResultSetProxy.class);
    assertThat(rs.getStatement()).isSameAs(statement);
    assertThat(rs.getStatement().getConnection()).isSameAs(owner.connection);
    assertThat(rs.next()).isTrue();
    assertThat(rs.getString(1)).isEqualTo("a");
    assertThat(rs.getString("name")).isEqualTo("a");
    assertThat(rs.next()).isTrue();
    assertThat(rs.next()).isFalse();
  }

  @Test
  void getResultSetAndGeneratedKeysAreWrapped() throws SQLException {
    StatementProxy statement = statement();

    statement.executeUpdate(
        "insert into item (name) values ('c')", Statement.RETURN_GENERATED_KEYS);
    ResultSet keys = statement.getGeneratedKeys();

    assertThat(keys).isInstanceOf(ResultSetProxy.class);
    assertThat(keys.getStatement()).isSameAs(statement);
    assertThat(keys.next()).isTrue();
    assertThat(keys.getLong(1)).isEqualTo(3L);

    statement.execute("select count(*) from item");
    ResultSet result = statement.getResultSet();

    assertThat(result).isInstanceOf(ResultSetProxy.class);
    assertThat(result.getStatement()).isSameAs(statement);
    assertThat(result.next()).isTrue();
    assertThat(result.getInt(1)).isEqualTo(3);
  }

  @Test
  void missingResultSetsStayNull() throws SQLException {
    Statement driverStatement = stub(Statement.class, null, Map.of(
        "getResultSet", args -> null,
        "getGeneratedKeys", args -> null));
    StatementProxy statement = new StatementProxy(owner, driverStatement);

    assertThat(statement.getResultSet()).isNull();
    assertThat(statement.getGeneratedKeys()).isNull();
  }

  @Test
  void repeatedGetResultSetReturnsOneProxyForOneDriverResultSet() throws SQLException {
    try (Statement query = driverConnection.createStatement()) {
      ResultSet driverResult = query.executeQuery("select 1");
      Statement driverStatement =
          stub(Statement.class, null, Map.of("getResultSet", args -> driverResult));
      StatementProxy statement = new StatementProxy(owner, driverStatement);

      ResultSet first = statement.getResultSet();
      ResultSet second = statement.getResultSet();

      assertThat(first).isInstanceOf(ResultSetProxy.class).isSameAs(second);
    }
  }

  @Test
  void driverErrorsPassThroughCheckExceptionAndAreRethrown() throws SQLException {
    StatementProxy statement = statement();

    SQLException thrown =
        catchThrowableOfType(SQLException.class, () -> statement.executeQuery("selec nothing"));

    assertThat(owner.checked).containsExactly(thrown);
    assertThat(owner.dirtyMarks).isEqualTo(1);
  }

  @Test
  void theExceptionThrownIsTheOneCheckExceptionReturns() throws SQLException {
    SQLException replacement = new SQLException("connection is broken", "08006");
    owner.translate = e -> replacement;
    StatementProxy statement = statement();

    assertThatThrownBy(() -> statement.executeUpdate("not sql")).isSameAs(replacement);
    assertThat(owner.checked).hasSize(1);
  }

  @Test
  void closeClosesTheDriverStatementAndTellsTheOwnerOnce() throws SQLException {
    Statement driverStatement = driverConnection.createStatement();
    StatementProxy statement = new StatementProxy(owner, driverStatement);

    statement.close();
    statement.close();

    assertThat(statement.isClosed()).isTrue();
    assertThat(driverStatement.isClosed()).isTrue();
    assertThat(owner.closed).containsExactly(statement);
  }

  @Test
  void closeTellsTheOwnerEvenWhenTheDriverFailsToClose() throws SQLException {
    SQLException failure = new SQLException("close failed");
    Statement driverStatement = stub(Statement.class, null, Map.of("close", args -> {
      throw failure;
    }));
    StatementProxy statement = new StatementProxy(owner, driverStatement);

    assertThatThrownBy(statement::close).isSameAs(failure);

    assertThat(owner.checked).containsExactly(failure);
    assertThat(owner.closed).containsExactly(statement);
    assertThat(statement.isClosed()).isTrue();
  }

  @Test
  void closeByOwnerClosesTheDriverStatementWithoutCallingBack() throws SQLException {
    Statement driverStatement = driverConnection.createStatement();
    StatementProxy statement = new StatementProxy(owner, driverStatement);

    statement.closeByOwner();
    statement.close();

    assertThat(statement.isClosed()).isTrue();
    assertThat(driverStatement.isClosed()).isTrue();
    assertThat(owner.closed).isEmpty();
  }

  @Test
  void useAfterCloseFailsWithFunctionSequenceError() throws SQLException {
    StatementProxy statement = statement();
    statement.close();

    assertClosed(() -> statement.executeQuery("select 1"));
    assertClosed(() -> statement.executeUpdate("delete from item"));
    assertClosed(() -> statement.getConnection());
    assertClosed(() -> statement.setFetchSize(1));
    assertClosed(() -> statement.getResultSet());
    assertThat(owner.dirtyMarks).isZero();
    assertThat(owner.checked).isEmpty();
  }

  @Test
  void useAfterCloseByOwnerFailsWithFunctionSequenceError() throws SQLException {
    StatementProxy statement = statement();
    statement.closeByOwner();

    assertClosed(() -> statement.execute("select 1"));
  }

  @Test
  void unwrapPrefersTheDriverStatementThenTheProxy() throws SQLException {
    Statement driverStatement = driverConnection.createStatement();
    StatementProxy statement = new StatementProxy(owner, driverStatement);
    statement.close();

    assertThat(statement.unwrap(Statement.class)).isSameAs(driverStatement);
    assertThat(statement.unwrap(driverStatement.getClass())).isSameAs(driverStatement);
    assertThat(statement.unwrap(StatementProxy.class)).isSameAs(statement);
    assertThat(statement.isWrapperFor(Statement.class)).isTrue();
    assertThat(statement.isWrapperFor(StatementProxy.class)).isTrue();
    assertThat(statement.isWrapperFor(CallableStatement.class)).isFalse();
  }

  @Nested
  class Prepared {

    @Test
    void executionsMarkDirtyAndResultsLeadBackToTheProxy() throws SQLException {
      PreparedStatementProxy insert = new PreparedStatementProxy(
          owner, driverConnection.prepareStatement("insert into item (name) values (?)"));
      PreparedStatementProxy select = new PreparedStatementProxy(
          owner, driverConnection.prepareStatement("select name from item where id = ?"));

      insert.setString(1, "c");
      int inserted = insert.executeUpdate();
      insert.setString(1, "d");
      insert.addBatch();
      insert.executeBatch();
      select.setInt(1, 4);
      ResultSet rs = select.executeQuery();

      assertThat(inserted).isEqualTo(1);
      assertThat(owner.dirtyMarks).isEqualTo(3);
      assertThat(rs).isInstanceOf(ResultSetProxy.class);
      assertThat(rs.getStatement()).isSameAs(select);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("d");
      assertThat(select.getConnection()).isSameAs(owner.connection);
    }

    @Test
    void closeUnwrapAndUseAfterClose() throws SQLException {
      PreparedStatement driverStatement = driverConnection.prepareStatement("select ?");
      PreparedStatementProxy statement = new PreparedStatementProxy(owner, driverStatement);

      statement.close();
      statement.close();

      assertThat(owner.closed).containsExactly(statement);
      assertThat(driverStatement.isClosed()).isTrue();
      assertThat(statement.unwrap(PreparedStatement.class)).isSameAs(driverStatement);
      assertThat(statement.unwrap(PreparedStatementProxy.class)).isSameAs(statement);
      assertClosed(() -> statement.setInt(1, 1));
      assertClosed(statement::executeQuery);
      assertClosed(statement::clearParameters);
    }

    @Test
    void driverErrorsPassThroughCheckException() throws SQLException {
      PreparedStatementProxy statement = new PreparedStatementProxy(
          owner, driverConnection.prepareStatement("insert into item (id, name) values (?, ?)"));
      statement.setInt(1, 1);
      statement.setString(2, "duplicate key");

      SQLException thrown = catchThrowableOfType(SQLException.class, statement::executeUpdate);

      assertThat(owner.checked).containsExactly(thrown);
    }
  }

  /** SQLite has no stored procedures: the OUT-parameter side is stubbed over a real statement. */
  @Nested
  class Callable {

    private final List<String> outCalls = new ArrayList<>();

    private CallableStatement driverCall(String sql) throws SQLException {
      PreparedStatement real = driverConnection.prepareStatement(sql);
      return stub(CallableStatement.class, real, Map.of(
          "registerOutParameter", args -> outCalls.add("register " + args[0] + " " + args[1]),
          "getString", args -> "out " + args[0],
          "getBigDecimal", args -> new BigDecimal("1.50")));
    }

    @Test
    void delegatesOutParametersAndExecutions() throws SQLException {
      CallableStatement driverStatement = driverCall("select name from item where id = ?");
      CallableStatementProxy call = new CallableStatementProxy(owner, driverStatement);

      call.registerOutParameter(2, Types.VARCHAR);
      call.setInt(1, 2);
      call.execute();
      ResultSet rs = call.executeQuery();

      assertThat(outCalls).containsExactly("register 2 12");
      assertThat(call.getString(2)).isEqualTo("out 2");
      assertThat(owner.dirtyMarks).isEqualTo(2);
      assertThat(rs.getStatement()).isSameAs(call);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("b");
      assertThat(call.getConnection()).isSameAs(owner.connection);
      assertThat(call.unwrap(CallableStatement.class)).isSameAs(driverStatement);
    }

    @Test
    @SuppressWarnings("deprecation")
    void delegatesDeprecatedMethods() throws SQLException {
      CallableStatementProxy call = new CallableStatementProxy(owner, driverCall("select ?"));

      BigDecimal value = call.getBigDecimal(1, 2);

      assertThat(value).isEqualByComparingTo("1.50");
    }

    @Test
    void closeOnceAndUseAfterClose() throws SQLException {
      CallableStatementProxy call = new CallableStatementProxy(owner, driverCall("select ?"));

      call.close();
      call.close();

      assertThat(owner.closed).containsExactly(call);
      assertClosed(() -> call.getString(1));
      assertClosed(() -> call.registerOutParameter(1, Types.INTEGER));
      assertThat(outCalls).isEmpty();
    }
  }

  @Nested
  class ResultSets {

    @Test
    void delegatesReadsAndUnwraps() throws SQLException {
      StatementProxy statement = statement();
      ResultSetProxy rs = (ResultSetProxy) statement.executeQuery("select id, name from item");
      ResultSet driverResult = rs.delegate;

      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt("id")).isEqualTo(1);
      assertThat(rs.getObject(2, String.class)).isEqualTo("a");
      assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
      assertThat(rs.unwrap(ResultSet.class)).isSameAs(driverResult);
      assertThat(rs.unwrap(ResultSetProxy.class)).isSameAs(rs);
      assertThat(rs.isWrapperFor(ResultSetProxy.class)).isTrue();
      rs.close();
      assertThat(rs.isClosed()).isTrue();
      assertThat(driverResult.isClosed()).isTrue();
    }

    @Test
    @SuppressWarnings("deprecation")
    void delegatesDeprecatedMethods() throws SQLException {
      ResultSet driverResult = stub(ResultSet.class, null, Map.of(
          "getBigDecimal", args -> new BigDecimal("2.5"),
          "getUnicodeStream", args -> InputStream.nullInputStream()));
      ResultSet rs = new ResultSetProxy(statement(), driverResult);

      BigDecimal value = rs.getBigDecimal(1, 1);
      InputStream stream = rs.getUnicodeStream("name");

      assertThat(value).isEqualByComparingTo("2.5");
      assertThat(stream).isEmpty();
    }

    @Test
    void rowWritesMarkTheTransactionDirty() throws SQLException {
      List<String> writes = new ArrayList<>();
      ResultSet driverResult = stub(ResultSet.class, null, Map.of(
          "updateRow", args -> writes.add("update"),
          "insertRow", args -> writes.add("insert"),
          "deleteRow", args -> writes.add("delete")));
      ResultSetProxy rs = new ResultSetProxy(statement(), driverResult);

      rs.updateRow();
      rs.insertRow();
      rs.deleteRow();

      assertThat(writes).containsExactly("update", "insert", "delete");
      assertThat(owner.dirtyMarks).isEqualTo(3);
    }

    @Test
    void rowWriteErrorsPassThroughCheckException() throws SQLException {
      SQLException failure = new SQLException("read-only result set");
      ResultSet driverResult = stub(ResultSet.class, null, Map.of("updateRow", args -> {
        throw failure;
      }));
      ResultSetProxy rs = new ResultSetProxy(statement(), driverResult);

      assertThatThrownBy(rs::updateRow).isSameAs(failure);
      assertThat(owner.checked).containsExactly(failure);
    }
  }

  private static void assertClosed(ThrowingCall call) {
    assertThatThrownBy(call::run)
        .hasMessage("statement is closed")
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HY010"));
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  @FunctionalInterface
  private interface Answer {
    Object answer(Object[] args) throws Throwable;
  }

  /**
   * A driver object of the given JDBC type: named methods answer as given, others go to
   * {@code target} when it has them, the rest fail.
   */
  private static <T> T stub(Class<T> type, Object target, Map<String, Answer> answers) {
    Object stub = Proxy.newProxyInstance(
        StatementProxyTest.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
          Answer answer = answers.get(method.getName());
          if (answer != null) {
            return answer.answer(args);
          }
          if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
              case "equals":
                return self == args[0];
              case "hashCode":
                return System.identityHashCode(self);
              default:
                return "stub " + type.getSimpleName();
            }
          }
          if (target != null && method.getDeclaringClass().isInstance(target)) {
            try {
              return method.invoke(target, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          }
          throw new UnsupportedOperationException(method.getName());
        });
    return type.cast(stub);
  }

  /** Stands in for the connection proxy: records what the statement proxies tell it. */
  private static final class RecordingOwner implements StatementOwner {

    final Connection connection = stub(Connection.class, null, Map.of());
    final List<SQLException> checked = new ArrayList<>();
    final List<Statement> closed = new ArrayList<>();
    int dirtyMarks;
    UnaryOperator<SQLException> translate = e -> e;

    @Override
    public Connection connection() {
      return connection;
    }

    @Override
    public SQLException checkException(SQLException e) {
      checked.add(e);
      return translate.apply(e);
    }

    @Override
    public void statementClosed(Statement statement) {
      closed.add(statement);
    }

    @Override
    public void markTransactionDirty() {
      dirtyMarks++;
    }
  }
}
