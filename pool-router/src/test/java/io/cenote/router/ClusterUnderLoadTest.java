package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.ThreadMode;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many threads read and write through a cluster (routed reads, writes, the lazy DataSource)
 * while a replica crashes (open connections break, new ones are refused) and comes back, then
 * the cluster closes under the same load: no routed read or write fails (only a lazy
 * connection already bound to the crashed replica may), no server ever holds more connections
 * than its pool allows (plus the health check's own), every caller ends promptly once the cluster closes, with a connection
 * error, and afterwards no stub server has a connection open. Runs on platform threads and,
 * on JDK 21+, on virtual threads.
 */
@Tag("concurrency")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClusterUnderLoadTest {

  private static final int MAX_SIZE = 8;

  private static PoolConfig pool(String name) {
    return PoolConfig.builder().poolName(name).jdbcUrl(FaultDriver.uniqueStubUrl())
        .minIdle(2).maxSize(MAX_SIZE).acquireTimeout(Duration.ofSeconds(5))
        .shutdownGracePeriod(Duration.ofMillis(200)).registerMbean(false).build();
  }

  /** One call of the given kind: a routed read, a routed write, a lazy read-only connection. */
  private static void call(Cluster cluster, int kind) throws SQLException {
    if (kind == 0) {
      cluster.read(ClusterUnderLoadTest::selectOne);
    } else if (kind == 1) {
      cluster.write(ClusterUnderLoadTest::selectOne);
    } else {
      try (Connection c = cluster.dataSource().getConnection()) {
        c.setReadOnly(true);
        selectOne(c);
      }
    }
  }

  private static int selectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @ParameterizedTest
  @EnumSource(ThreadMode.class)
  void routingSurvivesAnOutageAndClosesCleanlyUnderLoad(ThreadMode mode) throws Exception {
    mode.assumeAvailable();
    // Arrange
    String name = "load-" + mode.name().toLowerCase(Locale.ROOT);
    PoolConfig primaryConfig = pool(name + "-primary");
    PoolConfig replica1 = pool(name + "-replica-1");
    PoolConfig replica2 = pool(name + "-replica-2");
    List<FaultPlan> servers = List.of(FaultDriver.plan(primaryConfig.jdbcUrl()),
        FaultDriver.plan(replica1.jdbcUrl()), FaultDriver.plan(replica2.jdbcUrl()));
    for (FaultPlan server : servers) {
      server.statementLatency(Duration.ZERO, Duration.ofMillis(1));
    }
    Cluster cluster = Cluster.start(ClusterConfig.builder(name).databaseType(DatabaseType.SQLITE)
        .primary(primaryConfig).replica(replica1).replica(replica2)
        .healthCheckInterval(Duration.ofMillis(100)).build());
    int callers = mode.borrowers(32, 1000);
    AtomicBoolean closing = new AtomicBoolean();
    LongAdder reads = new LongAdder();
    LongAdder writes = new LongAdder();
    LongAdder cutByOutage = new LongAdder();
    Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    Queue<String> endStates = new ConcurrentLinkedQueue<>();
    CountDownLatch finished = new CountDownLatch(callers);
    AtomicLong lastFinished = new AtomicLong();
    ExecutorService threads = mode.newExecutor(name);

    // Act: load, a replica outage, then close under load
    for (int i = 0; i < callers; i++) {
      int kind = i % 3;
      threads.execute(() -> {
        try {
          for (;;) {
            try {
              call(cluster, kind);
              (kind == 1 ? writes : reads).increment();
            } catch (SQLException e) {
              if (closing.get()) {
                endStates.add(String.valueOf(e.getSQLState()));
                return;
              }
              if (kind == 2 && e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                cutByOutage.increment(); // a plain DataSource connection cannot move hosts
              } else {
                unexpected.add(e.getSQLState() + ": " + e.getMessage());
              }
            } catch (RuntimeException e) {
              unexpected.add(e.toString());
              return;
            }
          }
        } finally {
          lastFinished.accumulateAndGet(System.nanoTime(), Math::max);
          finished.countDown();
        }
      });
    }
    waitFor(() -> reads.sum() > 2_000 && writes.sum() > 1_000);

    servers.get(1).down().restart();
    long readsAtOutage = reads.sum();
    waitFor(() -> cluster.eligibleReplicas().size() == 1 && reads.sum() > readsAtOutage + 2_000);
    servers.get(1).up();
    waitFor(() -> cluster.eligibleReplicas().size() == 2);
    long readsAfter = reads.sum();
    waitFor(() -> reads.sum() > readsAfter + 2_000);

    closing.set(true);
    long closeStarted = System.nanoTime();
    cluster.close();
    boolean allEnded = finished.await(30, TimeUnit.SECONDS);
    threads.shutdown();

    // Assert
    long lastMs = (lastFinished.get() - closeStarted) / 1_000_000;
    System.out.printf(Locale.ROOT, "[ClusterUnderLoadTest/%s] %d callers: %d reads, %d writes,"
        + " %d DataSource reads cut by the outage; last caller ended %d ms after close() began;"
        + " SQLStates that ended them: %s; unexpected errors: %s%n", mode, callers, reads.sum(),
        writes.sum(), cutByOutage.sum(), lastMs, new TreeSet<>(endStates), unexpected);
    assertThat(allEnded).as("every caller ended after close()").isTrue();
    assertThat(unexpected).as("failed routed reads or writes, or non-SQL errors").isEmpty();
    assertThat(endStates).as("every caller was ended by the close").hasSize(callers);
    assertThat(new TreeSet<>(endStates)).as("callers end with connection errors")
        .allSatisfy(state -> assertThat(state).startsWith("08"));
    assertThat(lastMs).as("callers end within the grace period plus scheduling slack")
        .isLessThan(5_000);
    for (FaultPlan server : servers) {
      // the router's health check holds one connection of its own per host
      assertThat(server.stats().peakOpen()).as("peak open on %s", server.key())
          .isLessThanOrEqualTo(MAX_SIZE + 1);
      assertThat(server.stats().open()).as("open on %s after close", server.key()).isZero();
    }
    assertThat(cluster.pools()).allSatisfy(p -> assertThat(p.isClosed()).isTrue());
  }

  private static void waitFor(BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for the load to make progress");
      }
      Thread.sleep(5);
    }
  }
}
