package io.cenote.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

/**
 * On a connection held for the whole trial: {@code prepareStatement}, {@code executeQuery}, read
 * the result, close both. Measures the statement and result-set wrappers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StatementCycleBenchmark {

  /** Which pool to measure. */
  @Param({"cenote", "hikari"})
  public String pool;

  private DataSource dataSource;
  private Connection connection;

  /**
   * Opens the pool and borrows the connection.
   *
   * @throws SQLException never with the stub
   */
  @Setup(Level.Trial)
  public void open() throws SQLException {
    dataSource = Pools.openStub(pool, 32);
    connection = dataSource.getConnection();
  }

  /**
   * Returns the connection and closes the pool.
   *
   * @throws SQLException never with the stub
   */
  @TearDown(Level.Trial)
  public void close() throws SQLException {
    connection.close();
    Pools.close(dataSource);
  }

  /**
   * One statement cycle.
   *
   * @return the value read, so the JIT cannot drop the work
   * @throws SQLException never with the stub
   */
  @Benchmark
  public int statementCycle() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT 1");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
