package io.cenote.bench;

import io.cenote.pool.PoolConfig;
import io.cenote.router.Cluster;
import io.cenote.router.ClusterConfig;
import io.cenote.router.DatabaseType;
import io.cenote.router.Replica;
import io.cenote.router.ReplicaSelector;
import io.cenote.router.ReplicaSet;
import io.cenote.router.Strategy;
import io.cenote.testkit.fault.FaultDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The cost of routing a read in a cluster of one primary and three replicas on the stub
 * database, per strategy. HikariCP has no router, so this benchmark has no {@code pool}
 * parameter; {@code readCycle} is the whole routed borrow and return, to compare with
 * {@link ConnectionCycleBenchmark}'s plain borrow.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingBenchmark {

  /** The replica selection strategy. */
  @Param({"ROUND_ROBIN", "RANDOM", "LEAST_LOADED"})
  public Strategy strategy;

  private Cluster cluster;
  private ReplicaSelector selector;

  /** Starts the cluster; SQLite's dialect asks the stub no role or lag questions. */
  @Setup(Level.Trial)
  public void open() {
    FaultDriver.register();
    String prefix = "routing-" + strategy.name().toLowerCase(Locale.ROOT);
    ClusterConfig.Builder builder = ClusterConfig.builder(prefix)
        .databaseType(DatabaseType.SQLITE).strategy(strategy)
            .healthCheckInterval(Duration.ofHours(1))
        .primary(stub(prefix + "-primary"));
    for (int i = 1; i <= 3; i++) {
      builder.replica(stub(prefix + "-replica-" + i));
    }
    cluster = Cluster.start(builder.build());
    selector = strategy.newSelector();
  }

  private static PoolConfig stub(String name) {
    return PoolConfig.builder().poolName(name).jdbcUrl(FaultDriver.stubUrl(name))
        .maxSize(8).minIdle(8).autoCommit(false).registerMbean(false).build();
  }

  /** Closes the cluster. */
  @TearDown(Level.Trial)
  public void close() {
    cluster.close();
  }

  /**
   * One routing decision: read the eligible replicas and let the strategy pick one.
   *
   * @return the chosen replica, so the JIT cannot drop the decision
   */
  @Benchmark
  @Threads(1)
  public Replica decision() {
    ReplicaSet eligible = cluster.eligibleReplicas();
    return selector.select(eligible);
  }

  /**
   * A routed read: choose a replica, borrow from its pool, return the connection.
   *
   * @return the connection
   * @throws SQLException never with the stub
   */
  @Benchmark
  @Threads(4)
  public Connection readCycle() throws SQLException {
    Connection c = cluster.readConnection();
    c.close();
    return c;
  }
}
