package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.awaitTotal;
import static io.cenote.pool.PoolTestSupport.physical;
import static io.cenote.pool.PoolTestSupport.stubConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolTestSupport.Event;
import io.cenote.pool.PoolTestSupport.ManualTicker;
import io.cenote.pool.PoolTestSupport.RecordingListener;
import io.cenote.testkit.fault.FaultConnection;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import io.cenote.testkit.fault.FaultTrigger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lifetime, idle timeout, use count, validation, keepalive and leak handling, driven by a manual
 * ticker and explicit {@code housekeep()} passes instead of sleeps.
 */
class PoolTimingTest {

  private static final Duration LIFETIME = Duration.ofMinutes(10);

  private final String url = FaultDriver.uniqueStubUrl();
  private final FaultPlan plan = FaultDriver.plan(url);
  private final ManualTicker ticker = new ManualTicker();
  private final RecordingListener listener = new RecordingListener();
  private ConnectionPool pool;

  /** A pool with every timer off; each test turns on the one it exercises. */
  private PoolConfig.Builder config() {
    return stubConfig("timing", url).ticker(ticker).listener(listener)
        .maxLifetime(Duration.ZERO).idleTimeout(Duration.ZERO)
        .keepaliveInterval(Duration.ZERO).validateOnBorrow(false);
  }

  private ConnectionPool start(PoolConfig.Builder builder) {
    pool = ConnectionPool.create(builder.build());
    return pool;
  }

  @AfterEach
  void closePoolAndCheckNothingLeaked() {
    if (pool != null) {
      pool.close();
    }
    assertThat(plan.stats().open()).as("physical connections left open").isZero();
  }

  private FaultConnection onlyOpenConnection() {
    List<FaultConnection> open = plan.openConnections();
    assertThat(open).hasSize(1);
    return open.get(0);
  }

  private long destroyed(CloseReason reason) {
    return pool.stats().destroyed().get(reason);
  }

  // ---- maxLifetime ----------------------------------------------------------------------------

  @Test
  void anIdleConnectionRetiresWithinTheJitterWindowBeforeMaxLifetime() throws SQLException {
    start(config().maxLifetime(LIFETIME));
    FaultConnection original = onlyOpenConnection();
    long window = LIFETIME.toNanos() / 40; // 2.5% jitter

    ticker.advanceNanos(LIFETIME.toNanos() - window - 1);
    pool.housekeep();

    assertThat(original.isClosed()).as("retired before the jitter window").isFalse();
    assertThat(destroyed(CloseReason.LIFETIME)).isZero();

    ticker.advanceNanos(window + 1);
    pool.housekeep();

    assertThat(original.isClosed()).as("retired at maxLifetime at the latest").isTrue();
    assertThat(destroyed(CloseReason.LIFETIME)).isEqualTo(1);
    assertThat(listener.closes(CloseReason.LIFETIME)).isEqualTo(1);
    awaitTotal(pool, 1);
    assertThat(onlyOpenConnection()).isNotSameAs(original);
  }

  @Test
  void connectionsOpenedTogetherDoNotAllRetireTogether() throws SQLException {
    start(config().maxLifetime(LIFETIME).maxSize(20).minIdle(20));
    awaitTotal(pool, 20);
    long window = LIFETIME.toNanos() / 40;
    int steps = 10;

    ticker.advanceNanos(LIFETIME.toNanos() - window - 1);
    pool.housekeep();
    assertThat(destroyed(CloseReason.LIFETIME)).isZero();
    ticker.advanceNanos(1);

    List<Long> retiredPerStep = new ArrayList<>();
    long before = 0;
    for (int i = 0; i < steps; i++) {
      ticker.advanceNanos(window / steps);
      pool.housekeep();
      long now = destroyed(CloseReason.LIFETIME);
      retiredPerStep.add(now - before);
      before = now;
    }

    assertThat(before).as("all 20 retired by maxLifetime").isEqualTo(20);
    assertThat(retiredPerStep.stream().filter(n -> n > 0).count())
        .as("retirements spread over the jitter window: %s", retiredPerStep)
        .isGreaterThan(1);
  }

  @Test
  void aConnectionInUseIsNeverRetiredButIsClosedWhenReturned() throws SQLException {
    start(config().maxLifetime(LIFETIME));
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);

