package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.await;
import static io.cenote.pool.PoolTestSupport.stubConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import io.cenote.testkit.fault.FaultTrigger;
import io.cenote.testkit.fault.NetworkCall;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LeasedConnection#commitOutcomeUnknown()}: set when a commit fails without the
 * database's answer (the connection failed, the call was cut short), clear when the database
 * answered, and readable after the lease was closed.
 */
class CommitOutcomeTest {

  private final String url = FaultDriver.uniqueStubUrl();
  private final FaultPlan plan = FaultDriver.plan(url);
  private final ScriptedFailures scripted = new ScriptedFailures(url);
  private ConnectionPool pool;

  @AfterEach
  void closePool() {
    plan.reset();
    if (pool != null) {
      pool.close();
    }
    assertThat(plan.stats().open()).as("physical connections left open").isZero();
  }

  /** A pool on the fault driver, each connection lent with auto-commit off. */
  private ConnectionPool faultPool() {
    pool = ConnectionPool.create(stubConfig("commit", url).autoCommit(false).build());
    return pool;
  }

  /** A pool whose connections throw what the test scripts, with auto-commit off. */
  private ConnectionPool scriptedPool() {
    pool = ConnectionPool.create(PoolConfig.builder()
        .poolName(PoolTestSupport.uniqueName("commit")).dataSource(scripted).registerMbean(false)
        .maxSize(1).minIdle(1).autoCommit(false).build());
    return pool;
  }

