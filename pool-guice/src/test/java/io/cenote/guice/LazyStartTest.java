package io.cenote.guice;

import static io.cenote.guice.TestFleet.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import io.cenote.guice.TestFleet.Recorder;
import io.cenote.pool.PoolInitializationException;
import io.cenote.router.Cluster;
import io.cenote.testkit.ThreadMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link CenoteModule.Builder#startOnFirstUse()}: the first use starts the fleet, once. */
class LazyStartTest {

  /** Threads racing to be the first user; more than the machine's cores, so they interleave. */
  private static final int RACERS = 16;
  private static final long RACE_BOUND_SECONDS = 60;

  @TempDir
  Path dir;
  private CenoteLifecycle lifecycle;
  private ExecutorService executor;

  @AfterEach
  void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
    if (lifecycle != null) {
      lifecycle.stop();
    }
  }

  private Injector lazyInjector(Properties fleet, List<String> heard) {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, CenoteModule.builder()
        .properties(fleet).environment(Map.of()).startOnFirstUse()
        .listener(new Recorder("l", heard)).build());
    lifecycle = injector.getInstance(CenoteLifecycle.class);
    return injector;
  }

  @Tag("concurrency")
  @ParameterizedTest
  @EnumSource(ThreadMode.class)
  void racingFirstUsesStartTheFleetExactlyOnce(ThreadMode mode) throws Exception {
    mode.assumeAvailable();
    List<String> heard = Recorder.log();
    Injector injector = lazyInjector(TestFleet.sqlite(dir), heard);
    DataSource orders = injector.getInstance(named(DataSource.class, "orders"));
    boolean runningBeforeFirstUse = lifecycle.isRunning();
    executor = mode.newExecutor("lazy-start");
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> uses = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      boolean viaDataSource = i % 2 == 0;
      Callable<String> use = () -> {
        go.await();
        if (viaDataSource) {
          try (var c = orders.getConnection()) {
            return c.isValid(1) ? "connection" : "invalid connection";
          }
        }
        return injector.getInstance(named(Cluster.class, "orders")).name();
      };
      uses.add(executor.submit(use));
    }

    go.countDown();
    List<String> results = new ArrayList<>();
    for (Future<String> use : uses) {
      results.add(use.get(RACE_BOUND_SECONDS, TimeUnit.SECONDS));
    }

    assertThat(runningBeforeFirstUse).isFalse();
    assertThat(results).hasSize(RACERS).containsOnly("connection", "orders");
    assertThat(heard).filteredOn(e -> e.endsWith(":started")).hasSize(1);
    assertThat(lifecycle.isRunning()).isTrue();
    assertThat(lifecycle.startOrder()).containsExactlyElementsOf(TestFleet.START_ORDER);
  }

  @Test
  void aFirstUseWhoseStartFailsSaysWhyAndTheNextUseTriesAgain() throws Exception {
    Properties fleet = TestFleet.sqlite(dir);
    Path missing = dir.resolve("not-yet");
    fleet.setProperty("cenote.pools.sessions.jdbcUrl",
        "jdbc:sqlite:" + missing.resolve("sessions.db"));
    Injector injector = lazyInjector(fleet, Recorder.log());
    DataSource cache = injector.getInstance(named(DataSource.class, "cache"));

    assertThatThrownBy(() -> cache.getConnection())
        .isInstanceOf(SQLTransientConnectionException.class)
        .hasMessageContaining("database 'cache' is not available")
        .hasMessageContaining("pool 'sessions' failed")
        .cause().isInstanceOf(FleetStartException.class)
        .hasCauseInstanceOf(PoolInitializationException.class);
    assertThatThrownBy(() -> injector.getInstance(named(Cluster.class, "orders")))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("pool 'sessions' failed");
    boolean runningAfterFailures = lifecycle.isRunning();
    Files.createDirectory(missing);
    long rows = TestFleet.writeAndCount(cache, "t");

    assertThat(runningAfterFailures).isFalse();
    assertThat(rows).isEqualTo(1);
    assertThat(lifecycle.isRunning()).isTrue();
  }

  @Test
  void aUseAfterStopDoesNotStartTheFleetAgain() throws Exception {
    Injector injector = lazyInjector(TestFleet.sqlite(dir), Recorder.log());
    DataSource orders = injector.getInstance(named(DataSource.class, "orders"));
    TestFleet.writeAndCount(orders, "t");
    lifecycle.stop();

    assertThatThrownBy(() -> orders.getConnection())
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("database 'orders' is not available")
        .hasMessageContaining("was stopped");
    assertThat(lifecycle.isRunning()).isFalse();
  }
}
