package io.cenote.router;

import static io.cenote.router.RouterTestSupport.keyOf;
import static io.cenote.router.RouterTestSupport.serverOf;
import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolConfig;
import io.cenote.router.RouterTestSupport.ManualTicker;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Read-your-writes windows with a manual ticker, sessions, and reads inside write transactions. */
class ReadYourWritesTest {

  private final PoolConfig primary = stub("ryw-primary");
  private final PoolConfig replica = stub("ryw-replica");
  private final ManualTicker ticker = new ManualTicker();
  private Cluster cluster;

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private Cluster start(Duration window) {
    cluster = Cluster.start(ClusterConfig.builder("ryw").primary(primary).replica(replica)
        .databaseType(DatabaseType.SQLITE)
        .readYourWritesWindow(window)
        .ticker(ticker)
        .healthCheckInterval(Duration.ofHours(1))
        .build());
    return cluster;
  }

  private String readServer() throws SQLException {
    return cluster.read(RouterTestSupport::serverOf);
  }

  @Test
  void afterAWriteTheSessionReadsFromThePrimaryForTheWindow() throws SQLException {
    start(Duration.ofSeconds(2));
    assertThat(readServer()).isEqualTo(keyOf(replica));

    cluster.write(c -> c.createStatement().executeUpdate("INSERT"));

    assertThat(readServer()).isEqualTo(keyOf(primary));
    ticker.advance(Duration.ofMillis(1999));
    assertThat(readServer()).isEqualTo(keyOf(primary));
    ticker.advance(Duration.ofMillis(1));
    assertThat(readServer()).isEqualTo(keyOf(replica));
  }

  @Test
  void theWindowIsOffByDefault() throws SQLException {
    start(Duration.ZERO);

    cluster.write(c -> 1);

    assertThat(readServer()).isEqualTo(keyOf(replica));
  }

  @Test
  void otherThreadsAreOtherSessions() throws Exception {
    start(Duration.ofSeconds(2));
    cluster.write(c -> 1);

    String elsewhere = CompletableFuture.supplyAsync(() -> {
      try {
        return readServer();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }).get();

    assertThat(elsewhere).isEqualTo(keyOf(replica));
    assertThat(readServer()).isEqualTo(keyOf(primary));
  }

  @Test
  void anExplicitSessionCarriesItsWritesAcrossThreads() throws Exception {
    start(Duration.ofSeconds(2));
    Session session = cluster.newSession();
    cluster.write(session, c -> 1);

    String elsewhere = CompletableFuture.supplyAsync(() -> {
      try {
        return cluster.read(session, RouterTestSupport::serverOf);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }).get();

    assertThat(elsewhere).isEqualTo(keyOf(primary));
    assertThat(readServer()).as("the thread's own session did not write")
        .isEqualTo(keyOf(replica));
  }

  @Test
  void markWrittenStartsTheWindowToo() throws SQLException {
    start(Duration.ofSeconds(1));
    Session session = cluster.newSession();

    session.markWritten();

    assertThat(cluster.read(session, RouterTestSupport::serverOf)).isEqualTo(keyOf(primary));
  }

  @Test
  void aSessionOfAnotherClusterIsRejected() {
    start(Duration.ZERO);
    Session foreign;
    try (Cluster other = Cluster.start(ClusterConfig.builder("other").primary(stub("other-primary"))
        .databaseType(DatabaseType.SQLITE).build())) {
      foreign = other.newSession();
    }

    assertThatThrownBy(() -> cluster.read(foreign, c -> 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not belong to cluster 'ryw'");
  }

  @Test
  void readsInsideAWriteTransactionStayOnThePrimary() throws SQLException {
    start(Duration.ZERO);
    try (Connection write = cluster.writeConnection()) {
      write.setAutoCommit(false);
      assertThat(readServer()).isEqualTo(keyOf(primary));
      try (Connection read = cluster.readConnection()) {
        assertThat(serverOf(read)).isEqualTo(keyOf(primary));
      }
      write.commit();
      write.setAutoCommit(true);
      assertThat(readServer()).as("the transaction ended").isEqualTo(keyOf(replica));
      write.setAutoCommit(false);
      assertThat(readServer()).isEqualTo(keyOf(primary));
    }
    assertThat(readServer()).as("closing ends the transaction").isEqualTo(keyOf(replica));
  }
}
