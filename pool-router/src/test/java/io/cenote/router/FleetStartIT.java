package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolInitializationException;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.testkit.CenoteThreads;
import io.cenote.testkit.Polling;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.ServerSessions;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that fails part-way leaves nothing behind: no pool, no thread, no server session.
 * Each test starts real pools on the PostgreSQL and MariaDB servers and then one host that
 * cannot be reached (a closed port on 127.0.0.1), so the start fails after the others opened
 * sessions and threads. While it runs, a sampler counts Cenote's threads and this JVM's
 * sessions on every server (so each test proves there was something to clean up); after it
 * failed, both must go back to what they were before. Counted from admin connections of their
 * own, sessions found by client port (see {@link ServerSessions}) and, on PostgreSQL, also by
 * a unique {@code ApplicationName}.
 */
class FleetStartIT {

  /** How long the unreachable host's pool keeps trying before the start gives up. */
  private static final Duration INITIALIZATION_FAIL_TIMEOUT = Duration.ofSeconds(1);
  /**
   * How long threads and sessions may take to go once the start threw. Threads end after their
   * executor's shutdownNow and the servers see a closed socket at once, so this takes
   * milliseconds when the code works; the bound is wide for a loaded 2-core machine, and a leak
   * never ends, so it still fails.
   */
  private static final Duration CLEANUP_BOUND = Duration.ofSeconds(30);
  /** How often the sampler looks at threads and sessions while a start runs. */
  private static final long SAMPLE_MILLIS = 20;

