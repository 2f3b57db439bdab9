package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.await;
import static io.cenote.pool.PoolTestSupport.awaitWaiting;
import static io.cenote.pool.PoolTestSupport.inThread;
import static io.cenote.pool.PoolTestSupport.physical;
import static io.cenote.pool.PoolTestSupport.stubConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolTestSupport.RecordingListener;
import io.cenote.testkit.fault.FaultConnection;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import io.cenote.testkit.fault.FaultTrigger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Borrowing: timeouts, creation retry, start-up failure, interrupts and overflow. */
class AcquireTest {

  private final String url = FaultDriver.uniqueStubUrl();
  private final FaultPlan plan = FaultDriver.plan(url);
  private final RecordingListener listener = new RecordingListener();
  private ConnectionPool pool;

  private ConnectionPool start(PoolConfig.Builder builder) {
    pool = ConnectionPool.create(builder.listener(listener).build());
    return pool;
  }

  private PoolConfig.Builder config() {
    return stubConfig("acquire", url);
  }

  @AfterEach
  void closePoolAndCheckNothingLeaked() {
    plan.reset();
    if (pool != null) {
      pool.close();
    }
    assertThat(plan.stats().open()).as("physical connections left open").isZero();
  }

  // ---- acquire timeout ------------------------------------------------------------------------

