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

/**
 * {@code getConnection()} then {@code close()} on a pool of 32 that is never exhausted: the cost
 * of the borrow/return path itself, at 1, 4 and 8 threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConnectionCycleBenchmark {

  /** Which pool to measure. */
  @Param({"cenote", "hikari"})
  public String pool;

  private DataSource dataSource;

  /** Opens the pool. */
  @Setup(Level.Trial)
  public void open() {
    dataSource = Pools.openStub(pool, 32);
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void close() {
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
