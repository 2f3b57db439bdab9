package io.cenote.bench;

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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Sixteen threads share a pool of four and hold each connection for a little CPU work: most
 * borrows find no idle connection, so this measures the hand-off between threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ContendedCycleBenchmark {

  /** Which pool to measure. */
  @Param({"cenote", "hikari"})
  public String pool;

  private DataSource dataSource;

  /** Opens the pool. */
  @Setup(Level.Trial)
  public void open() {
    dataSource = Pools.openStub(pool, 4);
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void close() {
    Pools.close(dataSource);
  }

  /**
   * Borrow, work briefly, return.
   *
   * @return the connection, so the JIT cannot drop the work
   * @throws SQLException never with the stub
   */
  @Benchmark
  @Threads(16)
  public Connection contendedCycle() throws SQLException {
    Connection c = dataSource.getConnection();
    Blackhole.consumeCPU(100);
    c.close();
    return c;
  }
}
