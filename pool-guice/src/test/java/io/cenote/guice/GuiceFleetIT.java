package io.cenote.guice;

import static io.cenote.guice.TestFleet.POOLS;
import static io.cenote.guice.TestFleet.named;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import io.cenote.guice.TestFleet.OrdersDb;
import io.cenote.guice.TestFleet.Recorder;
import io.cenote.pool.PoolControl;
import io.cenote.router.Cluster;
import io.cenote.testkit.CenoteThreads;
import io.cenote.testkit.Polling;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.ServerSessions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole application's wiring against the real servers: one properties file
 * ({@code guice-fleet.properties}, with {@code ${...}} placeholders filled from an environment
 * built from the database targets) describes a PostgreSQL cluster ({@code orders}), a MariaDB
 * cluster ({@code catalog}) and a SQLite pool ({@code cache}); {@link CenoteModule} binds them
 * and {@link CenoteLifecycle} starts them. Each {@code @Named} data source must reach the server
 * its routing promises, asked of the server through the connection itself; stopping must close
 * every member in reverse start order and leave no Cenote thread and no session of this JVM on
 * any of the four servers. With metrics on, a Prometheus scrape while the fleet runs holds every
 * member's meters and no URL or password, and one after the stop holds none.
 */
class GuiceFleetIT {

  private static final String FLEET_FILE = "/guice-fleet.properties";
  /** True on a PostgreSQL standby. */
  private static final String PG_IN_RECOVERY = "SELECT pg_is_in_recovery()";
  /** 1 on the MariaDB replica of {@code scripts/db.sh}, which runs read-only. */
  private static final String MARIA_READ_ONLY = "SELECT @@global.read_only";
  /**
   * How long threads and sessions may take to go once the fleet stopped: milliseconds when the
   * code works (sockets close in stop()); the bound is for a loaded 2-core machine, and a leak
   * never ends, so it still fails.
   */
  private static final Duration CLEANUP_BOUND = Duration.ofSeconds(15);