  private final List<ServerSessions> servers = new ArrayList<>();
  private DatabaseTarget pgPrimary;
  private DatabaseTarget pgReplica;
  private DatabaseTarget mariaPrimary;
  private DatabaseTarget mariaReplica;
  /** Labels this test's PostgreSQL sessions. */
  private String app;

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
    app = "cenote-fleet-start-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4);
  }

  @AfterEach
  void closeAdminConnections() throws SQLException {
    for (ServerSessions s : servers) {
      s.close();
    }
  }

  @Test
  void aFleetWhoseLastClusterCannotStartLeavesNoPoolThreadOrSession(@TempDir Path dir)
      throws Exception {
    String secret = "s3cret-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    Path cacheFile = dir.resolve("cache.db");
    // Clusters start in name order, then pools: alpha (PostgreSQL) and bravo (MariaDB) are up
    // with their sessions, health checks and probes when charlie's replica fails; cache never
    // starts.
    String text = String.join("\n",
        "cenote.profile=test",
        "cenote.defaults.minIdle=2",
        "cenote.defaults.maxSize=4",
        "cenote.defaults.initializationFailTimeout=" + INITIALIZATION_FAIL_TIMEOUT.toMillis()
            + "ms",
        "cenote.clusters.alpha.primary.jdbcUrl=${PG_PRIMARY_URL}",
        "cenote.clusters.alpha.replicas.r1.jdbcUrl=${PG_REPLICA_URL}",
        "cenote.clusters.alpha.username=${PG_USER}",
        "cenote.clusters.alpha.driver.ApplicationName=" + app,
        "cenote.clusters.alpha.resilience.enabled=true",
        "cenote.clusters.bravo.primary.jdbcUrl=${MARIA_PRIMARY_URL}",
        "cenote.clusters.bravo.replicas.r1.jdbcUrl=${MARIA_REPLICA_URL}",
        "cenote.clusters.bravo.username=${MARIA_USER}",
        "cenote.clusters.bravo.resilience.probeInterval=200ms",
        "cenote.clusters.charlie.primary.jdbcUrl=${PG_PRIMARY_URL}",
        "cenote.clusters.charlie.replicas.r1.jdbcUrl=jdbc:postgresql://127.0.0.1:"
            + closedPort() + "/appdb",
        "cenote.clusters.charlie.username=${PG_USER}",
        "cenote.clusters.charlie.driver.ApplicationName=" + app,
        "cenote.clusters.charlie.resilience.enabled=true",
        "cenote.pools.cache.jdbcUrl=jdbc:sqlite:" + cacheFile);
    Properties properties = new Properties();
    properties.load(new StringReader(text));
    Map<String, String> env = Map.of(
        "PG_PRIMARY_URL", pgPrimary.jdbcUrl(),
        "PG_REPLICA_URL", pgReplica.jdbcUrl(),
        "PG_USER", pgPrimary.user(),
        "MARIA_PRIMARY_URL", mariaPrimary.jdbcUrl(),
        "MARIA_REPLICA_URL", mariaReplica.jdbcUrl(),
        "MARIA_USER", mariaPrimary.user(),
        "CENOTE_CLUSTERS_ALPHA_PASSWORD", pgPrimary.password(),
        "CENOTE_CLUSTERS_BRAVO_PASSWORD", mariaPrimary.password(),
        "CENOTE_CLUSTERS_CHARLIE_PASSWORD", pgPrimary.password(),
        // the unreachable host's own password, distinct, so a leak of it is visible
        "CENOTE_CLUSTERS_CHARLIE_REPLICAS_R1_PASSWORD", secret);
    FleetConfig fleet = FleetConfig.fromProperties(properties, env);
    assertThat(fleet.clusters()).containsOnlyKeys("alpha", "bravo", "charlie");
    assertThat(fleet.clusters().get("charlie").replicas().get(0).password()).isEqualTo(secret);

    Failure failure = startAndFail("fleet", members(fleet), () -> PoolManager.start(fleet));

    assertThat(failure.error()).isInstanceOf(PoolInitializationException.class)
        .hasMessageContaining("'charlie-r1'");
    assertThat(((PoolInitializationException) failure.error()).poolName())
        .isEqualTo("charlie-r1");
    assertThat(texts(failure.error())).as("the failure's messages").noneMatch(
        m -> m.contains(secret));
    assertThat(failure.peakSessions()).as("sessions of this JVM seen during the start")
        .allSatisfy((server, n) -> assertThat(n).as(server).isPositive());
    assertThat(failure.peakAppSessions()).as("sessions labelled " + app).isPositive();
    assertThat(failure.peakThreads()).as("Cenote threads during the start").isPositive();
    assertThat(cacheFile).as("the pool after the failed cluster never opened").doesNotExist();
  }

  @Test
  void aPostgresClusterWhoseReplicaIsUnreachableLeavesNothing() throws Exception {
    aClusterWhoseReplicaIsUnreachableLeavesNothing("solo-pg", pgPrimary,
        "jdbc:postgresql://127.0.0.1:" + closedPort() + "/appdb");
  }

  @Test
  void aMariaDbClusterWhoseReplicaIsUnreachableLeavesNothing() throws Exception {
    aClusterWhoseReplicaIsUnreachableLeavesNothing("solo-maria", mariaPrimary,
        "jdbc:mysql://127.0.0.1:" + closedPort() + "/appdb?sslMode=DISABLED");
  }

  /**
   * {@code Cluster.start} with a real primary (two idle sessions, its health check, a
   * resilience prober) and one replica on a closed port.
   */
  private void aClusterWhoseReplicaIsUnreachableLeavesNothing(String name,
      DatabaseTarget primary, String unreachableUrl) throws Exception {
    ClusterConfig config = ClusterConfig.builder(name)
        .primary(pool(name + "-primary", primary.jdbcUrl(), primary))
        .replica(pool(name + "-replica", unreachableUrl, primary))
        .resilience(ResilienceConfig.defaults())
        .build();

    Failure failure = startAndFail(name, Set.of(name), () -> Cluster.start(config));

    assertThat(failure.error()).isInstanceOf(PoolInitializationException.class)
        .hasMessageContaining("'" + name + "-replica'");
    String primaryServer = primary.engine() == DatabaseEngine.POSTGRESQL ? "pg-primary"
        : "maria-primary";
    assertThat(failure.peakSessions().get(primaryServer))
        .as("sessions of this JVM on the primary during the start").isPositive();
    assertThat(failure.peakThreads()).as("Cenote threads during the start").isPositive();
  }

  private PoolConfig pool(String poolName, String url, DatabaseTarget credentials) {
    PoolConfig.Builder b = PoolConfig.builder().poolName(poolName).jdbcUrl(url)
        .username(credentials.user()).password(credentials.password())
        .minIdle(2).maxSize(4).registerMbean(false)
        .initializationFailTimeout(INITIALIZATION_FAIL_TIMEOUT);
    if (url.startsWith("jdbc:postgresql:")) {
      b.driverProperty("ApplicationName", app);
    }
    return b.build();
  }

  /** What a failed start left and what it had opened on the way. */
  record Failure(Throwable error, int peakThreads, Map<String, Long> peakSessions,
      long peakAppSessions) {}

  /**
   * Runs a start that must fail, sampling Cenote's threads and this JVM's sessions meanwhile;
   * then waits until both are back to what they were before, and prints the figures.
   */
  private Failure startAndFail(String what, Set<String> members,
      Supplier<? extends AutoCloseable> start) throws Exception {
    CenoteThreads threads = new CenoteThreads(members);
    Map<String, Long> oursBefore = count(Count.OURS);
    Map<String, Long> userBefore = count(Count.USER);
    long appBefore = appSessions();
    Sampler sampler = new Sampler(threads);
    sampler.start();

    long began = System.nanoTime();
    Throwable error = null;
    AutoCloseable started = null;
    try {
      started = start.get();
    } catch (RuntimeException | Error e) {
      error = e;
    }
    long threw = System.nanoTime();
    if (started != null) {
      started.close(); // it should have failed; the assertion below says so
    }
    sampler.finish();
    assertThat(error).as("the start's failure").isNotNull();
    List<String> atFailure = threads.started();

    Polling.await("Cenote's threads end (left: " + atFailure + ")", CLEANUP_BOUND,
        () -> threads.started().isEmpty());
    long threadsGone = System.nanoTime();
    Polling.await("this JVM's sessions are closed", CLEANUP_BOUND,
        () -> unchecked(() -> count(Count.OURS).equals(oursBefore) && appSessions() == appBefore));
    long sessionsGone = System.nanoTime();
    Map<String, Long> userAfter = count(Count.USER);

    System.out.printf("[FleetStartIT] %s: start failed after %d ms with %s%n", what,
        (threw - began) / 1_000_000, error);
    System.out.printf("[FleetStartIT] %s: during the start at most %d Cenote threads, this JVM's"
        + " sessions %s, labelled %d; at the failure %d threads left; no Cenote thread %d ms and"
        + " no session %d ms after it threw%n", what, sampler.peakThreads,
        sampler.peakSessions, sampler.peakApp, atFailure.size(), (threadsGone - threw) / 1_000_000,
        (sessionsGone - threw) / 1_000_000);
    System.out.printf("[FleetStartIT] %s: the app user's sessions (all processes) before %s,"
        + " after %s%n", what, userBefore, userAfter);
    return new Failure(error, sampler.peakThreads, new LinkedHashMap<>(sampler.peakSessions),
        sampler.peakApp);
  }

  private enum Count { OURS, USER }

  private Map<String, Long> count(Count which) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (ServerSessions s : servers) {
      counts.put(s.label(), which == Count.OURS ? s.ours() : s.ofUser());
    }
    return counts;
  }

  /** Sessions labelled with this test's ApplicationName, on both PostgreSQL servers. */
  private long appSessions() throws SQLException {
    long n = 0;
    for (ServerSessions s : servers.subList(0, 2)) {
      n += s.withApplicationName(app);
    }
    return n;
  }

  /** Samples the peaks while a start runs. */
  private final class Sampler extends Thread {
    private final CenoteThreads threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Long> peakSessions = new LinkedHashMap<>();
    private volatile int peakThreads;
    private volatile long peakApp;
    private volatile SQLException failed;

    Sampler(CenoteThreads threads) {
      super("fleet-start-it-sampler");
      setDaemon(true);
      this.threads = threads;
      for (ServerSessions s : servers) {
        peakSessions.put(s.label(), 0L);
      }
    }

    @Override
    public void run() {
      while (running.get()) {
        try {
          peakThreads = Math.max(peakThreads, threads.started().size());
          for (ServerSessions s : servers) {
            peakSessions.merge(s.label(), s.ours(), Math::max);
          }
          peakApp = Math.max(peakApp, appSessions());
          Thread.sleep(SAMPLE_MILLIS);
        } catch (SQLException e) {
          failed = e;
          return;
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void finish() throws InterruptedException, SQLException {
      running.set(false);
      join();
      if (failed != null) {
        throw failed;
      }
    }
  }

  /** Every cluster, host and pool name of the fleet, whose threads are Cenote's. */
  private static Set<String> members(FleetConfig fleet) {
    Set<String> names = new TreeSet<>(fleet.clusters().keySet());
    for (ClusterConfig c : fleet.clusters().values()) {
      names.add(c.primary().poolName());
      c.replicas().forEach(r -> names.add(r.poolName()));
    }
    fleet.pools().values().forEach(p -> names.add(p.poolName()));
    return names;
  }

  /** The messages of an error, its causes and what it suppressed. */
  private static List<String> texts(Throwable error) {
    List<String> texts = new ArrayList<>();
    for (Throwable t = error; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t));
      for (Throwable s : t.getSuppressed()) {
        texts.addAll(texts(s));
      }
    }
    return texts;
  }

  /** A port on 127.0.0.1 that nothing listens on: connecting is refused at once. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private interface SqlCondition {
    boolean holds() throws SQLException;
  }

  private static boolean unchecked(SqlCondition condition) {
    try {
      return condition.holds();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
