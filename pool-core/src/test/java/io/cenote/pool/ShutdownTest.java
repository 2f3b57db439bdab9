package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.await;
import static io.cenote.pool.PoolTestSupport.awaitTotal;
import static io.cenote.pool.PoolTestSupport.awaitWaiting;
import static io.cenote.pool.PoolTestSupport.inThread;
import static io.cenote.pool.PoolTestSupport.physical;
import static io.cenote.pool.PoolTestSupport.stubConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolTestSupport.RecordingListener;
import io.cenote.testkit.fault.FaultConnection;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code close()}: refuse, wake, close idle, wait for busy, abort the rest; idempotent. */
class ShutdownTest {

  private final String url = FaultDriver.uniqueStubUrl();
  private final FaultPlan plan = FaultDriver.plan(url);
  private final RecordingListener listener = new RecordingListener();
  private ConnectionPool pool;

  private ConnectionPool start(PoolConfig.Builder builder) {
    pool = ConnectionPool.create(builder.listener(listener).build());
    return pool;
  }

  private PoolConfig.Builder config() {
    return stubConfig("shutdown", url).acquireTimeout(Duration.ofSeconds(10));
  }

  @AfterEach
  void nothingLeftOpen() {
    plan.reset();
    if (pool != null) {
      pool.close();
    }
    assertThat(plan.stats().open()).as("physical connections left open").isZero();
    assertThat(plan.openConnections()).isEmpty();
  }

  @Test
  void aClosedPoolRefusesNewBorrows() {
    start(config());

    pool.close();

    assertThat(pool.isClosed()).isTrue();
    assertThat(pool.stats().closed()).isTrue();
    assertThatThrownBy(pool::getConnection)
        .isExactlyInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessage("pool '" + pool.poolName() + "' is closed")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
  }

  @Test
  void closeClosesIdleConnectionsAtOnce() {
    start(config().maxSize(3).minIdle(3));
    awaitTotal(pool, 3);
    List<FaultConnection> open = plan.openConnections();
    long started = System.nanoTime();

    pool.close();

    assertThat(System.nanoTime() - started).as("no grace period needed")
        .isLessThan(TimeUnit.SECONDS.toNanos(2));
    assertThat(open).allSatisfy(c -> {
      assertThat(c.isClosed()).isTrue();
      assertThat(c.isAborted()).isFalse();
    });
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.SHUTDOWN, 3L);
    assertThat(listener.closes(CloseReason.SHUTDOWN)).isEqualTo(3);
    assertThat(pool.stats().total()).isZero();
  }

  @Test
  void closeWakesWaitersWithAClearError() throws Exception {
    start(config().shutdownGracePeriod(Duration.ofSeconds(5)));
    Connection held = pool.getConnection();
    FaultConnection raw = physical(held);
    FutureTask<Void> waiter = inThread("waiter-at-shutdown", () -> {
      pool.getConnection().close();
      return null;
    });
    awaitWaiting(pool, 1);
    FutureTask<Void> closer = inThread("closer", () -> {
      pool.close();
      return null;
    });

    assertThatThrownBy(() -> waiter.get(3, TimeUnit.SECONDS))
        .hasCauseExactlyInstanceOf(SQLNonTransientConnectionException.class)
        .cause().hasMessage("pool '" + pool.poolName() + "' is closed");
    assertThat(closer.isDone()).as("still waiting for the borrowed connection").isFalse();

    held.close();

    closer.get(3, TimeUnit.SECONDS);
    assertThat(raw.isClosed()).isTrue();
    assertThat(raw.isAborted()).as("returned within the grace period").isFalse();
    assertThat(pool.stats().waiting()).isZero();
  }

  @Test
  void aBorrowedConnectionIsAbortedAfterTheGracePeriod() throws SQLException {
    start(config().shutdownGracePeriod(Duration.ofMillis(200)));
    Connection leaked = pool.getConnection();
    FaultConnection raw = physical(leaked);
    long started = System.nanoTime();

    pool.close();

    assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(
        TimeUnit.MILLISECONDS.toNanos(200));
    assertThat(raw.isAborted()).isTrue();
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.SHUTDOWN, 1L);
    assertThat(pool.stats().active()).isZero();
    assertThatThrownBy(leaked::createStatement).isInstanceOf(SQLException.class);
    assertThatCode(leaked::close).doesNotThrowAnyException();
    assertThat(pool.stats().destroyedTotal()).isEqualTo(1);
  }

  @Test
  void aZeroGracePeriodAbortsAtOnce() throws SQLException {
    start(config().shutdownGracePeriod(Duration.ZERO));
    Connection leaked = pool.getConnection();
    long started = System.nanoTime();

    pool.close();

    assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(2));
    assertThat(physical(leaked).isAborted()).isTrue();
    leaked.close();
  }

  @Test
  void closeIsIdempotent() throws Exception {
    start(config().maxSize(2).minIdle(2));
    awaitTotal(pool, 2);

    pool.close();
    pool.close();
    List<FutureTask<Void>> closers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      closers.add(inThread("closer-" + i, () -> {
        pool.close();
        return null;
      }));
    }
    for (FutureTask<Void> c : closers) {
      c.get(5, TimeUnit.SECONDS);
    }

    assertThat(listener.closes(CloseReason.SHUTDOWN)).isEqualTo(2);
    assertThat(plan.stats().closed()).isEqualTo(2);
    assertThat(pool.isClosed()).isTrue();
  }

  @Test
  void closeStopsThePoolsThreads() {
    start(config());
    String prefix = pool.poolName() + "-";
    pool.housekeep();
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
        .contains(pool.poolName() + "-housekeeper");

    pool.close();

    await("the pool's threads to end", () -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.isAlive() && t.getName().startsWith(prefix)));
  }

  @Test
  void aConnectionOpenedWhileClosingIsClosedToo() throws Exception {
    start(config().maxSize(2).minIdle(0).initializationFailTimeout(Duration.ofSeconds(-1)));
    awaitTotal(pool, 0);
    plan.connectLatency(Duration.ofMillis(150));
    FutureTask<Void> waiter = inThread("waiter-for-slow-connect", () -> {
      pool.getConnection().close();
      return null;
    });
    awaitWaiting(pool, 1);

    pool.close();

    assertThatThrownBy(() -> waiter.get(3, TimeUnit.SECONDS))
        .hasCauseInstanceOf(SQLException.class);
    await("the slow connection to be closed", () -> plan.stats().open() == 0
        && plan.stats().opened() == plan.stats().closed());
  }

  @Test
  void aResourcePoolReportsItsClosureAsPoolClosedException() throws Exception {
    ResourcePool<Object> resources = ResourcePool.create(PoolConfig.builder()
        .poolName(PoolTestSupport.uniqueName("resources")).registerMbean(false).maxSize(1)
        .build(), new ResourceFactory<>() {
          @Override
          public Object create() {
            return new Object();
          }

          @Override
          public boolean validate(Object resource, Duration timeout) {
            return true;
          }

          @Override
          public void reset(Object resource) {}

          @Override
          public void destroy(Object resource) {}
        });

    resources.close();

    assertThatThrownBy(resources::acquire).isExactlyInstanceOf(PoolClosedException.class)
        .hasMessage("pool '" + resources.poolName() + "' is closed")
        .satisfies(e -> assertThat(((PoolClosedException) e).poolName())
            .isEqualTo(resources.poolName()));
  }
}
