package io.cenote.examples.demo;

import io.cenote.pool.PoolConfig;
import io.cenote.resilience.BreakerSettings;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.router.Cluster;
import io.cenote.router.ClusterConfig;
import io.cenote.router.PoolManager;
import io.cenote.router.RouterListener;
import io.cenote.router.Strategy;
import io.cenote.testkit.fault.FaultDriver;
import java.time.Duration;

/**
 * The routing part's cluster on one SQLite file: a writer pool with one read-write connection
 * (SQLite lets one connection write at a time) and two replica pools of read-only connections
 * to the same file ({@code open_mode=1} and {@code readOnly(true)}, as in the router's
 * {@code SqliteRoutingIT}). The second replica is reached through pool-testkit's fault driver
 * ({@code jdbc:cenote-fault:sqlite:...}), which passes everything to SQLite until
 * {@link ReplicaOutage} takes it down: a SQLite file cannot fail like a server by itself.
 */
final class RoutingCluster {

  /** The cluster's name. */
  static final String NAME = "notes";
  /** The writer's (primary's) pool name. */
  static final String WRITER = "writer";
  /** The first replica's pool name: plain read-only SQLite connections. */
  static final String REPLICA_1 = "replica-1";
  /** The second replica's pool name: read-only SQLite connections behind the fault driver. */
  static final String REPLICA_2 = "replica-2";
  /** Connections per replica pool. */
  static final int REPLICA_SIZE = 3;
  /** Pause between health-check passes: short, so the outage and re-admission show quickly. */
  static final Duration HEALTH_CHECK_INTERVAL = Duration.ofMillis(500);
  /** How long after a write a session's reads go to the writer. */
  static final Duration READ_YOUR_WRITES_WINDOW = Duration.ofMillis(300);
  /** A short acquire timeout on replicas bounds the one wait on a replica that just died. */
  static final Duration REPLICA_ACQUIRE_TIMEOUT = Duration.ofSeconds(1);
  /** How long an open breaker waits before its half-open probe: short, for a short demo. */
  static final Duration BREAKER_OPEN_WAIT = Duration.ofSeconds(1);
  /** How often due breakers are probed. */
  static final Duration PROBE_INTERVAL = Duration.ofMillis(250);

  private RoutingCluster() {}

  /**
   * Returns the URL of the second replica's read-only connections, through the fault driver.
   *
   * @param url the file's plain {@code jdbc:sqlite:} URL
   * @return {@code jdbc:cenote-fault:sqlite:<file>?open_mode=1}
   */
  static String faultyReplicaUrl(String url) {
    return FaultDriver.wrap(url) + "?open_mode=1";
  }

  /**
   * Starts the cluster (which opens its pools and runs a first health check) in the manager,
   * with a resilience section: a breaker per host and one retry budget for every read and write.
   *
   * @param manager where the cluster is registered; closing it closes the cluster
   * @param url the file's plain {@code jdbc:sqlite:} URL
   * @param listener receives routing and health events
   * @return the running cluster
   */
  static Cluster start(PoolManager manager, String url, RouterListener listener) {
    FaultDriver.register();
    PoolConfig writer = pool(WRITER, url).maxSize(1).acquireTimeout(Duration.ofSeconds(5))
        .build();
    PoolConfig replica1 = replica(REPLICA_1, url + "?open_mode=1");
    PoolConfig replica2 = replica(REPLICA_2, faultyReplicaUrl(url));
    return manager.register(ClusterConfig.builder(NAME)
        .primary(writer)
        .replica(replica1)
        .replica(replica2)
        .strategy(Strategy.ROUND_ROBIN)
        .healthCheckInterval(HEALTH_CHECK_INTERVAL)
        .readYourWritesWindow(READ_YOUR_WRITES_WINDOW)
        .listener(listener)
        .resilience(ResilienceConfig.builder()
            .breaker(BreakerSettings.builder().waitDurationInOpenState(BREAKER_OPEN_WAIT).build())
            .probeInterval(PROBE_INTERVAL)
            .build())
        .build());
  }

  private static PoolConfig replica(String name, String url) {
    return pool(name, url).maxSize(REPLICA_SIZE).readOnly(true)
        .acquireTimeout(REPLICA_ACQUIRE_TIMEOUT).build();
  }

  private static PoolConfig.Builder pool(String name, String url) {
    return PoolConfig.builder()
        .poolName(name)
        .jdbcUrl(url)
        .driverProperty("busy_timeout", DemoDatabase.BUSY_TIMEOUT_MILLIS)
        .shutdownGracePeriod(Duration.ofSeconds(2))
        .registerMbean(false);
  }
}
