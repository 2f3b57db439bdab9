package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.stubConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link TransactionListener} of a lease: {@code transactionBegan} and
 * {@code transactionEnded} alternate as auto-commit is switched and transactions are committed
 * or rolled back, through the lease or through a statement's {@code getConnection()};
 * {@code leaseClosed} comes last and once on every way a lease ends; a listener that throws
 * changes nothing.
 */
class TransactionListenerTest {

  private final String url = FaultDriver.uniqueStubUrl();
  private final FaultPlan plan = FaultDriver.plan(url);
  private final ScriptedFailures scripted = new ScriptedFailures(url);
  private final Recorder events = new Recorder();
  private ConnectionPool pool;

  @AfterEach
  void closePool() {
    plan.reset();
    if (pool != null) {
      pool.close();
    }
    assertThat(plan.stats().open()).as("physical connections left open").isZero();
  }

  private ConnectionPool pool(boolean autoCommit) {
    pool = ConnectionPool.create(stubConfig("tx-listener", url).autoCommit(autoCommit).build());
    return pool;
  }

  private ConnectionPool scriptedPool() {
    pool = ConnectionPool.create(PoolConfig.builder()
        .poolName(PoolTestSupport.uniqueName("tx-listener")).dataSource(scripted)
        .registerMbean(false).maxSize(1).minIdle(1).autoCommit(false).build());
    return pool;
  }

  private Connection borrowListened() throws SQLException {
    Connection c = pool.getConnection();
    c.unwrap(LeasedConnection.class).setTransactionListener(events);
    return c;
  }

