package io.cenote.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.cenote.pool.PoolInitializationException;
import io.cenote.testkit.CenoteThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creating the injector opens nothing, so a database that cannot be reached fails only the
 * start: naming it, after closing what started before it, and leaving no thread.
 */
class UnreachableDatabaseTest {

  @TempDir
  Path dir;

  /** A port on 127.0.0.1 that nothing listens on: connecting is refused at once. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void anUnreachableDatabaseFailsOnlyTheStartNamingItAndLeavesNoThread() throws Exception {
    // Clusters start in name order, then pools: alpha (SQLite) is up when billing (PostgreSQL
    // on a closed port) fails, and the pool cache never starts.
    Properties fleet = new Properties();
    fleet.setProperty("cenote.profile", "test");
    fleet.setProperty("cenote.defaults.initializationFailTimeout",
        TestFleet.INITIALIZATION_FAIL_TIMEOUT);
    fleet.setProperty("cenote.clusters.alpha.primary.jdbcUrl",
        "jdbc:sqlite:" + dir.resolve("alpha.db"));
    fleet.setProperty("cenote.clusters.billing.primary.jdbcUrl",
        "jdbc:postgresql://127.0.0.1:" + closedPort() + "/billing");
    fleet.setProperty("cenote.clusters.billing.username", "app");
    fleet.setProperty("cenote.clusters.billing.password", "${BILLING_PASSWORD}");
    fleet.setProperty("cenote.clusters.billing.driver.connectTimeout", "1");
    fleet.setProperty("cenote.pools.cache.jdbcUrl", "jdbc:sqlite:" + dir.resolve("cache.db"));
    String secret = "s3cret-billing";
    CenoteThreads threads = TestFleet.threads();

    Injector injector = Guice.createInjector(Stage.PRODUCTION, CenoteModule.builder()
        .properties(fleet).environment(Map.of("BILLING_PASSWORD", secret)).build());
    CenoteLifecycle lifecycle = injector.getInstance(CenoteLifecycle.class);
    DataSource billing = injector.getInstance(TestFleet.named(DataSource.class, "billing"));
    List<String> threadsAfterCreation = threads.started();
    boolean alphaOpenedBeforeStart = dir.resolve("alpha.db").toFile().exists();

    assertThatThrownBy(lifecycle::start)
        .isInstanceOf(FleetStartException.class)
        .hasMessageContaining("cluster 'billing' failed")
        .hasMessageNotContaining(secret)
        .satisfies(e -> assertThat(((FleetStartException) e).member()).isEqualTo("billing"))
        .hasCauseInstanceOf(PoolInitializationException.class);
    TestFleet.awaitNoThread(threads);

    assertThat(threadsAfterCreation).as("Cenote threads after creating the injector").isEmpty();
    assertThat(alphaOpenedBeforeStart).as("alpha opened by creating the injector").isFalse();
    assertThat(dir.resolve("alpha.db")).as("alpha started before billing failed").exists();
    assertThat(dir.resolve("cache.db")).as("cache, after billing, never started")
        .doesNotExist();
    assertThat(lifecycle.startOrder()).containsExactly("alpha");
    assertThat(lifecycle.isRunning()).isFalse();
    assertThatThrownBy(billing::getConnection)
        .hasMessageContaining("call CenoteLifecycle.start() first");
  }
}
