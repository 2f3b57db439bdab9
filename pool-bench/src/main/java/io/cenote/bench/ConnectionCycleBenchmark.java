package io.cenote.bench;

import io.cenote.micrometer.PoolMetrics;
import io.cenote.pool.ConnectionPool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
 * {@code getConnection()} then {@code close()} on a pool of 32 that is never exhausted: the cost
 * of the borrow/return path itself, at 1, 4 and 8 threads. {@code cenote-metrics} is the same
 * Cenote pool with pool-micrometer's {@link PoolMetrics} bound to a Prometheus registry (scraped
 * once), to show that binding adds nothing to the path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConnectionCycleBenchmark {

  /** The Cenote pool with its meters bound. */
  static final String METERED = "cenote-metrics";

  /** Which pool to measure. */
  @Param({"cenote", METERED, "hikari"})
  public String pool;

  private DataSource dataSource;
  /** Kept for the whole trial, so the meters stay registered while borrows run. */
  private PrometheusMeterRegistry registry;
  private PoolMetrics metrics;

  /** Opens the pool, and binds its meters for {@value #METERED}. */
  @Setup(Level.Trial)
  public void open() {
    dataSource = Pools.openStub(METERED.equals(pool) ? "cenote" : pool, 32);
    if (METERED.equals(pool)) {
      registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      metrics = new PoolMetrics(((ConnectionPool) dataSource).control());
      metrics.bindTo(registry);
      if (!registry.scrape().contains("cenote_connections_active")) {
        throw new IllegalStateException("the pool's meters are not in the scrape");
      }
    }
  }

  /** Closes the pool and removes its meters. */
  @TearDown(Level.Trial)
  public void close() {
    if (metrics != null) {
      metrics.close();
      registry.close();
    }
    Pools.close(dataSource);
  }

  /**
   * One borrow/return on one thread.
   *
   * @return the connection, so the JIT cannot drop the work
   * @throws SQLException never with the stub
   */
  @Benchmark
  @Threads(1)
  public Connection cycle1Thread() throws SQLException {
    return cycle();
  }

  /**
   * One borrow/return on four threads.
   *
   * @return the connection
   * @throws SQLException never with the stub
   */
  @Benchmark
  @Threads(4)
  public Connection cycle4Threads() throws SQLException {
    return cycle();
  }

  /**
   * One borrow/return on eight threads.
   *
   * @return the connection
   * @throws SQLException never with the stub
   */
  @Benchmark
  @Threads(8)
  public Connection cycle8Threads() throws SQLException {
    return cycle();
  }

  private Connection cycle() throws SQLException {
    Connection c = dataSource.getConnection();
    c.close();
    return c;
  }
}
