package io.cenote.dashboard;

import io.cenote.pool.PoolConfig;
import io.cenote.router.ClusterConfig;
import io.cenote.router.PoolManager;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real {@link PoolManager} on one SQLite file: a plain pool {@code cache} (with a user name
 * and password that must never appear in an answer) and a cluster {@code orders} of a writer
 * and a read-only replica. The replica is reached through the fault driver, so
 * {@link #replicas()} can take it down. Health checks run only when a test (or the dashboard's
 * host control) asks for them.
 */
final class Fleet implements AutoCloseable {

  static final String USER = "user-Kx5-never-shown";
  static final String PASSWORD = "pw-Zq81-never-shown";
  static final String CLUSTER = "orders";
  static final String PRIMARY = "orders-primary";
  static final String REPLICA = "orders-replica";
  static final String POOL = "cache";

  final DashboardEvents events = new DashboardEvents();
  final PoolManager manager = new PoolManager();
  private final String replicaUrl;

  Fleet(Path dir) {
    FaultDriver.register();
    String url = "jdbc:sqlite:" + dir.resolve("fleet.db");
    replicaUrl = FaultDriver.wrap(url) + "?open_mode=1";
    manager.register(PoolConfig.builder().poolName(POOL).jdbcUrl(url).username(USER)
        .password(PASSWORD).minIdle(1).maxSize(2).listener(events).registerMbean(false)
        .build());
    manager.register(ClusterConfig.builder(CLUSTER)
        .primary(PoolConfig.builder().poolName(PRIMARY).jdbcUrl(url).minIdle(1).maxSize(2)
            .listener(events).registerMbean(false).build())
        .replica(PoolConfig.builder().poolName(REPLICA).jdbcUrl(replicaUrl).readOnly(true)
            .minIdle(1).maxSize(2).acquireTimeout(Duration.ofSeconds(2)).listener(events)
            .registerMbean(false).build())
        .healthCheckInterval(Duration.ofHours(1))
        .listener(events)
        .build());
  }

  /** @return takes the replica down and up through the fault driver */
  ReplicaControl replicas() {
    return new ReplicaControl() {
      @Override
      public void down(String cluster, String host) {
        plan(cluster, host).down().restart();
      }

      @Override
      public void up(String cluster, String host) {
        plan(cluster, host).up();
      }
    };
  }

  private FaultPlan plan(String cluster, String host) {
    if (!CLUSTER.equals(cluster) || !REPLICA.equals(host)) {
      throw new IllegalArgumentException("only " + CLUSTER + "/" + REPLICA + " can go down");
    }
    return FaultDriver.plan(replicaUrl);
  }

  /** Brings the replica back for the next test (plans are static) and closes every pool. */
  @Override
  public void close() {
    FaultDriver.plan(replicaUrl).reset();
    manager.close();
  }
}