  private static void doWork(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE account SET balance = balance - 1");
    }
  }

  private static String sqlState(Throwable e) {
    return ((SQLException) e).getSQLState();
  }

  @Test
  void aCommitFailingWith08006LeavesTheOutcomeUnknownUntilALaterCommitSucceeds()
      throws SQLException {
    scriptedPool();
    try (Connection c = pool.getConnection()) {
      LeasedConnection lease = c.unwrap(LeasedConnection.class);
      assertThat(lease.commitOutcomeUnknown()).as("before any commit").isFalse();
      doWork(c);
      scripted.failNext("commit", new SQLException("I/O error on commit", "08006"));

      assertThatThrownBy(c::commit).isInstanceOf(SQLException.class);
      assertThat(lease.commitOutcomeUnknown()).isTrue();

      doWork(c);
      c.commit();
      assertThat(lease.commitOutcomeUnknown()).as("a later commit succeeded").isFalse();
    }
  }

  @Test
  void aSerializationFailureOnCommitMeansNothingWasCommitted() throws SQLException {
    scriptedPool();
    try (Connection c = pool.getConnection()) {
      LeasedConnection lease = c.unwrap(LeasedConnection.class);
      doWork(c);
      scripted.failNext("commit", new SQLException("lost connection", "08006"));
      assertThatThrownBy(c::commit).isInstanceOf(SQLException.class);
      assertThat(lease.commitOutcomeUnknown()).isTrue();

      doWork(c);
      scripted.failNext("commit", new SQLException("could not serialize access", "40001"));

      assertThatThrownBy(c::commit).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(sqlState(e)).isEqualTo("40001"));
      assertThat(lease.commitOutcomeUnknown()).as("every commit sets it afresh").isFalse();
    }
  }

  static Stream<Arguments> commitFailures() {
    SQLException chained = new SQLException("batch failed", "HY000");
    chained.setNextException(new SQLException("socket closed", "08006"));
    return Stream.of(
        Arguments.of(new SQLException("connection failure", "08006"), true),
        Arguments.of(new SQLException("communication link failure", "08S01"), true),
        Arguments.of(new SQLException("terminating connection", "57P01"), true),
        Arguments.of(new SQLException("operation canceled", "HY008"), true),
        Arguments.of(new SQLException("read timed out", null, new SocketTimeoutException()),
            true),
        Arguments.of(new SQLException("interrupted", null, new InterruptedException()), true),
        Arguments.of(chained, true),
        Arguments.of(new SQLException("could not serialize access", "40001"), false),
        Arguments.of(new SQLException("deadlock detected", "40P01"), false),
        Arguments.of(new SQLException("duplicate key", "23505"), false),
        Arguments.of(new SQLException("no state"), false));
  }

  @ParameterizedTest
  @MethodSource("commitFailures")
  void aFailedCommitIsUnknownOnlyWhenTheAnswerWasLost(SQLException failure, boolean unknown)
      throws SQLException {
    scriptedPool();
    try (Connection c = pool.getConnection()) {
      doWork(c);
      scripted.failNext("commit", failure);

      assertThatThrownBy(c::commit).isSameAs(failure);
      assertThat(c.unwrap(LeasedConnection.class).commitOutcomeUnknown()).isEqualTo(unknown);
    }
  }

  @Test
  void theOutcomeIsReadableAfterTheLeaseWasClosed() throws SQLException {
    faultPool();
    Connection c = pool.getConnection();
    try (c) {
      doWork(c);
      c.setNetworkTimeout(Runnable::run, 50);
      plan.hang(FaultTrigger.once(), NetworkCall.COMMIT);

      assertThatThrownBy(c::commit).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(sqlState(e)).isEqualTo("08006"));
    }

    assertThat(c.isClosed()).isTrue();
    assertThat(c.unwrap(LeasedConnection.class).commitOutcomeUnknown()).isTrue();
    assertThat(c.isWrapperFor(LeasedConnection.class)).isTrue();
    assertThat(pool.stats().destroyed()).as("the failed connection is not lent again")
        .containsEntry(CloseReason.INVALID, 1L);
  }

  @Test
  void aCommitInterruptedWhileItWaitsForTheAnswerIsUnknown() throws Exception {
    faultPool();
    plan.hang(FaultTrigger.always(), NetworkCall.COMMIT);
    FutureTask<Boolean> committer = new FutureTask<>(() -> {
      try (Connection c = pool.getConnection()) {
        doWork(c);
        try {
          c.commit();
          return false;
        } catch (SQLException e) {
          return c.unwrap(LeasedConnection.class).commitOutcomeUnknown();
        } finally {
          Thread.interrupted(); // the fault driver keeps the flag; let close() run unhindered
        }
      }
    });
    Thread thread = new Thread(committer, "committer");
    thread.setDaemon(true);
    thread.start();
    await("the commit is under way", () -> plan.stats().commits() == 1);

    thread.interrupt();

    assertThat(committer.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aCommitAbortedFromAnotherThreadIsUnknown() throws Exception {
    faultPool();
    plan.hang(FaultTrigger.always(), NetworkCall.COMMIT);
    Connection c = pool.getConnection();
    LeasedConnection lease = c.unwrap(LeasedConnection.class);
    doWork(c);
    FutureTask<String> committer = PoolTestSupport.inThread("committer", () -> {
      try {
        c.commit();
        return "committed";
      } catch (SQLException e) {
        return e.getSQLState();
      }
    });
    await("the commit is under way", () -> plan.stats().commits() == 1);

    c.abort(Runnable::run);

    assertThat(committer.get(10, TimeUnit.SECONDS)).startsWith("08");
    assertThat(lease.commitOutcomeUnknown()).isTrue();
  }

  @Test
  void switchingAutoCommitOnInATransactionThatDidWorkCountsAsACommit() throws SQLException {
    scriptedPool();
    try (Connection c = pool.getConnection()) {
      LeasedConnection lease = c.unwrap(LeasedConnection.class);
      doWork(c);
      scripted.failNext("setAutoCommit", new SQLException("connection reset", "08006"));

      assertThatThrownBy(() -> c.setAutoCommit(true)).isInstanceOf(SQLException.class);
      assertThat(lease.commitOutcomeUnknown()).isTrue();

      c.setAutoCommit(true);
      assertThat(lease.commitOutcomeUnknown()).as("the implicit commit succeeded").isFalse();
    }
  }

  @Test
  void switchingAutoCommitOnWithoutWorkDoneCommitsNothing() throws SQLException {
    scriptedPool();
    try (Connection c = pool.getConnection()) {
      scripted.failNext("setAutoCommit", new SQLException("connection reset", "08006"));

      assertThatThrownBy(() -> c.setAutoCommit(true)).isInstanceOf(SQLException.class);
      assertThat(c.unwrap(LeasedConnection.class).commitOutcomeUnknown()).isFalse();
    }
  }

  @Test
  void theNextBorrowStartsClear() throws SQLException {
    scriptedPool();
    try (Connection c = pool.getConnection()) {
      doWork(c);
      scripted.failNext("commit", new SQLException("I/O error", "08006"));
      assertThatThrownBy(c::commit).isInstanceOf(SQLException.class);
    }

    try (Connection next = pool.getConnection()) {
      assertThat(next.unwrap(LeasedConnection.class).commitOutcomeUnknown()).isFalse();
    }
  }
}
