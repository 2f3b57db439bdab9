package io.cenote.testkit.fault;

import static io.cenote.testkit.fault.SqlAssertions.assertSqlState;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HangTest {

  private final ExecutorService executor = Executors.newCachedThreadPool();
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
    plan.reset();
    connection.close();
    executor.shutdownNow();
  }

  /** Runs a call on another thread and checks that it is still blocked a little later. */
  private Future<SQLException> blockedCall(SqlCall call) throws Exception {
    Future<SQLException> future = executor.submit(() -> {
      try {
        call.run();
        return null;
      } catch (SQLException e) {
        return e;
      }
    });
    try {
      future.get(200, TimeUnit.MILLISECONDS);
      throw new AssertionError("the call should hang");
    } catch (TimeoutException expected) {
      return future;
    }
  }

  @Test
  void hungStatementUnblocksWhenAbortedFromAnotherThread() throws Exception {
    plan.hang(FaultTrigger.always());
    Statement statement = connection.createStatement();
    Future<SQLException> call = blockedCall(() -> statement.executeQuery("SELECT 1"));

    connection.abort(executor);

    SQLException e = call.get(5, TimeUnit.SECONDS);
    assertThat(e.getSQLState()).isEqualTo(FaultSqlStates.CONNECTION_FAILURE);
    assertThat(connection.isClosed()).isTrue();
    assertThat(plan.counters().open()).isZero();
  }

  @Test
  void hungCommitUnblocksWhenClosedFromAnotherThread() throws Exception {
    connection.setAutoCommit(false);
    plan.hang(FaultTrigger.always(), NetworkCall.COMMIT);
    Future<SQLException> call = blockedCall(() -> connection.commit());

    connection.close();

    assertThat(call.get(5, TimeUnit.SECONDS).getSQLState())
        .isEqualTo(FaultSqlStates.CONNECTION_FAILURE);
  }

  @Test
  void hangEndsWithTheNetworkTimeoutAndBreaksTheConnection() throws SQLException {
    plan.hang(FaultTrigger.always(), NetworkCall.EXECUTE);
    connection.setNetworkTimeout(executor, 300);
    Statement statement = connection.createStatement();

    long start = System.nanoTime();
    SQLException e = assertSqlState(() -> statement.execute("SELECT 1"),
        FaultSqlStates.CONNECTION_FAILURE);

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(250), Duration.ofSeconds(10));
    assertThat(e.getMessage()).contains("network timeout");
    assertThat(connection.unwrap(FaultConnection.class).isBroken()).isTrue();
    plan.reset();
    assertSqlState(() -> statement.execute("SELECT 1"), FaultSqlStates.CONNECTION_FAILURE);
  }

  @Test
  void hangEndsWithTheQueryTimeoutAndKeepsTheConnection() throws SQLException {
    plan.hang(FaultTrigger.once(), NetworkCall.EXECUTE);
    Statement statement = connection.createStatement();
    statement.setQueryTimeout(1);

    SQLException e = assertSqlState(() -> statement.execute("SELECT 1"),
        FaultSqlStates.QUERY_CANCELED);

    assertThat((Throwable) e).isInstanceOf(SQLTimeoutException.class);
    assertThat(statement.execute("SELECT 1")).isTrue();
  }

  @Test
  void hungIsValidReturnsFalseAfterItsTimeout() throws SQLException {
    plan.hang(FaultTrigger.always(), NetworkCall.IS_VALID);

    long start = System.nanoTime();
    boolean valid = connection.isValid(1);

    assertThat(valid).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
    assertThat(connection.createStatement().execute("SELECT 1")).isTrue();
  }

  @Test
  void hungIsValidReturnsFalseWhenAborted() throws Exception {
    plan.hang(FaultTrigger.always(), NetworkCall.IS_VALID);
    CompletableFuture<Boolean> valid = CompletableFuture.supplyAsync(() -> {
      try {
        return connection.isValid(0);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }, executor);
    Thread.sleep(100);

    connection.abort(executor);

    assertThat(valid.get(5, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void interruptedHangThrowsAndKeepsTheInterruptFlag() throws Exception {
    plan.hang(FaultTrigger.always(), NetworkCall.EXECUTE);
    CompletableFuture<Boolean> flagKept = new CompletableFuture<>();
    CountDownLatch started = new CountDownLatch(1);
    Future<SQLException> call = executor.submit(() -> {
      started.countDown();
      try {
        connection.createStatement().execute("SELECT 1");
        return null;
      } catch (SQLException e) {
        flagKept.complete(Thread.currentThread().isInterrupted());
        return e;
      }
    });
    started.await();
    Thread.sleep(100);

    call.cancel(true);

    assertThat(flagKept.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(connection.isClosed()).isFalse();
  }

  @Test
  void interruptedHangReportsHy008() {
    plan.hang(FaultTrigger.always(), NetworkCall.EXECUTE);
    Thread.currentThread().interrupt();
    try {
      assertSqlState(() -> connection.createStatement().execute("SELECT 1"),
          FaultSqlStates.INTERRUPTED);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void restartEndsHungCalls() throws Exception {
    plan.hang(FaultTrigger.always());
    Future<SQLException> call = blockedCall(() -> connection.createStatement().execute("x"));

    plan.restart();

    assertThat(call.get(5, TimeUnit.SECONDS).getSQLState())
        .isEqualTo(FaultSqlStates.CONNECTION_FAILURE);
  }

  @Test
  void liftingTheHangLetsBlockedCallsFinish() throws Exception {
    plan.hang(FaultTrigger.always(), NetworkCall.EXECUTE);
    Future<SQLException> call = blockedCall(() -> connection.createStatement().execute("x"));

    plan.hang(FaultTrigger.never());

    assertThat((Throwable) call.get(5, TimeUnit.SECONDS)).isNull();
    assertThat(connection.isValid(1)).isTrue();
  }

  @Test
  void hangsOnlyTheChosenCalls() throws Exception {
    connection.setAutoCommit(false);
    plan.hang(FaultTrigger.always(), NetworkCall.ROLLBACK, NetworkCall.SET_STATE);

    connection.commit();
    assertThat(connection.isValid(1)).isTrue();
    assertThat(connection.createStatement().execute("SELECT 1")).isTrue();
    Future<SQLException> rollback = blockedCall(() -> connection.rollback());
    plan.reset();
    assertThat((Throwable) rollback.get(5, TimeUnit.SECONDS)).isNull();
    assertThat(plan.counters().rollbacks()).isEqualTo(1);
  }

  @Test
  void stateChangesCanHang() throws Exception {
    plan.hang(FaultTrigger.once(), NetworkCall.SET_STATE);
    connection.setNetworkTimeout(executor, 200);

    assertSqlState(() -> connection.setAutoCommit(false), FaultSqlStates.CONNECTION_FAILURE);
  }

  /** A JDBC call for another thread. */
  @FunctionalInterface
  private interface SqlCall {
    void run() throws SQLException;
  }
}
