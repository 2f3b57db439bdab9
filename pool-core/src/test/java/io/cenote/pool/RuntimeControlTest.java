package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.assumeNoScheduledPassSince;
import static io.cenote.pool.PoolTestSupport.await;
import static io.cenote.pool.PoolTestSupport.awaitTotal;
import static io.cenote.pool.PoolTestSupport.awaitWaiting;
import static io.cenote.pool.PoolTestSupport.inThread;
import static io.cenote.pool.PoolTestSupport.physical;
import static io.cenote.pool.PoolTestSupport.stubConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolTestSupport.ManualTicker;
import io.cenote.pool.PoolTestSupport.RecordingListener;
import io.cenote.testkit.fault.FaultConnection;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import io.cenote.testkit.fault.FaultTrigger;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Live resize, suspend/resume, soft eviction, warm-up, adaptive sizing, health, JMX, events. */
class RuntimeControlTest {

  private final String url = FaultDriver.uniqueStubUrl();
  private final FaultPlan plan = FaultDriver.plan(url);
  private final RecordingListener listener = new RecordingListener();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private ConnectionPool pool;

  private ConnectionPool start(PoolConfig.Builder builder) {
    pool = ConnectionPool.create(builder.listener(listener).build());
    toClose.add(pool);
    return pool;
  }

  private PoolConfig.Builder config() {
    return stubConfig("control", url).acquireTimeout(Duration.ofSeconds(10));
  }

  private FutureTask<FaultConnection> borrowInBackground(String name) {
    return inThread(name, () -> {
      try (Connection c = pool.getConnection()) {
        return physical(c);
      }
    });
  }

  @AfterEach
  void closeEverythingAndCheckNothingLeaked() throws Exception {
    plan.reset();
    for (AutoCloseable c : toClose) {
      c.close();
    }
    assertThat(plan.stats().open()).as("physical connections left open").isZero();
  }

  // ---- resize ---------------------------------------------------------------------------------

  @Nested
  class Resize {

