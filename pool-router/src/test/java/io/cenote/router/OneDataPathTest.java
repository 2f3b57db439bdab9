package io.cenote.router;

import static io.cenote.router.RouterTestSupport.keyOf;
import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolConfig;
import io.cenote.resilience.BreakerSettings;
import io.cenote.resilience.Idempotent;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.resilience.ResilienceListener;
import io.cenote.router.RouterTestSupport.ManualTicker;
import io.cenote.testkit.fault.FaultConnection;
import io.cenote.testkit.fault.FaultDriver;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One data path, no side channels: the connection a statement reports is the one the user
 * holds, and what a user does through it (a commit, above all) is seen by commit-outcome
 * tracking and by the session, whichever handle it went through.
 */
class OneDataPathTest {

  private static final Duration WINDOW = Duration.ofSeconds(5);

  private final PoolConfig primary = stub("path-primary");
  private final PoolConfig replica = stub("path-replica");
  private final ManualTicker ticker = new ManualTicker();
  private final List<String> unknownCommits = new CopyOnWriteArrayList<>();
  private Cluster cluster;

  @BeforeEach
  void start() {
    cluster = Cluster.start(ClusterConfig.builder("path").databaseType(DatabaseType.SQLITE)
        .healthCheckInterval(Duration.ofHours(1))
        .readYourWritesWindow(WINDOW).ticker(ticker)
        .primary(primary).replica(replica)
        .resilience(ResilienceConfig.builder().maxAttempts(3)
            .breaker(BreakerSettings.builder().slidingWindowSize(100).minimumNumberOfCalls(100)
                .build())
            .initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(1))
            .probeInterval(Duration.ofHours(1))
            .listener(new ResilienceListener() {
              @Override
              public void onUnknownCommitOutcome(String host, SQLException error) {
                unknownCommits.add(host);
              }
            })
            .build())
        .build());
  }

  @AfterEach
  void close() {
    cluster.close();
    FaultDriver.plan(primary.jdbcUrl()).reset();
    FaultDriver.plan(replica.jdbcUrl()).reset();
  }

  private static void assertEveryStatementReports(Connection held) throws SQLException {
    try (Statement s = held.createStatement();
         PreparedStatement ps = held.prepareStatement("SELECT 1");
         CallableStatement cs = held.prepareCall("SELECT 1")) {
      assertThat(s.getConnection()).isSameAs(held);
      assertThat(ps.getConnection()).isSameAs(held);
      assertThat(cs.getConnection()).isSameAs(held);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.getStatement().getConnection()).isSameAs(held);
      }
    }
    // DatabaseMetaData.getConnection() follows the same holder: pool-core's tests check it,
    // the stub driver has no metadata
  }

  @Test
  void aRoutedWriteStatementReportsTheConnectionTheWorkHolds() throws SQLException {
    cluster.write(c -> {
      assertEveryStatementReports(c);
      return null;
    });
    try (Connection c = cluster.writeConnection()) {
      assertEveryStatementReports(c);
    }
  }

  @Test
  void aLazilyRoutedConnectionIsWhatItsStatementsReport() throws SQLException {
    try (Connection c = cluster.dataSource().getConnection()) {
      assertEveryStatementReports(c);
    }
    try (Connection c = cluster.dataSource().getConnection()) {
      c.setReadOnly(true);
      assertEveryStatementReports(c);
    }
  }

  @Test
  void aCommitWithAnUnknownOutcomeIsNeverRetriedEvenThroughTheStatementsConnection() {
    AtomicInteger runs = new AtomicInteger();

    assertThatThrownBy(() -> cluster.write(Idempotent.YES, c -> {
      runs.incrementAndGet();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO t VALUES (1)");
        FaultDriver.plan(primary.jdbcUrl()).restart(); // the server goes away mid-transaction
        s.getConnection().commit();
      }
      return null;
    })).isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));

    assertThat(runs).hasValue(1);
    assertThat(unknownCommits).containsExactly("path-primary");
  }

  @Test
  void theSameFailureBeforeTheCommitIsRetried() throws SQLException {
    AtomicInteger runs = new AtomicInteger();

    cluster.write(Idempotent.YES, c -> {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO t VALUES (1)");
        if (runs.incrementAndGet() == 1) {
          FaultDriver.plan(primary.jdbcUrl()).restart();
        }
        s.executeUpdate("INSERT INTO t VALUES (2)");
        s.getConnection().commit();
      }
      return null;
    });

    assertThat(runs).hasValue(2);
    assertThat(unknownCommits).isEmpty();
  }

  @Test
  void aCommitThroughTheStatementsConnectionStartsTheReadYourWritesWindow()
      throws SQLException {
    try (Connection c = cluster.writeConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO t VALUES (1)");
        // inside the transaction, the session's reads stay on the primary
        assertThat(cluster.read(RouterTestSupport::serverOf)).isEqualTo(keyOf(primary));
        s.getConnection().commit();
      }
      c.setAutoCommit(true);
    }
    ticker.advance(WINDOW.minusMillis(1));
    assertThat(cluster.read(RouterTestSupport::serverOf)).isEqualTo(keyOf(primary));

    ticker.advance(Duration.ofMillis(2));
    assertThat(cluster.read(RouterTestSupport::serverOf)).isEqualTo(keyOf(replica));
  }

  @Test
  void aLazilyBoundWriteDrivesItsSessionThroughThePooledConnection() throws SQLException {
    try (Connection c = cluster.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) { // binds to the primary
        s.executeUpdate("INSERT INTO t VALUES (1)");
        assertThat(cluster.read(RouterTestSupport::serverOf)).isEqualTo(keyOf(primary));
        s.getConnection().commit();
      }
      FaultConnection physical = c.unwrap(FaultConnection.class);
      assertThat(physical.commitCount()).isEqualTo(1);
    }
    ticker.advance(WINDOW.plusMillis(1));
    assertThat(cluster.read(RouterTestSupport::serverOf)).isEqualTo(keyOf(replica));
  }
}