  @Test
  void aTimeoutNamesThePoolAndShowsItsState() throws SQLException {
    start(config().acquireTimeout(Duration.ofMillis(150)));
    long started;
    try (Connection held = pool.getConnection()) {
      started = System.nanoTime();

      assertThatThrownBy(pool::getConnection)
          .isExactlyInstanceOf(AcquireTimeoutException.class)
          .hasMessageStartingWith("pool '" + pool.poolName() + "' could not lend a connection"
              + " in ")
          .hasMessageContaining("total=1, active=1, idle=0, waiting=0, maxSize=1, maxOverflow=0")
          .hasNoCause()
          .satisfies(e -> assertThat(((AcquireTimeoutException) e).reason())
              .isEqualTo(AcquireTimeoutException.Reason.EXHAUSTED))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState())
              .as("a busy pool is no connection failure").isNull());
      assertThat(held.isClosed()).isFalse();
    }
    assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(
        TimeUnit.MILLISECONDS.toNanos(150));
    PoolStats stats = pool.stats();
    assertThat(stats.timeouts()).isEqualTo(1);
    assertThat(stats.acquired()).isEqualTo(1);
    assertThat(listener.ofType("acquireTimeout")).hasSize(1);
    assertThat(listener.ofType("acquireTimeout").get(0).nanos())
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
    assertThat(listener.ofType("exhausted")).extracting(PoolTestSupport.Event::nanos)
        .containsExactly(1L);
  }

  @Test
  void aTimeoutCarriesTheLastConnectErrorAndItsSqlState() {
    plan.failConnects(FaultTrigger.always(), "28P01", "password authentication failed");
    start(config().initializationFailTimeout(Duration.ofMillis(-1))
        .acquireTimeout(Duration.ofMillis(300)));

    assertThatThrownBy(pool::getConnection)
        .isExactlyInstanceOf(AcquireTimeoutException.class)
        .hasMessageContaining(pool.poolName())
        .satisfies(e -> {
          assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01");
          assertThat(((AcquireTimeoutException) e).reason())
              .isEqualTo(AcquireTimeoutException.Reason.CONNECT_FAILING);
          assertThat(e.getCause()).isInstanceOf(SQLException.class)
              .hasMessage("password authentication failed");
        });
    assertThat(pool.stats().creationFailures()).isPositive();
    assertThat(listener.ofType("connectFailure")).isNotEmpty()
        .allSatisfy(ev -> assertThat(ev.site()).hasMessage("password authentication failed"));
  }

  @Test
  void anErrorFromBeforeASuccessfulConnectIsNotReportedAsTheCause() throws SQLException {
    plan.failConnects(FaultTrigger.once());
    start(config().maxSize(2).minIdle(1).acquireTimeout(Duration.ofMillis(150)));
    awaitTotalAtLeast(1);
    Connection a = pool.getConnection();
    Connection b = pool.getConnection();

    assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class)
        .hasNoCause();
    a.close();
    b.close();
    assertThat(pool.stats().creationFailures()).isEqualTo(1);
  }

  @Test
  void exhaustionIsReportedOnlyWhenThereIsNoRoomToOpenOne() throws SQLException {
    start(config().maxSize(2).minIdle(1).acquireTimeout(Duration.ofMillis(100)));
    Connection a = pool.getConnection();
    Connection b = pool.getConnection();
    assertThat(listener.ofType("exhausted")).as("room for a second connection").isEmpty();

    assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);

    assertThat(listener.ofType("exhausted")).hasSize(1);
    a.close();
    b.close();
  }

  // ---- creation retry -------------------------------------------------------------------------

  @Test
  void creationIsRetriedWithBackoffWhileTheBorrowerWaits() throws SQLException {
    start(config().maxSize(2).minIdle(0));
    Connection first = pool.getConnection();
    plan.failConnects(FaultTrigger.times(3));

    try (Connection second = pool.getConnection()) {
      assertThat(physical(second)).isNotSameAs(physical(first));
    }
    first.close();

    assertThat(plan.stats().connectFailures()).isEqualTo(3);
    assertThat(pool.stats().creationFailures()).isEqualTo(3);
    assertThat(listener.ofType("connectFailure")).hasSize(3);
    assertThat(pool.stats().timeouts()).isZero();
  }

  @Test
  void startUpRetriesWithinInitializationFailTimeout() {
    plan.failConnects(FaultTrigger.times(2));

    start(config().initializationFailTimeout(Duration.ofSeconds(5)));

    assertThat(plan.stats().connectFailures()).isEqualTo(2);
    assertThat(pool.stats().total()).isEqualTo(1);
  }

  // ---- start-up failure -----------------------------------------------------------------------

  @Test
  void anUnreachableDatabaseFailsStartUpAfterInitializationFailTimeout() {
    plan.down();
    PoolConfig c = config().initializationFailTimeout(Duration.ofMillis(200)).build();
    long started = System.nanoTime();

    assertThatThrownBy(() -> ConnectionPool.create(c))
        .isExactlyInstanceOf(PoolInitializationException.class)
        .hasMessageStartingWith("pool '" + c.poolName() + "' could not open a connection within"
            + " 200 ms (initializationFailTimeout)")
        .satisfies(e -> {
          assertThat(((PoolInitializationException) e).poolName()).isEqualTo(c.poolName());
          assertThat(e.getCause()).isInstanceOf(SQLException.class);
          assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("08001");
        });

    long elapsed = System.nanoTime() - started;
    assertThat(elapsed).isLessThan(TimeUnit.SECONDS.toNanos(3));
    assertThat(plan.stats().connectAttempts()).isGreaterThan(1);
    await("the pool's threads to stop", () -> poolThreads(c.poolName()).isEmpty());
  }

  @Test
  void zeroInitializationFailTimeoutTriesExactlyOnce() {
    plan.down();
    PoolConfig c = config().initializationFailTimeout(Duration.ZERO).build();

    assertThatThrownBy(() -> ConnectionPool.create(c))
        .isInstanceOf(PoolInitializationException.class);

    assertThat(plan.stats().connectAttempts()).isEqualTo(1);
  }

  @Test
  void aNegativeInitializationFailTimeoutStartsAnywayAndRecovers() throws SQLException {
    plan.down();

    start(config().maxSize(2).minIdle(2).initializationFailTimeout(Duration.ofSeconds(-1))
        .healthMaxP99Wait(Duration.ofSeconds(10)));

    await("creation to be seen failing", () -> pool.stats().creationFailures() > 0);
    await("health DOWN", () -> pool.health().status() == HealthStatus.DOWN);
    assertThat(pool.health().alerts()).contains("cannot open new connections");
    assertThat(pool.stats().total()).isZero();

    plan.up();
    try (Connection c = pool.getConnection()) {
      assertThat(c.isValid(1)).isTrue();
    }
    pool.housekeep();
    PoolTestSupport.awaitTotal(pool, 2);
    assertThat(pool.health().status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void whileTheDatabaseStaysDownTheHousekeeperTriesOneConnectionAtATime() {
    plan.down();
    long started = System.nanoTime();
    start(config().maxSize(5).minIdle(5).initializationFailTimeout(Duration.ofSeconds(-1)));
    await("the start-up attempts to fail",
        () -> pool.stats().creationFailures() >= 5 && pool.stats().total() == 0);
    long attempts = plan.stats().connectAttempts();

    pool.housekeep();
    await("the housekeeper's attempt",
        () -> plan.stats().connectAttempts() > attempts);
    pool.housekeep();
    await("the second attempt", () -> plan.stats().connectAttempts() > attempts + 1);

    long seen = plan.stats().connectAttempts();
    PoolTestSupport.assumeNoScheduledPassSince(started);
    assertThat(seen).as("one attempt per pass, not minIdle").isEqualTo(attempts + 2);
  }

  // ---- interrupts -----------------------------------------------------------------------------

  @Test
  void anInterruptedWaiterGetsAnSqlExceptionKeepsItsFlagAndLosesNoSlot() throws Exception {
    start(config().acquireTimeout(Duration.ofSeconds(30)));
    Connection held = pool.getConnection();
    Thread[] waiterThread = new Thread[1];
    FutureTask<Object[]> waiter = inThread("interrupted-waiter", () -> {
      waiterThread[0] = Thread.currentThread();
      try {
        pool.getConnection().close();
        return new Object[] {null, false};
      } catch (SQLException e) {
        return new Object[] {e, Thread.currentThread().isInterrupted()};
      }
    });
    awaitWaiting(pool, 1);

    waiterThread[0].interrupt();
    Object[] outcome = waiter.get(5, TimeUnit.SECONDS);

    assertThat(outcome[0]).isInstanceOf(SQLException.class);
    SQLException e = (SQLException) outcome[0];
    assertThat(e.getSQLState()).isEqualTo("HY008");
    assertThat(e.getMessage()).contains(pool.poolName());
    assertThat(outcome[1]).as("interrupt flag kept").isEqualTo(true);
    assertThat(pool.stats().waiting()).isZero();

    held.close();
    try (Connection again = pool.getConnection()) {
      assertThat(again.isValid(1)).isTrue();
    }
    assertThat(pool.stats().total()).isEqualTo(1);
    assertThat(pool.stats().idle()).isEqualTo(1);
  }

  @Test
  void anAlreadyInterruptedThreadThatMustWaitFailsAtOnce() throws Exception {
    start(config().acquireTimeout(Duration.ofSeconds(30)));
    try (Connection held = pool.getConnection()) {
      FutureTask<SQLException> waiter = inThread("pre-interrupted", () -> {
        Thread.currentThread().interrupt();
        try {
          pool.getConnection().close();
          return null;
        } catch (SQLException e) {
          return Thread.currentThread().isInterrupted() ? e : null;
        }
      });

      SQLException e = waiter.get(5, TimeUnit.SECONDS);
      assertThat((Throwable) e).isNotNull();
      assertThat(e.getSQLState()).isEqualTo("HY008");
      assertThat(held.isClosed()).isFalse();
    }
    assertThat(pool.stats().waiting()).isZero();
  }

  // ---- overflow -------------------------------------------------------------------------------

  @Test
  void aBurstOpensOverflowConnectionsThatCloseOnReturnWhenNobodyWaits() throws SQLException {
    start(config().maxSize(1).minIdle(1).maxOverflow(2).acquireTimeout(Duration.ofMillis(200)));
    Connection a = pool.getConnection();
    Connection b = pool.getConnection();
    Connection c = pool.getConnection();

    PoolStats busy = pool.stats();
    assertThat(busy.total()).isEqualTo(3);
    assertThat(busy.overflowInUse()).isEqualTo(2);
    assertThat(busy.utilisation()).isEqualTo(3.0);
    assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class)
        .hasMessageContaining("total=3, active=3")
        .hasMessageContaining("maxSize=1, maxOverflow=2");

    c.close();
    b.close();
    a.close();

    assertThat(plan.stats().peakOpen()).isEqualTo(3);
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.OVERFLOW, 2L);
    assertThat(listener.closes(CloseReason.OVERFLOW)).isEqualTo(2);
    assertThat(pool.stats().total()).isEqualTo(1);
    assertThat(pool.stats().overflowInUse()).isZero();
    assertThat(plan.stats().open()).isEqualTo(1);
  }

  @Test
  void anOverflowConnectionGoesToAWaiterInsteadOfClosing() throws Exception {
    start(config().maxSize(1).minIdle(1).maxOverflow(1).acquireTimeout(Duration.ofSeconds(10)));
    Connection a = pool.getConnection();
    Connection b = pool.getConnection();
    FaultConnection overflowPhysical = physical(b);
    FutureTask<FaultConnection> waiter = inThread("overflow-waiter", () -> {
      try (Connection c = pool.getConnection()) {
        return physical(c);
      }
    });
    awaitWaiting(pool, 1);

    b.close();

    assertThat(waiter.get(5, TimeUnit.SECONDS)).isSameAs(overflowPhysical);
    a.close();
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.OVERFLOW, 1L);
    assertThat(pool.stats().total()).isEqualTo(1);
  }

  @Test
  void withoutOverflowThePoolNeverOpensMoreThanMaxSize() throws SQLException {
    start(config().maxSize(2).minIdle(0).acquireTimeout(Duration.ofMillis(100)));
    Connection a = pool.getConnection();
    Connection b = pool.getConnection();

    assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);

    a.close();
    b.close();
    assertThat(plan.stats().peakOpen()).isEqualTo(2);
    assertThat(pool.stats().peakTotal()).isEqualTo(2);
  }

  // ---- statistics of borrowing ----------------------------------------------------------------

  @Test
  void borrowsServedAtOnceCountAsHitsAndWaitedOnesDoNot() throws Exception {
    start(config().acquireTimeout(Duration.ofSeconds(10)));
    for (int i = 0; i < 3; i++) {
      pool.getConnection().close();
    }
    Connection held = pool.getConnection();
    FutureTask<Long> waiter = inThread("hit-rate-waiter", () -> {
      try (Connection c = pool.getConnection()) {
        return c.unwrap(LeasedConnection.class).connectionId();
      }
    });
    awaitWaiting(pool, 1);
    held.close();
    waiter.get(5, TimeUnit.SECONDS);

    PoolStats s = pool.stats();
    assertThat(s.acquired()).isEqualTo(5);
    assertThat(s.released()).isEqualTo(5);
    assertThat(s.hitRate()).isEqualTo(0.8);
    assertThat(s.waitTime().count()).isEqualTo(5);
    assertThat(s.waitTime().max()).isPositive();
    assertThat(s.waitTime().p50()).isZero();
    assertThat(listener.ofType("checkout")).filteredOn(e -> e.nanos() > 0).hasSize(1);
  }

  private void awaitTotalAtLeast(int n) {
    await(n + " connections", () -> pool.stats().total() >= n);
  }

  private static List<String> poolThreads(String poolName) {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith(poolName + "-")) {
        names.add(t.getName());
      }
    }
    return names;
  }
}