  private static void doWork(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO orders VALUES (1)");
    }
  }

  /** Records callbacks in order, as {@code began}, {@code ended:true}, {@code closed}. */
  static class Recorder implements TransactionListener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void transactionBegan() {
      seen.add("began");
    }

    @Override
    public void transactionEnded(boolean committed) {
      seen.add("ended:" + committed);
    }

    @Override
    public void leaseClosed() {
      seen.add("closed");
    }
  }

  // ---- transactions ---------------------------------------------------------------------------

  @Test
  void switchingAutoCommitCommittingAndRollingBackAlternateBeganAndEnded() throws SQLException {
    pool(true);
    Connection c = borrowListened();
    assertThat(events.seen).as("auto-commit on: no transaction open").isEmpty();

    c.setAutoCommit(false);
    doWork(c);
    c.commit();
    doWork(c);
    c.rollback();
    c.setAutoCommit(true);
    c.close();

    assertThat(events.seen).containsExactly("began", "ended:true", "began", "ended:false",
        "began", "ended:true", "closed");
  }

  @Test
  void aLeaseLentWithAutoCommitOffReportsTheOpenTransactionAtOnce() throws SQLException {
    pool(false);
    Connection c = borrowListened();
    assertThat(events.seen).containsExactly("began");

    doWork(c);
    c.commit();
    doWork(c);
    c.close();

    assertThat(events.seen).as("the transaction open at close gets no ended: it is rolled back")
        .containsExactly("began", "ended:true", "began", "closed");
    assertThat(plan.stats().rollbacks()).isEqualTo(1);
  }

  @Test
  void callsThatEndNoTransactionFireNothing() throws SQLException {
    pool(true);
    try (Connection c = borrowListened()) {
      c.setAutoCommit(true);
      assertThatThrownBy(c::commit).as("the stub refuses a commit in auto-commit mode")
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(c::rollback).isInstanceOf(SQLException.class);
      c.setAutoCommit(false);
      c.setAutoCommit(false);
      assertThat(events.seen).containsExactly("began");
    }
    assertThat(events.seen).containsExactly("began", "closed");
  }

  @Test
  void aCommitThroughAStatementsConnectionIsSeen() throws SQLException {
    pool(false);
    try (Connection c = borrowListened(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO orders VALUES (1)");

      s.getConnection().commit();
    }

    assertThat(events.seen).containsExactly("began", "ended:true", "began", "closed");
  }

  @Test
  void aCommitThroughTheHolderAndAStatementOfTheHolderIsSeen() throws SQLException {
    pool(false);
    Connection lease = borrowListened();
    Connection holder = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          try {
            return method.invoke(lease, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    lease.unwrap(LeasedConnection.class).setHolder(holder);

    try (holder; Statement s = holder.createStatement()) {
      s.executeUpdate("INSERT INTO orders VALUES (1)");
      s.getConnection().commit();
      holder.rollback();
    }

    assertThat(events.seen).containsExactly("began", "ended:true", "began", "ended:false",
        "began", "closed");
  }

  @Test
  void aFailedCommitEndsTheTransactionUncommitted() throws SQLException {
    scriptedPool();
    try (Connection c = borrowListened()) {
      doWork(c);
      scripted.failNext("commit", new SQLException("could not serialize access", "40001"));
      assertThatThrownBy(c::commit).isInstanceOf(SQLException.class);
      scripted.failNext("rollback", new SQLException("rollback failed", "HY000"));
      assertThatThrownBy(c::rollback).isInstanceOf(SQLException.class);
    }

    assertThat(events.seen).containsExactly("began", "ended:false", "began", "ended:false",
        "began", "closed");
  }

  @Test
  void aSetAutoCommitThatThrowsFiresNothing() throws SQLException {
    scriptedPool();
    try (Connection c = borrowListened()) {
      doWork(c);
      scripted.failNext("setAutoCommit", new SQLException("connection reset", "08006"));

      assertThatThrownBy(() -> c.setAutoCommit(true)).isInstanceOf(SQLException.class);

      assertThat(events.seen).containsExactly("began");
      assertThat(c.unwrap(LeasedConnection.class).commitOutcomeUnknown()).isTrue();
    }
  }

  // ---- the end of the lease -------------------------------------------------------------------

  /** The ways a lease ends, each tried twice. */
  enum Ending {
    CLOSE, INVALIDATE, DETACH, ABORT;

    void end(Connection c) throws SQLException {
      switch (this) {
        case CLOSE -> c.close();
        case INVALIDATE -> c.unwrap(LeasedConnection.class).invalidate();
        case DETACH -> c.unwrap(LeasedConnection.class).detach().close();
        default -> c.abort(Runnable::run);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Ending.class)
  void leaseClosedFiresOnceHoweverTheLeaseEnds(Ending ending) throws SQLException {
    pool(true);
    Connection c = borrowListened();

    ending.end(c);
    c.close();
    assertThatCode(() -> ending.end(c)).as("ending again").doesNotThrowAnyExceptionExcept(
        SQLException.class);

    assertThat(events.seen).containsExactly("closed");
    assertThat(pool.activeCount()).isZero();
  }

  @Test
  void aListenerCannotBeSetTwiceNorOnAClosedLease() throws SQLException {
    pool(true);
    Connection c = borrowListened();
    LeasedConnection lease = c.unwrap(LeasedConnection.class);

    assertThatThrownBy(() -> lease.setTransactionListener(new Recorder()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already has a transaction listener")
        .hasMessageContaining(pool.poolName());
    assertThatThrownBy(() -> lease.setTransactionListener(null))
        .isInstanceOf(NullPointerException.class);
    c.close();
    Connection next = pool.getConnection();
    next.close();
    assertThatThrownBy(() -> next.unwrap(LeasedConnection.class).setTransactionListener(events))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
    assertThat(events.seen).containsExactly("closed");
  }

  @Test
  void theNextBorrowHasNoListener() throws SQLException {
    pool(true);
    borrowListened().close();

    try (Connection next = pool.getConnection()) {
      next.setAutoCommit(false);
      next.commit();
    }

    assertThat(events.seen).containsExactly("closed");
  }

  // ---- a listener that throws -----------------------------------------------------------------

  @Test
  void aThrowingListenerChangesNoCallsOutcome() throws SQLException {
    scriptedPool();
    TransactionListener broken = new TransactionListener() {
      @Override
      public void transactionBegan() {
        throw new IllegalStateException("began bug");
      }

      @Override
      public void transactionEnded(boolean committed) {
        throw new IllegalStateException("ended bug");
      }

      @Override
      public void leaseClosed() {
        throw new IllegalStateException("closed bug");
      }
    };
    SQLException refused = new SQLException("could not serialize access", "40001");

    Connection c = pool.getConnection();
    c.unwrap(LeasedConnection.class).setTransactionListener(broken);
    doWork(c);
    c.commit();
    doWork(c);
    scripted.failNext("commit", refused);
    assertThatThrownBy(c::commit).isSameAs(refused);
    c.rollback();
    c.setAutoCommit(true);
    c.setAutoCommit(false);
    c.close();

    assertThat(c.isClosed()).isTrue();
    assertThat(pool.activeCount()).as("the connection went back").isZero();
    assertThat(pool.stats().idle()).isEqualTo(1);
    assertThat(pool.stats().destroyedTotal()).isZero();
    try (Connection next = pool.getConnection()) {
      assertThat(next.isValid(1)).isTrue();
    }
  }
}
