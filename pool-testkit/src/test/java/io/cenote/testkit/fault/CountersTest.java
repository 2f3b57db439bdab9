package io.cenote.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CountersTest {

  private static final int THREADS = 16;
  private static final int ROUNDS = 10_000;

  @Test
  void countsEveryKindOfCall() throws SQLException {
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    FaultStats globalBefore = FaultDriver.stats();

    try (Connection connection = DriverManager.getConnection(url)) {
      connection.isValid(1);
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT 1");
        statement.executeUpdate("UPDATE t SET x = 1");
      }
      connection.commit();
      connection.rollback();
    }

    assertThat(plan.stats()).isEqualTo(new FaultStats(1, 1, 0, 1, 1, 0, 1, 2, 1, 1));
    FaultStats globalAfter = FaultDriver.stats();
    assertThat(globalAfter.statementsExecuted() - globalBefore.statementsExecuted())
        .isGreaterThanOrEqualTo(2);
    assertThat(globalAfter.commits() - globalBefore.commits()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void tracksOpenAndPeakConnections() throws SQLException {
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    List<Connection> connections = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      connections.add(DriverManager.getConnection(url));
    }
    connections.remove(0).close();
    connections.remove(0).abort(Runnable::run);

    assertThat(plan.counters().open()).isEqualTo(3);
    assertThat(plan.counters().peakOpen()).isEqualTo(5);
    assertThat(plan.openConnections()).hasSize(3)
        .containsExactlyElementsOf(connections.stream()
            .map(c -> (FaultConnection) c).toList());
    assertThat(FaultDriver.global().openConnections()).containsAll(plan.openConnections());

    plan.counters().resetPeak();
    assertThat(plan.counters().peakOpen()).isEqualTo(3);
    for (Connection connection : connections) {
      connection.close();
    }
    assertThat(plan.openConnections()).isEmpty();
    assertThat(plan.stats()).extracting(FaultStats::opened, FaultStats::closed, FaultStats::open)
        .containsExactly(5L, 5L, 0L);
  }

  @Test
  @Tag("concurrency")
  @Timeout(120)
  void countersAreExactUnderConcurrentConnectAndClose() throws Exception {
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    AtomicLong maxSeen = new AtomicLong();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < ROUNDS; i++) {
            Connection connection = DriverManager.getConnection(url);
            maxSeen.accumulateAndGet(plan.counters().open(), Math::max);
            connection.isValid(1);
            connection.createStatement().execute("SELECT 1");
            connection.close();
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get(100, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    long total = (long) THREADS * ROUNDS;
    assertThat(plan.stats()).isEqualTo(new FaultStats(total, total, 0,
        plan.counters().peakOpen(), total, 0, total, total, 0, 0));
    assertThat(plan.counters().peakOpen()).isBetween(1L, (long) THREADS)
        .isGreaterThanOrEqualTo(maxSeen.get());
    assertThat(plan.openConnections()).isEmpty();
  }

  @Test
  @Tag("concurrency")
  @Timeout(120)
  void faultsFlipSafelyUnderLoad() throws Exception {
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong connectFailures = new AtomicLong();
    AtomicLong connects = new AtomicLong();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS - 1; t++) {
        workers.add(pool.submit(() -> {
          while (!stop.get()) {
            connects.incrementAndGet();
            Connection connection;
            try {
              connection = DriverManager.getConnection(url);
            } catch (SQLException e) {
              connectFailures.incrementAndGet();
              continue;
            }
            try {
              connection.isValid(1);
              connection.createStatement().execute("SELECT 1");
            } catch (SQLException expected) {
              // statement faults and restarts are being flipped on and off
            } finally {
              connection.close();
            }
          }
          return null;
        }));
      }
      for (int i = 0; i < 200; i++) {
        plan.failConnects(FaultTrigger.probability(0.2))
            .failStatements(FaultTrigger.probability(0.2))
            .failValidation(FaultTrigger.always());
        Thread.sleep(1);
        plan.restart();
        plan.reset();
        Thread.sleep(1);
      }
      stop.set(true);
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    FaultStats stats = plan.stats();
    assertThat(stats.connectAttempts()).isEqualTo(connects.get());
    assertThat(stats.connectFailures()).isEqualTo(connectFailures.get());
    assertThat(stats.opened()).isEqualTo(connects.get() - connectFailures.get());
    assertThat(stats.closed()).isEqualTo(stats.opened());
    assertThat(stats.open()).isZero();
    assertThat(plan.openConnections()).isEmpty();
  }
}
