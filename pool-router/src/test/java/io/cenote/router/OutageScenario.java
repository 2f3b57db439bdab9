package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.resilience.BreakerSettings;
import io.cenote.resilience.BreakerState;
import io.cenote.resilience.FailureKind;
import io.cenote.resilience.Idempotent;
import io.cenote.resilience.Resilience;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.resilience.ResilienceListener;
import io.cenote.resilience.SqlFailureClassifier;
import io.cenote.testkit.Polling;
import io.cenote.testkit.db.DatabaseTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A resilient cluster of real servers under read and write load, with timestamps of breaker
 * transitions, for the kill-and-restart integration tests of PostgreSQL and MariaDB.
 */
final class OutageScenario {

  static final String APP = "cenote-resilience-it";

  final Cluster cluster;
  final Resilience resilience;
  final Map<String, Long> openedAt = new ConcurrentHashMap<>();
  final Map<String, Long> closedAt = new ConcurrentHashMap<>();
  final LongAdder reads = new LongAdder();
  final LongAdder writes = new LongAdder();
  final LongAdder readFailures = new LongAdder();
  final LongAdder writeFailures = new LongAdder();
  final LongAdder writeFailFasts = new LongAdder();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final String table;

  OutageScenario(String name, DatabaseTarget primary, DatabaseTarget replica, String table) {
    ResilienceConfig config = ResilienceConfig.builder()
        .breaker(BreakerSettings.builder().slidingWindowSize(10).minimumNumberOfCalls(4)
            .failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(1))
            .permittedCallsInHalfOpenState(2).build())
        // the router stops routing to a failed replica at its first failure, so its breaker
        // may see a single failed call: any failure in the last two calls opens it
        .breaker(name + "-replica", BreakerSettings.builder().slidingWindowSize(2)
            .minimumNumberOfCalls(1).waitDurationInOpenState(Duration.ofSeconds(1))
            .permittedCallsInHalfOpenState(2).build())
        .maxAttempts(2).initialDelay(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(100))
        .probeInterval(Duration.ofMillis(200))
        .listener(new ResilienceListener() {
          @Override
          public void onStateTransition(String host, BreakerState from, BreakerState to) {
            if (to == BreakerState.OPEN) {
              openedAt.putIfAbsent(host, System.nanoTime());
            } else if (to == BreakerState.CLOSED) {
              closedAt.put(host, System.nanoTime());
            }
          }
        }).build();
    cluster = Cluster.start(ClusterConfig.builder(name)
        .primary(pool(name + "-primary", primary))
        .replica(pool(name + "-replica", replica))
        .resilience(config)
        .build());
    resilience = cluster.resilience().orElseThrow();
    this.table = table;
  }

  private static PoolConfig pool(String name, DatabaseTarget target) {
    PoolConfig.Builder b = PoolConfig.builder().poolName(name).jdbcUrl(target.jdbcUrl())
        .username(target.user()).password(target.password())
        .minIdle(2).maxSize(6).acquireTimeout(Duration.ofMillis(500))
        .initializationFailTimeout(Duration.ofSeconds(-1)).registerMbean(false)
        .driverProperty("connectTimeout", "1");
    if (target.jdbcUrl().startsWith("jdbc:postgresql:")) {
      b.driverProperty("ApplicationName", APP).driverProperty("socketTimeout", "5");
    } else {
      b.driverProperty("socketTimeout", "5000").driverProperty("connectTimeout", "1000");
    }
    return b.build();
  }

  /** Starts reader and writer threads. */
  void load(int readers, int writers) {
    for (int i = 0; i < readers; i++) {
      spawn("it-reader-" + i, () -> {
        try {
          cluster.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
              rs.next();
              return rs.getInt(1);
            }
          });
          reads.increment();
        } catch (SQLException e) {
          readFailures.increment();
        }
      });
    }
    for (int i = 0; i < writers; i++) {
      spawn("it-writer-" + i, () -> {
        try {
          cluster.write(Idempotent.YES, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (id) VALUES (?)")) {
              ps.setLong(1, ids.incrementAndGet());
              return ps.executeUpdate();
            }
          });
          writes.increment();
        } catch (SQLTransientConnectionException e) {
          if (SqlFailureClassifier.standard().classify(e) == FailureKind.BREAKER_OPEN) {
            writeFailFasts.increment();
          } else {
            writeFailures.increment();
          }
        } catch (SQLException e) {
          writeFailures.increment();
        }
      });
    }
  }

  private void spawn(String name, Runnable body) {
    Thread t = new Thread(() -> {
      while (running.get()) {
        long failures = readFailures.sum() + writeFailures.sum() + writeFailFasts.sum();
        body.run();
        if (readFailures.sum() + writeFailures.sum() + writeFailFasts.sum() != failures) {
          pause(); // a failing client backs off a little instead of spinning on the CPU
        }
      }
    }, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  /**
   * Measures the fail-fast latency of writes while the primary's breaker is open.
   *
   * @return {mean, max} in microseconds over the calls that failed fast
   */
  double[] failFastMicros(int calls) {
    long total = 0;
    long max = 0;
    int n = 0;
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      try {
        cluster.write(Connection::isReadOnly);
      } catch (SQLTransientConnectionException e) {
        long took = System.nanoTime() - t0;
        if (SqlFailureClassifier.standard().classify(e) == FailureKind.BREAKER_OPEN) {
          total += took;
          max = Math.max(max, took);
          n++;
        }
      } catch (SQLException e) {
        // not failing fast: the breaker let a probe through
      }
    }
    assertThat(n).as("writes that failed fast").isGreaterThan(calls / 2);
    return new double[] {total / 1_000.0 / n, max / 1_000.0};
  }

  /** What a primary outage under load showed; times in milliseconds, latencies in µs. */
  record PrimaryOutage(long openMs, double failFastMeanMicros, double failFastMaxMicros,
      long closeMs, long startMs) {}

  /**
   * Kills the primary under the running load and brings it back. Asserts on the way: the
   * primary's breaker opens, writes fail fast (measured over 2,000 calls, mean under 1 ms),
   * reads go on on the replica, whose breaker stays closed; after the restart the primary's
   * breaker closes and writes resume. The load is stopped at the end.
   *
   * @param primary the primary's server
   * @param down told true right before the kill and false once the server is started again,
   *     so the test can restore it if it fails in between
   * @return the measured times
   */
  PrimaryOutage killThePrimaryAndRecover(DatabaseTarget primary, Consumer<Boolean> down)
      throws Exception {
    String primaryHost = cluster.primary().poolName();
    String replicaHost = cluster.pools().get(1).poolName();
    await("writes flow", 10_000, () -> writes.sum() > 200);

    long killAt = System.nanoTime();
    down.accept(true);
    primary.server().kill();
    await("the primary's breaker opens", 10_000, () -> openedAt.containsKey(primaryHost));
    long openMs = (openedAt.get(primaryHost) - killAt) / 1_000_000;
    double[] failFast = failFastMicros(2_000);
    long readsDuringOutage = reads.sum();
    await("reads go on on the replica", 5_000, () -> reads.sum() > readsDuringOutage + 200);
    assertThat(resilience.state(replicaHost)).isEqualTo(BreakerState.CLOSED);

    long startBegan = System.nanoTime();
    primary.server().start();
    down.accept(false);
    long startMs = (System.nanoTime() - startBegan) / 1_000_000;
    await("the primary's breaker closes", 20_000,
        () -> closedAt.getOrDefault(primaryHost, 0L) > startBegan);
    long closeMs = (closedAt.get(primaryHost) - startBegan) / 1_000_000;
    long writesAfter = writes.sum();
    await("writes resume", 10_000, () -> writes.sum() > writesAfter + 100);
    stopLoad();
    assertThat(failFast[0]).as("mean fail-fast latency, µs").isLessThan(1_000);
    return new PrimaryOutage(openMs, failFast[0], failFast[1], closeMs, startMs);
  }

  private static void pause() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void await(String what, long timeoutMillis, BooleanSupplier condition) {
    Polling.await(what, Duration.ofMillis(timeoutMillis), condition);
  }

  /** Stops the load threads. */
  void stopLoad() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(20_000);
    }
  }

  /** Stops the load, then the cluster with its probes. */
  void close() throws InterruptedException {
    stopLoad();
    cluster.close();
  }
}