    ticker.advance(LIFETIME.multipliedBy(2));
    pool.housekeep();

    assertThat(raw.isClosed()).isFalse();
    try (Statement s = c.createStatement()) {
      assertThatCode(() -> s.executeQuery("SELECT 1").close()).doesNotThrowAnyException();
    }
    assertThat(destroyed(CloseReason.LIFETIME)).isZero();

    c.close();

    assertThat(raw.isClosed()).isTrue();
    assertThat(destroyed(CloseReason.LIFETIME)).isEqualTo(1);
  }

  @Test
  void aBorrowerNeverGetsAConnectionPastItsLifetime() throws SQLException {
    start(config().maxLifetime(LIFETIME));
    FaultConnection original = onlyOpenConnection();
    ticker.advance(LIFETIME);

    try (Connection c = pool.getConnection()) {
      assertThat(physical(c)).isNotSameAs(original);
    }
    assertThat(original.isClosed()).isTrue();
    assertThat(destroyed(CloseReason.LIFETIME)).isEqualTo(1);
  }

  @Test
  void zeroMaxLifetimeMeansForever() throws SQLException {
    start(config());
    FaultConnection original = onlyOpenConnection();

    ticker.advance(Duration.ofDays(365));
    pool.housekeep();

    assertThat(original.isClosed()).isFalse();
    assertThat(pool.stats().destroyedTotal()).isZero();
  }

  // ---- idleTimeout ----------------------------------------------------------------------------

  @Test
  void idleConnectionsAboveMinIdleCloseAfterIdleTimeout() throws SQLException {
    start(config().maxSize(3).minIdle(1).idleTimeout(Duration.ofMinutes(1)));
    Connection a = pool.getConnection();
    Connection b = pool.getConnection();
    Connection c = pool.getConnection();
    a.close();
    b.close();
    c.close();
    assertThat(pool.stats().idle()).isEqualTo(3);

    ticker.advance(Duration.ofMinutes(1));
    pool.housekeep();
    assertThat(pool.stats().total()).as("not idle longer than idleTimeout yet").isEqualTo(3);

    ticker.advanceNanos(1);
    pool.housekeep();

    assertThat(pool.stats().total()).isEqualTo(1);
    assertThat(destroyed(CloseReason.IDLE)).isEqualTo(2);
    assertThat(listener.closes(CloseReason.IDLE)).isEqualTo(2);
    assertThat(plan.stats().open()).isEqualTo(1);
  }

  @Test
  void idleTimeoutNeverTakesThePoolBelowMinIdle() throws SQLException {
    start(config().maxSize(2).minIdle(2).idleTimeout(Duration.ofMinutes(1)));
    awaitTotal(pool, 2);

    ticker.advance(Duration.ofHours(5));
    pool.housekeep();

    assertThat(pool.stats().total()).isEqualTo(2);
    assertThat(pool.stats().destroyedTotal()).isZero();
    assertThat(plan.stats().opened()).isEqualTo(2);
  }

  @Test
  void aRecentlyUsedConnectionIsNotIdle() throws SQLException {
    start(config().maxSize(2).minIdle(0).idleTimeout(Duration.ofMinutes(1)));
    ticker.advance(Duration.ofSeconds(50));
    pool.getConnection().close();

    ticker.advance(Duration.ofSeconds(50));
    pool.housekeep();

    assertThat(pool.stats().total()).isEqualTo(1);
    ticker.advance(Duration.ofSeconds(11));
    pool.housekeep();
    assertThat(pool.stats().total()).isZero();
  }

  // ---- maxUses --------------------------------------------------------------------------------

  @Test
  void aConnectionRetiresAfterMaxUsesBorrows() throws SQLException {
    start(config().maxUses(3));
    FaultConnection original = onlyOpenConnection();

    for (int i = 0; i < 2; i++) {
      pool.getConnection().close();
    }
    assertThat(original.isClosed()).isFalse();

    Connection third = pool.getConnection();
    assertThat(physical(third)).isSameAs(original);
    third.close();

    assertThat(original.isClosed()).isTrue();
    assertThat(destroyed(CloseReason.MAX_USES)).isEqualTo(1);
    try (Connection fourth = pool.getConnection()) {
      assertThat(physical(fourth)).isNotSameAs(original);
    }
  }

  // ---- validation on borrow -------------------------------------------------------------------

  @Test
  void validationIsSkippedWithinTheBypassWindowAndDoneAfterIt() throws SQLException {
    start(config().validateOnBorrow(true).validationBypassWindow(Duration.ofMillis(500)));

    ticker.advance(Duration.ofMillis(400));
    pool.getConnection().close();
    assertThat(plan.stats().isValidCalls()).as("checked at creation 400 ms ago").isZero();

    ticker.advance(Duration.ofMillis(400));
    pool.getConnection().close();
    assertThat(plan.stats().isValidCalls()).as("returned 400 ms ago").isZero();

    ticker.advance(Duration.ofMillis(600));
    pool.getConnection().close();

    assertThat(plan.stats().isValidCalls()).isEqualTo(1);
    assertThat(pool.stats().validations()).isEqualTo(1);
    assertThat(pool.stats().validationFailures()).isZero();
  }

  @Test
  void aConnectionFailingValidationIsReplacedBeforeHandOut() throws SQLException {
    start(config().validateOnBorrow(true));
    FaultConnection original = onlyOpenConnection();
    plan.failValidation(FaultTrigger.once());
    ticker.advance(Duration.ofSeconds(1));

    try (Connection c = pool.getConnection()) {
      assertThat(physical(c)).isNotSameAs(original);
      assertThat(c.isValid(1)).isTrue();
    }

    assertThat(original.isClosed()).isTrue();
    assertThat(pool.stats().validationFailures()).isEqualTo(1);
    assertThat(destroyed(CloseReason.INVALID)).isEqualTo(1);
    assertThat(listener.ofType("invalidate")).hasSize(1);
  }

  @Test
  void afterADatabaseRestartThePrePingReplacesStaleConnections() throws SQLException {
    start(config().validateOnBorrow(true).maxSize(2).minIdle(2));
    awaitTotal(pool, 2);
    plan.restart();
    ticker.advance(Duration.ofSeconds(1));

    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      assertThatCode(() -> s.executeQuery("SELECT 1").close()).doesNotThrowAnyException();
    }
    assertThat(pool.stats().validationFailures()).isBetween(1L, 2L);
  }

  @Test
  void withoutValidateOnBorrowNothingIsChecked() throws SQLException {
    start(config().validateOnBorrow(false));
    ticker.advance(Duration.ofHours(1));

    pool.getConnection().close();

    assertThat(plan.stats().isValidCalls()).isZero();
    assertThat(pool.stats().validations()).isZero();
  }

  @Test
  void aValidationQueryIsUsedInsteadOfIsValid() throws SQLException {
    start(config().validateOnBorrow(true).validationQuery("SELECT 1"));
    FaultConnection original = onlyOpenConnection();
    ticker.advance(Duration.ofSeconds(1));

    pool.getConnection().close();

    assertThat(plan.stats().isValidCalls()).isZero();
    assertThat(plan.stats().statementsExecuted()).isEqualTo(1);

    plan.failStatements(FaultTrigger.once(), "42P01", "relation does not exist");
    ticker.advance(Duration.ofSeconds(1));
    try (Connection c = pool.getConnection()) {
      assertThat(physical(c)).isNotSameAs(original);
    }
    assertThat(original.isClosed()).isTrue();
    assertThat(pool.stats().validationFailures()).isEqualTo(1);
  }

  // ---- keepalive ------------------------------------------------------------------------------

  @Test
  void keepaliveValidatesIdleConnectionsInTheBackground() throws SQLException {
    start(config().keepaliveInterval(Duration.ofMinutes(2)));
    FaultConnection original = onlyOpenConnection();

    ticker.advance(Duration.ofSeconds(119));
    pool.housekeep();
    assertThat(plan.stats().isValidCalls()).isZero();

    ticker.advance(Duration.ofSeconds(2));
    pool.housekeep();

    assertThat(plan.stats().isValidCalls()).isEqualTo(1);
    assertThat(original.isClosed()).isFalse();
    assertThat(pool.stats().idle()).isEqualTo(1);

    pool.housekeep();
    assertThat(plan.stats().isValidCalls()).as("just checked").isEqualTo(1);
  }

  @Test
  void keepaliveClosesAConnectionThatFailsAndRefills() throws SQLException {
    start(config().keepaliveInterval(Duration.ofMinutes(2)));
    FaultConnection original = onlyOpenConnection();
    plan.failValidation(FaultTrigger.once());

    ticker.advance(Duration.ofMinutes(3));
    pool.housekeep();

    assertThat(original.isClosed()).isTrue();
    assertThat(destroyed(CloseReason.INVALID)).isEqualTo(1);
    assertThat(listener.ofType("invalidate")).hasSize(1);
    awaitTotal(pool, 1);
    assertThat(onlyOpenConnection()).isNotSameAs(original);
  }

  @Test
  void keepaliveLeavesBorrowedConnectionsAlone() throws SQLException {
    start(config().keepaliveInterval(Duration.ofMinutes(2)));

    try (Connection c = pool.getConnection()) {
      ticker.advance(Duration.ofMinutes(10));
      pool.housekeep();
      assertThat(plan.stats().isValidCalls()).isZero();
      assertThat(c.isClosed()).isFalse();
    }
  }

  // ---- leaks ----------------------------------------------------------------------------------

  @Test
  void leakIsReportedOnceWithTheBorrowersStack() throws SQLException {
    start(config().leakDetectionThreshold(Duration.ofSeconds(10)));
    Connection c = pool.getConnection();
    long id = c.unwrap(LeasedConnection.class).connectionId();

    ticker.advance(Duration.ofSeconds(9));
    pool.housekeep();
    assertThat(listener.ofType("leak")).isEmpty();

    ticker.advance(Duration.ofSeconds(2));
    pool.housekeep();
    ticker.advance(Duration.ofSeconds(30));
    pool.housekeep();

    List<Event> leaks = listener.ofType("leak");
    assertThat(leaks).hasSize(1);
    Event leak = leaks.get(0);
    assertThat(leak.connectionId()).isEqualTo(id);
    assertThat(leak.nanos()).isEqualTo(Duration.ofSeconds(11).toNanos());
    assertThat(leak.site().getMessage()).contains(pool.poolName()).contains(String.valueOf(id));
    assertThat(stackOf(leak.site())).contains("leakIsReportedOnceWithTheBorrowersStack");
    assertThat(c.isClosed()).as("detection alone does not take the connection").isFalse();
    assertThat(physical(c).isClosed()).isFalse();
    c.close();
  }

  @Test
  void eachBorrowIsReportedOnItsOwn() throws SQLException {
    start(config().leakDetectionThreshold(Duration.ofSeconds(10)));

    Connection first = pool.getConnection();
    ticker.advance(Duration.ofSeconds(11));
    pool.housekeep();
    first.close();
    pool.housekeep();
    Connection second = pool.getConnection();
    ticker.advance(Duration.ofSeconds(5));
    pool.housekeep();
    assertThat(listener.ofType("leak")).as("the second borrow is only 5 s old").hasSize(1);

    ticker.advance(Duration.ofSeconds(6));
    pool.housekeep();
    second.close();

    assertThat(listener.ofType("leak")).hasSize(2);
  }

  @Test
  void aReturnedConnectionIsNotReported() throws SQLException {
    start(config().leakDetectionThreshold(Duration.ofSeconds(10)));

    pool.getConnection().close();
    ticker.advance(Duration.ofMinutes(5));
    pool.housekeep();

    assertThat(listener.ofType("leak")).isEmpty();
  }

  @Test
  void leakReclaimAbortsTheConnectionAndFreesItsSlot() throws SQLException {
    start(config().leakDetectionThreshold(Duration.ofSeconds(10))
        .leakReclaim(Duration.ofSeconds(30)).acquireTimeout(Duration.ofSeconds(5)));
    Connection leaked = pool.getConnection();
    FaultConnection raw = physical(leaked);
    long id = leaked.unwrap(LeasedConnection.class).connectionId();

    ticker.advance(Duration.ofSeconds(31));
    pool.housekeep();

    assertThat(raw.isAborted()).isTrue();
    assertThat(listener.ofType("leak")).extracting(Event::connectionId).containsExactly(id);
    assertThat(listener.ofType("close")).filteredOn(e -> e.reason() == CloseReason.LEAK)
        .extracting(Event::connectionId).containsExactly(id);
    assertThat(destroyed(CloseReason.LEAK)).isEqualTo(1);
    assertThat(pool.stats().active()).isZero();
    assertThatThrownBy(leaked::createStatement).isInstanceOf(SQLException.class);

    Connection next = pool.getConnection();
    assertThat(physical(next)).isNotSameAs(raw);

    assertThatCode(leaked::close).doesNotThrowAnyException();

    assertThat(next.isClosed()).isFalse();
    assertThat(pool.stats().active()).isEqualTo(1);
    assertThat(pool.stats().total()).isEqualTo(1);
    assertThat(pool.stats().destroyedTotal()).isEqualTo(1);
    next.close();
    assertThat(pool.stats().idle()).isEqualTo(1);
    assertThat(plan.stats().open()).isEqualTo(1);
  }

  @Test
  void aReclaimedConnectionCannotBeDetached() throws SQLException {
    start(config().leakDetectionThreshold(Duration.ofSeconds(10))
        .leakReclaim(Duration.ofSeconds(30)));
    Connection leaked = pool.getConnection();
    ticker.advance(Duration.ofSeconds(31));
    pool.housekeep();

    assertThatThrownBy(() -> leaked.unwrap(LeasedConnection.class).detach())
        .isInstanceOf(SQLException.class)
        .hasMessage("connection was reclaimed by the pool");
    assertThat(pool.stats().destroyedTotal()).isEqualTo(1);
  }

  @Test
  void leakReclaimDoesNotTouchAConnectionBelowItsThreshold() throws SQLException {
    start(config().leakDetectionThreshold(Duration.ofSeconds(10))
        .leakReclaim(Duration.ofSeconds(30)));
    Connection c = pool.getConnection();

    ticker.advance(Duration.ofSeconds(29));
    pool.housekeep();

    assertThat(listener.ofType("leak")).hasSize(1);
    assertThat(physical(c).isAborted()).isFalse();
    assertThat(pool.stats().destroyedTotal()).isZero();
    c.close();
  }

  // ---- explicit passes ------------------------------------------------------------------------

  @Test
  void housekeepWaitsForAPassUnderWayInsteadOfSkippingIt() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PoolListener blockTheScheduledPass = new PoolListener() {
      @Override
      public void onClose(String poolName, long connectionId, CloseReason reason) {
        if (Thread.currentThread().getName().endsWith("-housekeeper")
            && entered.getCount() > 0) {
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    start(config().maxSize(2).minIdle(0).idleTimeout(Duration.ofMinutes(1))
        .listener(blockTheScheduledPass));
    ticker.advance(Duration.ofMinutes(2));
    assertThat(entered.await(5, TimeUnit.SECONDS)).as("the pool's own pass, a second in")
        .isTrue();

    FutureTask<Void> manual = PoolTestSupport.inThread("manual-pass", () -> {
      pool.housekeep();
      return null;
    });
    try {
      PoolTestSupport.assertStaysTrue("housekeep() waits for the pass under way",
          Duration.ofMillis(200), () -> !manual.isDone());
    } finally {
      release.countDown();
    }
    manual.get(5, TimeUnit.SECONDS);
    assertThat(destroyed(CloseReason.IDLE)).isEqualTo(1);
  }

  // ---- hold time ------------------------------------------------------------------------------

  @Test
  void holdTimeIsMeasuredWithTheTicker() throws SQLException {
    start(config());
    Connection c = pool.getConnection();
    ticker.advance(Duration.ofSeconds(3));
    c.close();

    assertThat(listener.ofType("checkin")).extracting(Event::nanos)
        .containsExactly(Duration.ofSeconds(3).toNanos());
    assertThat(pool.stats().holdTime().max()).isEqualTo(Duration.ofSeconds(3));
    assertThat(pool.stats().holdTime().count()).isEqualTo(1);
  }

  @Test
  void holdTimesOfRetiredConnectionsStayInTheStatistics() throws SQLException {
    start(config().maxUses(2));
    for (int i = 1; i <= 5; i++) {
      Connection c = pool.getConnection();
      ticker.advance(Duration.ofMillis(100 * i));
      c.close();
    }
    awaitTotal(pool, 1);

    PoolStats s = pool.stats();
    assertThat(destroyed(CloseReason.MAX_USES)).as("two connections retired").isEqualTo(2);
    assertThat(s.holdTime().count()).isEqualTo(5);
    assertThat(s.released()).isEqualTo(5);
    assertThat(s.holdTime().max()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.holdTime().mean()).isEqualTo(Duration.ofMillis(300));
  }

  private static String stackOf(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