  @TempDir
  Path dir;
  private final List<ServerSessions> servers = new ArrayList<>();
  private DatabaseTarget pgPrimary;
  private DatabaseTarget pgReplica;
  private DatabaseTarget mariaPrimary;
  private DatabaseTarget mariaReplica;
  private CenoteLifecycle lifecycle;

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.POSTGRESQL) DatabaseTarget pgP,
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.REPLICA)
          DatabaseTarget pgR,
      @Database(engine = DatabaseEngine.MARIADB) DatabaseTarget mariaP,
      @Database(engine = DatabaseEngine.MARIADB, role = DatabaseRole.REPLICA)
          DatabaseTarget mariaR) throws SQLException {
    pgPrimary = pgP;
    pgReplica = pgR;
    mariaPrimary = mariaP;
    mariaReplica = mariaR;
    for (DatabaseTarget t : List.of(pgP, pgR, mariaP, mariaR)) {
      servers.add(ServerSessions.on(t));
    }
  }

  @AfterEach
  void tearDown() throws SQLException {
    try {
      if (lifecycle != null) {
        lifecycle.stop();
      }
    } finally {
      for (ServerSessions s : servers) {
        s.close();
      }
    }
  }

  private Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PG_PRIMARY_URL", pgPrimary.jdbcUrl());
    env.put("PG_REPLICA_URL", pgReplica.jdbcUrl());
    env.put("PG_USER", pgPrimary.user());
    env.put("PG_PASSWORD", pgPrimary.password());
    env.put("MARIA_PRIMARY_URL", mariaPrimary.jdbcUrl());
    env.put("MARIA_REPLICA_URL", mariaReplica.jdbcUrl());
    env.put("MARIA_USER", mariaPrimary.user());
    env.put("MARIA_PASSWORD", mariaPrimary.password());
    env.put("CACHE_FILE", dir.resolve("cache.db").toString());
    env.put("APP", "cenote-guice-it-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4));
    return env;
  }

  @Test
  void theNamedDataSourcesRouteAsConfiguredAndStopLeavesNothing() throws Exception {
    Path file = Path.of(GuiceFleetIT.class.getResource(FLEET_FILE).toURI());
    List<String> heard = Recorder.log();
    CenoteThreads threads = new CenoteThreads(List.of("orders", "catalog", "cache"));
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Injector injector = Guice.createInjector(Stage.PRODUCTION, CenoteModule.builder()
        .file(file).environment(environment()).annotate("orders", OrdersDb.class)
        .listener(new Recorder("l", heard)).metrics().build(),
        binder -> binder.bind(MeterRegistry.class).toInstance(prometheus));
    lifecycle = injector.getInstance(CenoteLifecycle.class);
    DataSource orders = injector.getInstance(Key.get(DataSource.class, OrdersDb.class));
    DataSource catalog = injector.getInstance(named(DataSource.class, "catalog"));
    DataSource cache = injector.getInstance(named(DataSource.class, "cache"));
    Map<String, Long> sessionsBeforeStart = sessions();

    long began = System.nanoTime();
    lifecycle.start();
    long startMillis = (System.nanoTime() - began) / 1_000_000;
    boolean ordersReadOnReplica = flag(orders, true, PG_IN_RECOVERY);
    boolean ordersWriteOnReplica = flag(orders, false, PG_IN_RECOVERY);
    boolean catalogReadOnReplica = flag(catalog, true, MARIA_READ_ONLY);
    boolean catalogWriteOnReplica = flag(catalog, false, MARIA_READ_ONLY);
    long cacheRows = TestFleet.writeAndCount(cache, "entries");
    Cluster ordersCluster = injector.getInstance(named(Cluster.class, "orders"));
    List<PoolControl> pools = new ArrayList<>();
    for (String member : List.of("orders", "catalog", "cache")) {
      pools.addAll(injector.getInstance(named(POOLS, member)));
    }
    Map<String, Long> sessionsWhileRunning = sessions();
    String scrape = prometheus.scrape();
    List<String> startOrder = lifecycle.startOrder();
    began = System.nanoTime();
    lifecycle.stop();
    long stopMillis = (System.nanoTime() - began) / 1_000_000;
    Polling.await("Cenote's threads end (left: " + threads.started() + ")", CLEANUP_BOUND,
        () -> threads.started().isEmpty());
    Polling.await("this JVM's sessions close", CLEANUP_BOUND,
        () -> sessionsQuietly().values().stream().allMatch(n -> n == 0));
    long gone = (System.nanoTime() - began) / 1_000_000;
    String scrapeAfterStop = prometheus.scrape();

    System.out.printf("[GuiceFleetIT] started %s in %d ms; this JVM's sessions before the start"
        + " %s, while running %s; stopped in %d ms, no thread and no session %d ms after stop()"
        + " began%n", startOrder, startMillis, sessionsBeforeStart, sessionsWhileRunning,
        stopMillis, gone);
    assertThat(sessionsBeforeStart).as("sessions opened by creating the injector")
        .allSatisfy((server, n) -> assertThat(n).as(server).isZero());
    assertThat(sessionsWhileRunning).as("sessions while running")
        .allSatisfy((server, n) -> assertThat(n).as(server).isPositive());
    assertThat(ordersReadOnReplica).as("orders: a read-only connection on the standby").isTrue();
    assertThat(ordersWriteOnReplica).as("orders: a write connection on the standby").isFalse();
    assertThat(catalogReadOnReplica).as("catalog: a read-only connection on the replica")
        .isTrue();
    assertThat(catalogWriteOnReplica).as("catalog: a write connection on the replica")
        .isFalse();
    assertThat(cacheRows).isEqualTo(1);
    assertThat(ordersCluster.name()).isEqualTo("orders");
    assertThat(startOrder).containsExactly("catalog", "orders", "cache");
    assertThat(heard).containsExactly("l:started", "l:stopping", "l:memberStopped:cache",
        "l:memberStopped:orders", "l:memberStopped:catalog");
    assertThat(pools).extracting(PoolControl::poolName).containsExactly("orders-primary",
        "orders-r1", "catalog-primary", "catalog-r1", "cache");
    assertThat(pools).allSatisfy(p -> assertThat(p.isClosed()).as(p.poolName()).isTrue());
    assertThat(scrape).as("the Prometheus scrape while running")
        .contains("cenote_connections_active{cluster=\"orders\",host=\"orders-r1\","
            + "pool=\"orders-r1\",role=\"replica\"}")
        .contains("cenote_connections_acquired_total{cluster=\"catalog\","
            + "host=\"catalog-primary\",pool=\"catalog-primary\",role=\"primary\"}")
        .contains("cenote_connections_acquire_histogram_total{cluster=\"none\",host=\"cache\",")
        .contains("cenote_host_reads_total{cluster=\"orders\",host=\"orders-r1\"")
        .doesNotContain("jdbc:", pgPrimary.jdbcUrl(), mariaPrimary.jdbcUrl(), "password");
    assertThat(scrapeAfterStop).as("the scrape after stop()").doesNotContain("cenote_");
    assertThat(threads.started()).isEmpty();
    assertThat(sessions()).allSatisfy((server, n) -> assertThat(n).as(server).isZero());
  }

  /** Asks the server behind a new connection of {@code ds} whether it is a replica. */
  private static boolean flag(DataSource ds, boolean readOnly, String sql) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(readOnly);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** This JVM's sessions on each server. */
  private Map<String, Long> sessions() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (ServerSessions s : servers) {
      counts.put(s.label(), s.ours());
    }
    return counts;
  }

  private Map<String, Long> sessionsQuietly() {
    try {
      return sessions();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