    @Test
    void badValuesAreRejectedAndChangeNothing() {
      start(config().maxSize(2).minIdle(1).maxOverflow(1));

      assertThatThrownBy(() -> pool.resize(0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxSize must be >= 1, but was 0");
      assertThatThrownBy(() -> pool.resize(-1, 2, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("minIdle must be >= 0, but was -1");
      assertThatThrownBy(() -> pool.resize(3, 2, 0)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("minIdle must be <= maxSize (2), but was 3");
      assertThatThrownBy(() -> pool.resize(0, 2, -1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxOverflow must be >= 0, but was -1");

      PoolStats s = pool.stats();
      assertThat(s.maxSize()).isEqualTo(2);
      assertThat(s.minIdle()).isEqualTo(1);
      assertThat(s.maxOverflow()).isEqualTo(1);
    }

    @Test
    void growingServesAQueuedBorrowerAtOnce() throws Exception {
      start(config());
      Connection held = pool.getConnection();
      FutureTask<FaultConnection> waiter = borrowInBackground("grow-waiter");
      awaitWaiting(pool, 1);

      pool.resize(1, 2, 0);

      assertThat(waiter.get(5, TimeUnit.SECONDS)).isNotSameAs(physical(held));
      assertThat(pool.stats().maxSize()).isEqualTo(2);
      assertThat(held.isClosed()).isFalse();
      held.close();
    }

    @Test
    void shrinkingClosesSurplusIdleConnectionsAtOnce() {
      start(config().maxSize(3).minIdle(3));
      awaitTotal(pool, 3);

      pool.resize(1, 1, 0);

      assertThat(pool.stats().total()).isEqualTo(1);
      assertThat(pool.stats().destroyed()).containsEntry(CloseReason.EVICTED, 2L);
      assertThat(listener.closes(CloseReason.EVICTED)).isEqualTo(2);
      assertThat(plan.stats().open()).isEqualTo(1);
    }

    @Test
    void shrinkingClosesSurplusBusyConnectionsWhenReturned() throws SQLException {
      start(config().maxSize(3).minIdle(0));
      Connection a = pool.getConnection();
      Connection b = pool.getConnection();
      Connection c = pool.getConnection();

      pool.resize(0, 1, 0);
      assertThat(pool.stats().total()).as("busy ones stay until returned").isEqualTo(3);

      a.close();
      b.close();
      c.close();

      assertThat(pool.stats().destroyed()).containsEntry(CloseReason.EVICTED, 2L);
      assertThat(pool.stats().total()).isEqualTo(1);
      assertThat(pool.stats().idle()).isEqualTo(1);
    }

    @Test
    void shrinkingClosesSurplusBusyConnectionsEvenWhileBorrowersWait() throws Exception {
      start(config().maxSize(3).minIdle(0));
      Connection a = pool.getConnection();
      Connection b = pool.getConnection();
      Connection c = pool.getConnection();
      FaultConnection rawA = physical(a);
      FaultConnection rawB = physical(b);
      FaultConnection rawC = physical(c);
      FutureTask<FaultConnection> waiter = borrowInBackground("shrink-waiter");
      awaitWaiting(pool, 1);

      pool.resize(0, 1, 0);
      a.close();
      b.close();

      assertThat(rawA.isClosed()).as("surplus, even though a borrower waits").isTrue();
      assertThat(rawB.isClosed()).isTrue();
      assertThat(pool.stats().waiting()).isEqualTo(1);

      c.close();

      assertThat(waiter.get(5, TimeUnit.SECONDS)).isSameAs(rawC);
      assertThat(pool.stats().total()).isEqualTo(1);
      assertThat(plan.stats().open()).isEqualTo(1);
    }
  }

  // ---- suspend / resume -----------------------------------------------------------------------

  @Nested
  class SuspendResume {

    @Test
    void borrowersWaitWhileSuspendedAndAreServedOnResume() throws Exception {
      start(config());
      pool.suspend();
      FutureTask<FaultConnection> waiter = borrowInBackground("suspended-waiter");
      awaitWaiting(pool, 1);

      assertThat(pool.stats().suspended()).isTrue();
      assertThat(pool.stats().idle()).as("an idle connection is not lent").isEqualTo(1);
      assertThat(waiter.isDone()).isFalse();
      assertThat(pool.health().status()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(pool.health().alerts()).contains("pool is suspended");

      pool.resume();

      assertThat(waiter.get(5, TimeUnit.SECONDS)).isNotNull();
      assertThat(pool.stats().suspended()).isFalse();
      assertThat(pool.health().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void aReturnedConnectionIsNotHandedOverWhileSuspended() throws Exception {
      start(config());
      Connection held = pool.getConnection();
      FaultConnection raw = physical(held);
      pool.suspend();
      FutureTask<FaultConnection> waiter = borrowInBackground("suspended-waiter");
      awaitWaiting(pool, 1);

      held.close();

      assertThat(pool.stats().idle()).isEqualTo(1);
      assertThat(pool.stats().waiting()).isEqualTo(1);
      pool.resume();
      assertThat(waiter.get(5, TimeUnit.SECONDS)).isSameAs(raw);
    }

    @Test
    void noConnectionIsOpenedForBorrowersWhileSuspended() throws Exception {
      start(config().maxSize(3).minIdle(0));
      Connection held = pool.getConnection();
      pool.suspend();
      FutureTask<FaultConnection> waiter = borrowInBackground("suspended-waiter");
      awaitWaiting(pool, 1);

      pool.housekeep();
      pool.resize(0, 4, 0);

      PoolTestSupport.assertStaysTrue("no connection opened while suspended",
          Duration.ofMillis(200), () -> plan.stats().opened() == 1);
      assertThat(waiter.isDone()).isFalse();

      pool.resume();
      assertThat(waiter.get(5, TimeUnit.SECONDS)).isNotSameAs(physical(held));
      assertThat(plan.stats().opened()).isEqualTo(2);
      held.close();
    }

    @Test
    void aSuspendedBorrowerTimesOut() {
      start(config().acquireTimeout(Duration.ofMillis(150)));
      pool.suspend();

      assertThatThrownBy(pool::getConnection)
          .isInstanceOf(SQLTransientConnectionException.class);
      assertThat(pool.stats().timeouts()).isEqualTo(1);
    }
  }

  // ---- soft eviction and warm-up --------------------------------------------------------------

  @Test
  void softEvictAllClosesIdleNowBusyOnReturnAndRefills() throws SQLException {
    start(config().maxSize(2).minIdle(2));
    awaitTotal(pool, 2);
    Connection busy = pool.getConnection();
    FaultConnection busyRaw = physical(busy);
    List<FaultConnection> before = plan.openConnections();
    FaultConnection idleRaw = before.get(0) == busyRaw ? before.get(1) : before.get(0);

    pool.softEvictAll();

    assertThat(idleRaw.isClosed()).isTrue();
    assertThat(busyRaw.isClosed()).isFalse();
    assertThat(busy.isClosed()).isFalse();
    awaitTotal(pool, 2);

    busy.close();

    assertThat(busyRaw.isClosed()).isTrue();
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.EVICTED, 2L);
    pool.housekeep();
    awaitTotal(pool, 2);
    assertThat(plan.openConnections()).hasSize(2).doesNotContain(idleRaw, busyRaw);
    assertThat(plan.stats().opened()).isEqualTo(4);
  }

  @Test
  void preValidationSwitchesLiveForTheNextBorrows() throws SQLException {
    start(config().maxSize(1).minIdle(1).validateOnBorrow(false)
        .validationBypassWindow(Duration.ZERO));
    awaitTotal(pool, 1);
    assertThat(pool.validateOnBorrow()).isFalse();
    pool.getConnection().close();
    assertThat(pool.stats().validations()).isZero();

    pool.setValidateOnBorrow(true);
    pool.getConnection().close();
    pool.getConnection().close();

    assertThat(pool.validateOnBorrow()).isTrue();
    assertThat(pool.stats().validations()).isEqualTo(2);

    pool.setValidateOnBorrow(false);
    pool.getConnection().close();

    assertThat(pool.stats().validations()).isEqualTo(2);
    assertThat(pool.config().validateOnBorrow()).as("the configuration stays as built").isFalse();
  }

  @Test
  void warmUpOpensConnectionsUpToMaxSize() {
    start(config().maxSize(5).minIdle(0));
    awaitTotal(pool, 1);

    assertThat(pool.warmUp(3)).isEqualTo(2);
    awaitTotal(pool, 3);
    assertThat(pool.warmUp(10)).isEqualTo(2);
    awaitTotal(pool, 5);
    assertThat(pool.warmUp(2)).isZero();
    assertThat(plan.stats().opened()).isEqualTo(5);
  }

  // ---- adaptive sizing ------------------------------------------------------------------------

  @Nested
  class AdaptiveSizing {

    private final List<Connection> held = new ArrayList<>();
    /** {@code capacity()} after each pass, read live beside the snapshot's maxSize. */
    private final List<Integer> capacities = new ArrayList<>();

    private void hold(int n) throws SQLException {
      for (int i = 0; i < n; i++) {
        held.add(pool.getConnection());
      }
    }

    private void returnAll() throws SQLException {
      for (Connection c : held) {
        c.close();
      }
      held.clear();
    }

    private int maxSizeAfterPass() {
      pool.housekeep();
      capacities.add(pool.capacity());
      return pool.stats().maxSize();
    }

    @Test
    void growsAfterTwoBusyPassesInARowUpToItsBound() throws SQLException {
      long started = System.nanoTime();
      start(config().maxSize(2).minIdle(0).adaptiveSizing(true).adaptiveMaxSize(3));
      hold(2);

      List<Integer> sizes = new ArrayList<>();
      sizes.add(maxSizeAfterPass());
      sizes.add(maxSizeAfterPass());
      hold(1);
      sizes.add(maxSizeAfterPass());
      sizes.add(maxSizeAfterPass());
      returnAll();

      assumeNoScheduledPassSince(started);
      assertThat(sizes).containsExactly(2, 3, 3, 3);
      assertThat(capacities).as("capacity() follows at once").isEqualTo(sizes);
    }

    @Test
    void growsByAQuarter() throws SQLException {
      long started = System.nanoTime();
      start(config().maxSize(8).minIdle(0).adaptiveSizing(true).adaptiveMaxSize(20));
      hold(8);

      List<Integer> sizes = List.of(maxSizeAfterPass(), maxSizeAfterPass());
      returnAll();

      assumeNoScheduledPassSince(started);
      assertThat(sizes).containsExactly(8, 10);
    }

    @Test
    void aPassInBetweenResetsTheCount() throws SQLException {
      long started = System.nanoTime();
      start(config().maxSize(4).minIdle(0).adaptiveSizing(true).adaptiveMaxSize(8));
      hold(4);
      List<Integer> sizes = new ArrayList<>();
      sizes.add(maxSizeAfterPass());
      held.remove(0).close();
      held.remove(0).close();
      sizes.add(maxSizeAfterPass()); // utilisation 50%: neither busy nor quiet
      hold(2);
      sizes.add(maxSizeAfterPass());
      sizes.add(maxSizeAfterPass());
      returnAll();

      assumeNoScheduledPassSince(started);
      assertThat(sizes).containsExactly(4, 4, 4, 5);
    }

    @Test
    void waitingBorrowersCountAsBusy() throws Exception {
      long started = System.nanoTime();
      start(config().maxSize(2).minIdle(0).adaptiveSizing(true).adaptiveMaxSize(4));
      pool.suspend();
      FutureTask<FaultConnection> waiter = borrowInBackground("adaptive-waiter");
      awaitWaiting(pool, 1);

      List<Integer> sizes = List.of(maxSizeAfterPass(), maxSizeAfterPass());
      pool.resume();
      waiter.get(5, TimeUnit.SECONDS);

      assumeNoScheduledPassSince(started);
      assertThat(sizes).containsExactly(2, 3);
    }

    @Test
    void shrinksByOneAfterTenQuietPassesDownToItsBound() {
      long started = System.nanoTime();
      start(config().maxSize(3).minIdle(3).adaptiveSizing(true).adaptiveMinSize(2));
      awaitTotal(pool, 3);

      List<Integer> sizes = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        sizes.add(maxSizeAfterPass());
      }

      assumeNoScheduledPassSince(started);
      assertThat(sizes.subList(0, 9)).containsOnly(3);
      assertThat(sizes.subList(9, 20)).containsOnly(2);
      assertThat(capacities).as("capacity() follows at once").isEqualTo(sizes);
      assertThat(pool.maxSize()).isEqualTo(2);
      assertThat(pool.minIdle()).isEqualTo(2);
      assertThat(pool.stats().minIdle()).as("lowered with maxSize").isEqualTo(2);
      assertThat(pool.stats().total()).isEqualTo(2);
      assertThat(pool.stats().destroyed()).containsEntry(CloseReason.EVICTED, 1L);
    }

    @Test
    void growingBackRestoresTheMinIdleThatShrinkingLowered() throws SQLException {
      long started = System.nanoTime();
      start(config().maxSize(3).minIdle(3).adaptiveSizing(true).adaptiveMinSize(2)
          .adaptiveMaxSize(3));
      awaitTotal(pool, 3);
      for (int i = 0; i < 10; i++) {
        maxSizeAfterPass();
      }
      assertThat(pool.stats().minIdle()).as("lowered with maxSize").isEqualTo(2);

      hold(2);
      List<Integer> sizes = List.of(maxSizeAfterPass(), maxSizeAfterPass());
      returnAll();

      assumeNoScheduledPassSince(started);
      assertThat(sizes).containsExactly(2, 3);
      assertThat(pool.stats().minIdle()).as("back to what was configured").isEqualTo(3);
    }

    @Test
    void staysPutWithoutAdaptiveSizing() throws SQLException {
      start(config().maxSize(2).minIdle(0));
      hold(2);

      for (int i = 0; i < 5; i++) {
        pool.housekeep();
      }
      returnAll();
      for (int i = 0; i < 12; i++) {
        pool.housekeep();
      }

      assertThat(pool.stats().maxSize()).isEqualTo(2);
    }
  }

  // ---- health ---------------------------------------------------------------------------------

  @Nested
  class Health {

    @Test
    void aFreshPoolIsUp() {
      start(config());

      assertThat(pool.health().status()).isEqualTo(HealthStatus.UP);
      assertThat(pool.health().alerts()).isEmpty();
    }

    @Test
    void highUtilisationDegrades() throws SQLException {
      start(config());

      try (Connection c = pool.getConnection()) {
        assertThat(c.isClosed()).isFalse();
        assertThat(pool.health().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(pool.health().alerts()).containsExactly("utilisation 100% above 90%");
      }
      assertThat(pool.health().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void theUtilisationThresholdIsConfigurable() throws SQLException {
      start(config().healthMaxUtilisation(1.0));

      try (Connection c = pool.getConnection()) {
        assertThat(c.isClosed()).isFalse();
        assertThat(pool.health().status()).isEqualTo(HealthStatus.UP);
      }
    }

    @Test
    void aClosedPoolIsDown() {
      start(config());

      pool.close();

      assertThat(pool.health().status()).isEqualTo(HealthStatus.DOWN);
      assertThat(pool.health().alerts()).containsExactly("pool is closed");
    }

    @Test
    void failingCreationWithConnectionsStillOpenDegrades() throws SQLException {
      start(config().maxSize(2).minIdle(1).acquireTimeout(Duration.ofMillis(150))
          .healthMaxUtilisation(1.0).healthMaxP99Wait(Duration.ofSeconds(10)));
      plan.down();
      try (Connection c = pool.getConnection()) {
        assertThat(c.isClosed()).isFalse();
        assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
        assertThat(pool.health().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(pool.health().alerts()).contains("cannot open new connections");
      }
    }

    @Test
    void aSlowP99WaitDegrades() throws Exception {
      start(config().healthMaxP99Wait(Duration.ZERO).healthMaxUtilisation(1.0));
      pool.getConnection().close();
      Connection held = pool.getConnection();
      FutureTask<FaultConnection> waiter = borrowInBackground("slow-waiter");
      awaitWaiting(pool, 1);
      held.close();
      waiter.get(5, TimeUnit.SECONDS);

      assertThat(pool.health().alerts()).anySatisfy(a -> assertThat(a)
          .startsWith("p99 acquire wait").endsWith("above 0 ms over the last 60 s"));
    }

    @Test
    void aLowHitRateDegradesOnceThereAreEnoughBorrows() throws Exception {
      start(config().healthMinHitRate(1.0).healthMaxUtilisation(1.0)
          .healthMaxP99Wait(Duration.ofSeconds(10)));
      Connection held = pool.getConnection();
      FutureTask<FaultConnection> waiter = borrowInBackground("hit-rate-waiter");
      awaitWaiting(pool, 1);
      held.close();
      waiter.get(5, TimeUnit.SECONDS);
      for (int i = 0; i < 97; i++) {
        pool.getConnection().close();
      }
      assertThat(pool.stats().acquired()).isEqualTo(99);
      assertThat(pool.health().status()).as("99 borrows say nothing yet")
          .isEqualTo(HealthStatus.UP);

      pool.getConnection().close();

      assertThat(pool.health().status()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(pool.health().alerts()).containsExactly("hit rate 99% below 100% over the last 60 s");
    }

    @Test
    void anIncidentClearsOnceItIsAWindowBehind() throws SQLException {
      ManualTicker ticker = new ManualTicker();
      start(config().ticker(ticker).validationBypassWindow(Duration.ZERO)
          .healthWindow(Duration.ofSeconds(60)).healthMaxUtilisation(1.0)
          .healthMaxP99Wait(Duration.ofSeconds(10)));
      plan.failValidation(FaultTrigger.times(10));
      for (int i = 0; i < 30; i++) {
        ticker.advanceNanos(1);
        pool.getConnection().close();
      }
      pool.housekeep();
      assertThat(pool.health().status()).isEqualTo(HealthStatus.DEGRADED);

      for (int second = 0; second < 65; second++) {
        ticker.advance(Duration.ofSeconds(1));
        pool.housekeep();
      }
      for (int i = 0; i < 25; i++) {
        ticker.advanceNanos(1);
        pool.getConnection().close();
      }

      assertThat(pool.health().status()).as(pool.health().alerts().toString())
          .isEqualTo(HealthStatus.UP);
      assertThat(pool.stats().validationFailures()).as("lifetime totals still show it")
          .isEqualTo(10);
    }

    @Test
    void aLateIncidentIsNotDilutedByALongQuietHistory() throws SQLException {
      ManualTicker ticker = new ManualTicker();
      start(config().ticker(ticker).validationBypassWindow(Duration.ZERO)
          .healthWindow(Duration.ofSeconds(60)).healthMaxUtilisation(1.0)
          .healthMaxP99Wait(Duration.ofSeconds(10)));
      for (int minute = 0; minute < 10; minute++) {
        for (int i = 0; i < 100; i++) {
          ticker.advanceNanos(1);
          pool.getConnection().close();
        }
        for (int second = 0; second < 60; second++) {
          ticker.advance(Duration.ofSeconds(1));
          pool.housekeep();
        }
      }
      for (int second = 0; second < 61; second++) {
        ticker.advance(Duration.ofSeconds(1));
        pool.housekeep();
      }
      plan.failValidation(FaultTrigger.times(10));
      for (int i = 0; i < 40; i++) {
        ticker.advanceNanos(1);
        pool.getConnection().close();
      }

      // 10 failures in about 1,040 validations is 1%; in the last minute about 25%.
      assertThat(pool.health().status()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(pool.health().alerts()).singleElement().asString()
          .matches("validation failures 2[0-9]% above 10% over the last 60 s");
    }

    @Test
    void manyValidationFailuresDegrade() throws SQLException {
      ManualTicker ticker = new ManualTicker();
      start(config().ticker(ticker).validationBypassWindow(Duration.ZERO)
          .healthMaxUtilisation(1.0).healthMaxP99Wait(Duration.ofSeconds(10)));
      plan.failValidation(FaultTrigger.times(5));

      for (int i = 0; i < 25; i++) {
        ticker.advanceNanos(1);
        pool.getConnection().close();
      }

      PoolStats s = pool.stats();
      assertThat(s.validationFailures()).isEqualTo(5);
      assertThat(s.validations()).isBetween(20L, 30L);
      assertThat(pool.health().status()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(pool.health().alerts()).singleElement().asString()
          .startsWith("validation failures").endsWith("above 10% over the last 60 s");
    }
  }

  // ---- JMX ------------------------------------------------------------------------------------

  @Nested
  class Jmx {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private ObjectName nameOf(String poolName) throws Exception {
      return new ObjectName("io.cenote.pool:type=Pool,name=" + poolName);
    }

    @Test
    void theMxBeanShowsStatsOffersControlsAndLeavesOnClose() throws Exception {
      start(config().registerMbean(true).maxSize(2).minIdle(2));
      awaitTotal(pool, 2);
      ObjectName name = nameOf(pool.poolName());

      assertThat(server.isRegistered(name)).isTrue();
      assertThat(server.getAttribute(name, "TotalConnections")).isEqualTo(2);
      assertThat(server.getAttribute(name, "IdleConnections")).isEqualTo(2);
      assertThat(server.getAttribute(name, "MaxSize")).isEqualTo(2);
      assertThat(server.getAttribute(name, "MinIdle")).isEqualTo(2);
      assertThat(server.getAttribute(name, "MaxOverflow")).isEqualTo(0);
      assertThat(server.getAttribute(name, "Health")).isEqualTo("UP");
      try (Connection c = pool.getConnection()) {
        assertThat(c.isClosed()).isFalse();
        assertThat(server.getAttribute(name, "ActiveConnections")).isEqualTo(1);
        assertThat(server.getAttribute(name, "WaitingThreads")).isEqualTo(0);
      }
      assertThat(server.getAttribute(name, "Acquired")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "Timeouts")).isEqualTo(0L);
      assertThat(server.getAttribute(name, "HitRate")).isEqualTo(1.0);
      assertThat((Double) server.getAttribute(name, "WaitP99Millis")).isZero();
      assertThat((Double) server.getAttribute(name, "HoldP99Millis")).isNotNegative();

      server.setAttribute(name, new Attribute("MaxOverflow", 3));
      server.setAttribute(name, new Attribute("MaxSize", 1));
      assertThat(pool.stats().maxSize()).isEqualTo(1);
      assertThat(pool.stats().minIdle()).as("lowered with maxSize").isEqualTo(1);
      assertThat(pool.stats().maxOverflow()).isEqualTo(3);
      server.setAttribute(name, new Attribute("MaxSize", 4));
      server.setAttribute(name, new Attribute("MinIdle", 2));
      assertThat(pool.stats().minIdle()).isEqualTo(2);

      boolean prePing = pool.validateOnBorrow();
      assertThat(server.getAttribute(name, "ValidateOnBorrow")).isEqualTo(prePing);
      server.setAttribute(name, new Attribute("ValidateOnBorrow", !prePing));
      assertThat(pool.validateOnBorrow()).isEqualTo(!prePing);
      assertThat(server.getAttribute(name, "ValidateOnBorrow")).isEqualTo(!prePing);

      server.invoke(name, "suspend", null, null);
      assertThat(pool.stats().suspended()).isTrue();
      assertThat(server.getAttribute(name, "Health")).isEqualTo("DEGRADED");
      server.invoke(name, "resume", null, null);
      assertThat(pool.stats().suspended()).isFalse();

      awaitTotal(pool, 2);
      long evictedBefore = pool.stats().destroyed().get(CloseReason.EVICTED);
      server.invoke(name, "softEvictAll", null, null);
      assertThat(pool.stats().destroyed().get(CloseReason.EVICTED)).isGreaterThan(evictedBefore);

      pool.close();
      assertThat(server.isRegistered(name)).isFalse();
    }

    @Test
    void aTypedProxyWorksAndRejectsBadValues() throws Exception {
      start(config().registerMbean(true));
      PoolMXBean bean = JMX.newMXBeanProxy(server, nameOf(pool.poolName()), PoolMXBean.class);

      assertThat(bean.getTotalConnections()).isEqualTo(1);
      assertThatThrownBy(() -> bean.setMaxSize(0)).satisfies(e -> {
        Throwable root = e;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        assertThat(root).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("maxSize must be >= 1, but was 0");
      });
      assertThat(pool.stats().maxSize()).isEqualTo(1);
    }

    @Test
    void aNameAlreadyRegisteredLeavesThePoolWorkingWithoutJmx() throws Exception {
      String shared = PoolTestSupport.uniqueName("jmx-shared");
      ConnectionPool first = ConnectionPool.create(config().poolName(shared).registerMbean(true)
          .build());
      toClose.add(first);
      ConnectionPool second = ConnectionPool.create(config().poolName(shared)
          .registerMbean(true).build());
      toClose.add(second);
      ObjectName name = nameOf(shared);

      try (Connection c = second.getConnection()) {
        assertThat(c.isValid(1)).isTrue();
      }
      second.close();

      assertThat(server.isRegistered(name)).as("the first pool's bean stays").isTrue();
      try (Connection c = first.getConnection()) {
        assertThat(c.isClosed()).isFalse();
        assertThat(server.getAttribute(name, "ActiveConnections")).isEqualTo(1);
      }
      first.close();
      assertThat(server.isRegistered(name)).isFalse();
    }

    @Test
    void withRegistrationOffNothingIsRegistered() throws Exception {
      start(config());

      assertThat(server.isRegistered(nameOf(pool.poolName()))).isFalse();
    }
  }

  // ---- listeners ------------------------------------------------------------------------------

  @Nested
  class Listeners {

    @Test
    void everyLifecycleEventArrivesWithItsReason() throws Exception {
      long started = System.nanoTime();
      start(config().maxSize(2).minIdle(1).acquireTimeout(Duration.ofMillis(100)));
      Connection a = pool.getConnection();
      Connection b = pool.getConnection();
      long idA = a.unwrap(LeasedConnection.class).connectionId();
      long idB = b.unwrap(LeasedConnection.class).connectionId();
      assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
      a.unwrap(LeasedConnection.class).invalidate();
      Connection detached = b.unwrap(LeasedConnection.class).detach();
      detached.close();
      Connection c = pool.getConnection();
      long idC = c.unwrap(LeasedConnection.class).connectionId();
      c.close();
      pool.close();

      assumeNoScheduledPassSince(started);
      assertThat(listener.ofType("connect")).extracting(PoolTestSupport.Event::connectionId)
          .containsExactlyInAnyOrder(idA, idB, idC);
      assertThat(listener.ofType("checkout")).hasSize(3);
      assertThat(listener.ofType("checkin")).hasSize(3);
      assertThat(listener.ofType("exhausted")).isNotEmpty();
      assertThat(listener.ofType("acquireTimeout")).hasSize(1);
      assertThat(listener.ofType("invalidate")).extracting(PoolTestSupport.Event::connectionId)
          .containsExactly(idA);
      assertThat(listener.ofType("detach")).extracting(PoolTestSupport.Event::connectionId)
          .containsExactly(idB);
      assertThat(listener.ofType("close")).extracting(e -> e.connectionId() + ":" + e.reason())
          .containsExactlyInAnyOrder(idA + ":INVALID", idC + ":SHUTDOWN");
      assertThat(listener.events).extracting(PoolTestSupport.Event::poolName)
          .containsOnly(pool.poolName());
    }

    @Test
    void aThrowingListenerDoesNotBreakThePoolNorOtherListeners() throws SQLException {
      PoolListener throwing = new PoolListener() {
        @Override
        public void onConnect(String poolName, long connectionId, long elapsedNanos) {
          throw new IllegalStateException("listener bug");
        }

        @Override
        public void onCheckout(String poolName, long connectionId, long waitNanos) {
          throw new IllegalStateException("listener bug");
        }

        @Override
        public void onCheckin(String poolName, long connectionId, long holdNanos) {
          throw new IllegalStateException("listener bug");
        }

        @Override
        public void onClose(String poolName, long connectionId, CloseReason reason) {
          throw new IllegalStateException("listener bug");
        }

        @Override
        public void onInvalidate(String poolName, long connectionId) {
          throw new IllegalStateException("listener bug");
        }

        @Override
        public void onAcquireTimeout(String poolName, long waitedNanos) {
          throw new IllegalStateException("listener bug");
        }

        @Override
        public void onPoolExhausted(String poolName, int waiting) {
          throw new IllegalStateException("listener bug");
        }
      };
      pool = ConnectionPool.create(config().acquireTimeout(Duration.ofMillis(100))
          .listener(throwing).listener(listener).build());
      toClose.add(pool);

      try (Connection c = pool.getConnection()) {
        assertThat(c.isValid(1)).isTrue();
        assertThatThrownBy(pool::getConnection)
            .isInstanceOf(SQLTransientConnectionException.class);
      }
      Connection broken = pool.getConnection();
      broken.unwrap(LeasedConnection.class).invalidate();
      try (Connection c = pool.getConnection()) {
        assertThat(c.isValid(1)).isTrue();
      }
      assertThatCode(pool::close).doesNotThrowAnyException();

      assertThat(listener.ofType("connect")).hasSize(2);
      assertThat(listener.ofType("checkout")).hasSize(3);
      assertThat(listener.ofType("checkin")).hasSize(3);
      assertThat(listener.ofType("acquireTimeout")).hasSize(1);
      assertThat(listener.closes(CloseReason.INVALID)).isEqualTo(1);
      assertThat(listener.closes(CloseReason.SHUTDOWN)).isEqualTo(1);
    }

    @Test
    void withoutListenersEveryPathStillWorks() throws SQLException {
      pool = ConnectionPool.create(config().acquireTimeout(Duration.ofMillis(100))
          .leakDetectionThreshold(Duration.ofSeconds(1)).build());
      toClose.add(pool);

      try (Connection c = pool.getConnection()) {
        assertThat(c.isClosed()).isFalse();
        assertThatThrownBy(pool::getConnection)
            .isInstanceOf(SQLTransientConnectionException.class);
      }
      pool.getConnection().unwrap(LeasedConnection.class).invalidate();
      pool.softEvictAll();
      pool.housekeep();
      try (Connection c = pool.getConnection()) {
        assertThat(c.isValid(1)).isTrue();
      }
      assertThat(pool.stats().destroyed()).containsEntry(CloseReason.INVALID, 1L);
    }
  }
}
