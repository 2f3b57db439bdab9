package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.ConnectionPool;
import io.cenote.resilience.BreakerState;
import io.cenote.resilience.HostResilienceStats;
import io.cenote.resilience.Resilience;
import io.cenote.testkit.Polling;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.Sql;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One properties file ({@code fleet-routing.properties}) describes a PostgreSQL cluster
 * ({@code orders}), a MariaDB cluster ({@code catalog}) and a SQLite pool ({@code cache});
 * {@link PoolManager#start(FleetConfig)} starts it against the real servers, the
 * {@code ${...}} placeholders resolved from an environment built from the database targets.
 * Reads must land on replicas and writes on primaries, asked of the server through the
 * connection itself; a killed PostgreSQL replica must open its own breaker only while reads go
 * on through the primary. Killed servers are started again and tables dropped afterwards.
 */
class FleetRoutingIT {

  private static final String FLEET_FILE = "/fleet-routing.properties";
  /** True on a PostgreSQL standby. */
  private static final String PG_IN_RECOVERY = "SELECT pg_is_in_recovery()";
  /** 1 on the MariaDB replica of {@code scripts/db.sh}, which runs read-only. */
  private static final String MARIA_READ_ONLY = "SELECT @@global.read_only";
  /** How long reads go on after the replica's breaker opened. */
  private static final long OUTAGE_READ_MILLIS = 4_000;
  /** Readers of {@code orders} during the outage; a few, on a 2-core machine. */
  private static final int READERS = 2;
  /**
   * A reader's pause between reads: without it the readers take both cores (some 40,000 reads
   * a second), starving the health checks and probes whose timing the test measures.
   */
  private static final long READ_PAUSE_MILLIS = 1;
  /**
   * Bounds for what follows a kill or a start, measured from the moment the script call began.
   * Each takes well under a second when the code works (a breaker opens at the first failed
   * read; a probe runs every 200 ms and a health check every second); the slack is for a loaded
   * 2-core machine, and a defect makes them take for ever.
   */
  private static final Duration OPEN_BOUND = Duration.ofSeconds(15);
  private static final Duration READMISSION_BOUND = Duration.ofSeconds(30);
  /** How long the replica may take to show a row the primary committed. */
  private static final Duration REPLICATION_BOUND = Duration.ofSeconds(15);

  @TempDir
  Path dir;
  private DatabaseTarget pgPrimary;
  private DatabaseTarget pgReplica;
  private DatabaseTarget mariaPrimary;
  private DatabaseTarget mariaReplica;
  private String table;
  /** The ApplicationName the fleet file gives the PostgreSQL sessions, through a placeholder. */
  private String app;
  private PoolManager manager;
  private boolean pgReplicaKilled;

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.POSTGRESQL) DatabaseTarget pgP,
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.REPLICA)
          DatabaseTarget pgR,
      @Database(engine = DatabaseEngine.MARIADB) DatabaseTarget mariaP,
      @Database(engine = DatabaseEngine.MARIADB, role = DatabaseRole.REPLICA)
          DatabaseTarget mariaR) {
    pgPrimary = pgP;
    pgReplica = pgR;
    mariaPrimary = mariaP;
    mariaReplica = mariaR;
    String id = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4);
    table = "fleet_it_" + id;
    app = "cenote-fleet-routing-" + id;
  }

  @AfterEach
  void restore() throws SQLException {
    try {
      if (manager != null) {
        manager.close();
      }
    } finally {
      if (pgReplicaKilled) {
        pgReplica.server().start();
      }
      if (mariaReplica != null) { // else a server was missing and setUp never ran
        Sql.execute(pgPrimary, "DROP TABLE IF EXISTS " + table);
        Sql.execute(mariaPrimary, "DROP TABLE IF EXISTS " + table);
      }
    }
  }

  private PoolManager startFleet() throws URISyntaxException {
    Path file = Path.of(FleetRoutingIT.class.getResource(FLEET_FILE).toURI());
    Map<String, String> env = Map.of(
        "PG_PRIMARY_URL", pgPrimary.jdbcUrl(),
        "PG_REPLICA_URL", pgReplica.jdbcUrl(),
        "PG_USER", pgPrimary.user(),
        "PG_PASSWORD", pgPrimary.password(),
        "MARIA_PRIMARY_URL", mariaPrimary.jdbcUrl(),
        "MARIA_REPLICA_URL", mariaReplica.jdbcUrl(),
        "MARIA_USER", mariaPrimary.user(),
        "MARIA_PASSWORD", mariaPrimary.password(),
        "CACHE_FILE", dir.resolve("cache.db").toString(),
        "APP", app);
    return PoolManager.start(FleetConfig.load(file, env));
  }

  @Test
  void theFleetRoutesReadsToReplicasAndWritesToPrimariesAndServesTheSqlitePool()
      throws Exception {
    manager = startFleet();

    assertThat(manager.clusterNames()).containsExactly("catalog", "orders");
    assertThat(manager.poolNames()).containsExactly("cache", "catalog-primary", "catalog-r1",
        "orders-primary", "orders-r1");
    Routing orders = route(manager.cluster("orders"), PG_IN_RECOVERY);
    Routing catalog = route(manager.cluster("catalog"), MARIA_READ_ONLY);
    String replicaServerId = Sql.queryString(mariaReplica, "SELECT @@server_id");
    String readServerId = manager.cluster("catalog").read(c -> one(c, "SELECT @@server_id"));
    String writeServerId = manager.cluster("catalog").write(c -> one(c, "SELECT @@server_id"));
    long cached = cacheRoundTrip(manager.pool("cache"));
    String labelled = "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?";
    long labelledOnPrimary = Sql.queryLong(pgPrimary, labelled, app);
    long labelledOnReplica = Sql.queryLong(pgReplica, labelled, app);

    System.out.printf("[FleetRoutingIT] orders (PostgreSQL): %s; sessions labelled by the"
        + " file's driver.ApplicationName: primary %d, replica %d%n", orders, labelledOnPrimary,
        labelledOnReplica);
    System.out.printf("[FleetRoutingIT] catalog (MariaDB): %s; server_id read %s (replica %s),"
        + " write %s%n", catalog, readServerId, replicaServerId, writeServerId);
    System.out.printf("[FleetRoutingIT] cache (SQLite): %d row(s) written and read back%n", cached);
    for (Routing r : List.of(orders, catalog)) {
      assertThat(r.readOnReplica()).as(r.cluster() + ": read() on a replica").isTrue();
      assertThat(r.writeOnReplica()).as(r.cluster() + ": write() on a replica").isFalse();
      assertThat(r.readOnlyDsOnReplica()).as(r.cluster() + ": a read-only DataSource connection"
          + " on a replica").isTrue();
      assertThat(r.dsOnReplica()).as(r.cluster() + ": a DataSource connection on a replica")
          .isFalse();
      assertThat(r.dsStatementsOwnedByIt()).as(r.cluster() + ": a DataSource connection's"
          + " statements' getConnection()").isTrue();
      assertThat(r.writeStatementsOwnedByIt()).as(r.cluster() + ": a write's statements'"
          + " getConnection()").isTrue();
      assertThat(r.replicatedMillis()).as(r.cluster() + ": ms until the replica read the row")
          .isNotNegative();
      assertThat(r.replicaReads()).as(r.cluster() + ": reads routed to the replica").isPositive();
      assertThat(r.primaryWrites()).as(r.cluster() + ": writes routed to the primary")
          .isPositive();
    }
    assertThat(readServerId).isEqualTo(replicaServerId);
    assertThat(writeServerId).isNotEqualTo(replicaServerId);
    assertThat(cached).isEqualTo(1);
    assertThat(labelledOnPrimary).as("primary sessions with the file's ApplicationName")
        .isPositive();
    assertThat(labelledOnReplica).as("replica sessions with the file's ApplicationName")
        .isPositive();
  }

  /** What one cluster's routing showed; true means "the server said it is a replica". */
  record Routing(String cluster, boolean readOnReplica, boolean writeOnReplica,
      boolean readOnlyDsOnReplica, boolean dsOnReplica, boolean dsStatementsOwnedByIt,
      boolean writeStatementsOwnedByIt, long replicatedMillis, long replicaReads,
      long primaryWrites) {}

  /**
   * Asks the servers behind each way in whether they are a replica, writes a row in a
   * transaction committed through a statement's connection, and reads it back from the replica.
   */
  private Routing route(Cluster cluster, String onReplica) throws Exception {
    boolean read = cluster.read(c -> flag(c, onReplica));
    boolean write = cluster.write(c -> flag(c, onReplica));
    DataSource ds = cluster.dataSource();
    boolean readOnlyDs;
    boolean dsOwnsStatements;
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(true);
      readOnlyDs = flag(c, onReplica);
      try (Statement s = c.createStatement(); PreparedStatement ps = c.prepareStatement(onReplica);
           ResultSet rs = ps.executeQuery()) {
        dsOwnsStatements = s.getConnection() == c && ps.getConnection() == c
            && rs.getStatement().getConnection() == c;
      }
    }
    boolean dsDefault;
    try (Connection c = ds.getConnection()) {
      dsDefault = flag(c, onReplica);
    }
    boolean writeOwnsStatements = cluster.write(c -> {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v VARCHAR(40))");
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement();
           PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
        ps.setLong(1, 1);
        ps.setString(2, cluster.name());
        ps.executeUpdate();
        boolean owned = s.getConnection() == c && ps.getConnection() == c;
        ps.getConnection().commit(); // through the statement, as frameworks do
        return owned;
      } finally {
        c.setAutoCommit(true);
      }
    });
    long committed = System.nanoTime();
    Polling.await(cluster.name() + "'s replica reads the committed row", REPLICATION_BOUND,
        () -> rowsOnReplica(cluster, onReplica) == 1);
    long replicated = (System.nanoTime() - committed) / 1_000_000;
    return new Routing(cluster.name(), read, write, readOnlyDs, dsDefault, dsOwnsStatements,
        writeOwnsStatements, replicated, cluster.hostStats().get(1).readsRouted(),
        cluster.hostStats().get(0).writesRouted());
  }

  /** Rows of the table a read sees on a replica; -1 while the table has not arrived there. */
  private long rowsOnReplica(Cluster cluster, String onReplica) {
    try {
      return cluster.read(c -> {
        if (!flag(c, onReplica)) {
          return -1L; // not a replica: do not count
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          return rs.getLong(1);
        }
      });
    } catch (SQLException notThereYet) {
      return -1;
    }
  }

  private static long cacheRoundTrip(ConnectionPool cache) throws SQLException {
    try (Connection c = cache.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE entries (k TEXT PRIMARY KEY, v TEXT)");
      s.executeUpdate("INSERT INTO entries VALUES ('fleet', 'sqlite')");
    }
    try (Connection c = cache.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM entries WHERE v = 'sqlite'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aKilledPostgresReplicaOpensOnlyItsBreakerAndReadsGoOnThroughThePrimary()
      throws Exception {
    manager = startFleet();
    Cluster orders = manager.cluster("orders");
    Cluster catalog = manager.cluster("catalog");
    Resilience ordersResilience = orders.resilience().orElseThrow();
    BreakerLog breakers = new BreakerLog();
    breakers.watch(ordersResilience, "orders-primary", "orders-r1");
    breakers.watch(catalog.resilience().orElseThrow(), "catalog-primary", "catalog-r1");

    Readers readers = new Readers();
    readers.start("orders", orders, PG_IN_RECOVERY, READERS);
    readers.start("catalog", catalog, MARIA_READ_ONLY, 1);
    try {
      Polling.await("reads reach the PostgreSQL replica", Duration.ofSeconds(10),
          () -> readers.onReplica("orders") > 50 && readers.onReplica("catalog") > 50);

      long killBegan = System.nanoTime();
      pgReplicaKilled = true;
      pgReplica.server().kill();
      long killMs = (System.nanoTime() - killBegan) / 1_000_000;
      Polling.await("orders-r1's breaker opens", OPEN_BOUND,
          () -> breakers.openedAt("orders-r1") != 0);
      long openMs = (breakers.openedAt("orders-r1") - killBegan) / 1_000_000;
      long primaryReadsAtOpen = readers.onPrimary("orders");
      Thread.sleep(OUTAGE_READ_MILLIS);
      long primaryReadsDuringOutage = readers.onPrimary("orders") - primaryReadsAtOpen;
      BreakerState replicaDuringOutage = ordersResilience.state("orders-r1");
      List<HostResilienceStats> ordersDuringOutage = orders.resilienceStats();
      List<HostResilienceStats> catalogDuringOutage = catalog.resilienceStats();

      long startBegan = System.nanoTime();
      pgReplica.server().start();
      pgReplicaKilled = false;
      long startMs = (System.nanoTime() - startBegan) / 1_000_000;
      long replicaReadsBefore = readers.onReplica("orders");
      Polling.await("orders-r1 is re-admitted and serves reads again", READMISSION_BOUND,
          () -> ordersResilience.state("orders-r1") == BreakerState.CLOSED
              && orders.hostStats().get(1).healthy()
              && readers.onReplica("orders") > replicaReadsBefore + 50);
      long readmittedMs = (System.nanoTime() - startBegan) / 1_000_000;
      readers.stop();

      System.out.printf("[FleetRoutingIT] PostgreSQL replica killed (kill took %d ms): its"
          + " breaker opened %d ms after the kill began; in the %d ms after that %d reads on the"
          + " primary; reads in all: orders %d (replica %d, primary %d, failed %d), catalog %d"
          + " (failed %d); re-admitted %d ms after start() began (start() took %d ms)%n",
          killMs, openMs, OUTAGE_READ_MILLIS, primaryReadsDuringOutage, readers.reads("orders"),
          readers.onReplica("orders"), readers.onPrimary("orders"), readers.failed("orders"),
          readers.reads("catalog"), readers.failed("catalog"), readmittedMs, startMs);
      System.out.println("[FleetRoutingIT] breaker transitions: " + breakers.transitions);
      System.out.println("[FleetRoutingIT] orders during the outage: " + ordersDuringOutage);
      System.out.println("[FleetRoutingIT] catalog during the outage: " + catalogDuringOutage);
      if (!readers.failures.isEmpty()) {
        System.out.println("[FleetRoutingIT] first failed read: " + readers.failures.peek());
      }

      assertThat(readers.failures).as("failed reads").isEmpty();
      // open, or half-open while a probe tries the dead server (the wait is 1 s): never closed
      assertThat(replicaDuringOutage).isIn(BreakerState.OPEN, BreakerState.HALF_OPEN);
      assertThat(breakers.transitions).as("orders-r1's breaker opened")
          .contains("orders-r1 OPEN");
      assertThat(primaryReadsDuringOutage).as("reads on the primary during the outage")
          .isPositive();
      assertThat(breakers.transitions).as("breaker transitions of every host but orders-r1")
          .allMatch(t -> t.startsWith("orders-r1 "));
      assertThat(ordersDuringOutage.get(0).state()).isEqualTo(BreakerState.CLOSED);
      assertThat(catalogDuringOutage).extracting(HostResilienceStats::state)
          .containsOnly(BreakerState.CLOSED);
      assertThat(catalog.resilienceStats()).extracting(HostResilienceStats::state)
          .containsOnly(BreakerState.CLOSED);
    } finally {
      readers.stop();
    }
  }

  /** Every breaker transition of the watched hosts, and when each host's breaker first opened. */
  private static final class BreakerLog {
    final List<String> transitions = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> opened = new ConcurrentHashMap<>();

    void watch(Resilience resilience, String... hosts) {
      for (String host : hosts) {
        AtomicLong openedAt = opened.computeIfAbsent(host, h -> new AtomicLong());
        resilience.host(host).onChange(() -> {
          BreakerState now = resilience.state(host);
          transitions.add(host + " " + now);
          if (now == BreakerState.OPEN) {
            openedAt.compareAndSet(0, System.nanoTime());
          }
        });
      }
    }

    long openedAt(String host) {
      return opened.get(host).get();
    }
  }

  /** Reader threads per cluster, counting where each read landed. */
  private static final class Readers {
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder[]> counts = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    /** Counters: reads on a replica, on the primary, failed. */
    void start(String name, Cluster cluster, String onReplica, int n) {
      LongAdder[] c = counts.computeIfAbsent(name,
          k -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
      for (int i = 0; i < n; i++) {
        Thread t = new Thread(() -> {
          while (running.get()) {
            try {
              c[cluster.read(conn -> flag(conn, onReplica)) ? 0 : 1].increment();
            } catch (SQLException | RuntimeException e) {
              c[2].increment();
              failures.add(name + ": " + e);
            }
            try {
              Thread.sleep(READ_PAUSE_MILLIS);
            } catch (InterruptedException e) {
              return;
            }
          }
        }, "fleet-it-reader-" + name + "-" + i);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
    }

    long onReplica(String name) {
      return counts.get(name)[0].sum();
    }

    long onPrimary(String name) {
      return counts.get(name)[1].sum();
    }

    long failed(String name) {
      return counts.get(name)[2].sum();
    }

    long reads(String name) {
      return onReplica(name) + onPrimary(name) + failed(name);
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(20_000);
      }
    }
  }

  private static boolean flag(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static String one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
