package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.Sql;
import io.cenote.testkit.net.Direction;
import io.cenote.testkit.net.NetworkFaultProxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;

/**
 * What the router's integration tests do the same way on every engine with a primary and a
 * replica: a table per test, pools and clusters on the two servers, a replica stopped under load
 * and a replica made to lag, with the servers always restored afterwards. Each engine's test
 * class resolves the two servers in its own {@code @BeforeEach} and says how to ask a server
 * whether it is the replica.
 */
abstract class ReplicaPairTests {

  /** The default health-check interval: the re-admission bound is one of these plus slack. */
  static final long HEALTH_CHECK_INTERVAL_MILLIS = 1_000;

  /**
   * Slack on top of one interval for a re-admission: the check that sees the replica serving
   * may start up to an interval later and takes up to its timeout (1 s), and a loaded 2-core
   * machine delays threads; the failure this guards against took seconds more or never ended.
   */
  static final long READMISSION_SLACK_MILLIS = 3_000;
  /** How long the black-hole scenario keeps the replica partitioned. */
  static final long BLACK_HOLE_MILLIS = 6_000;
  /** Readers in the black-hole scenario. */
  static final int BLACK_HOLE_READERS = 16;

  DatabaseTarget primary;
  DatabaseTarget replica;
  String table;
  Cluster cluster;
  private boolean stopped;
  private boolean delayed;

  /** @return a query whose single value tells the two servers apart */
  abstract String roleQuery();

  /** @return what {@link #roleQuery()} answers on the replica */
  abstract String onReplica();

  /** @return what {@link #roleQuery()} answers on the primary */
  abstract String onPrimary();

  /** Adds the driver's connect and socket timeouts, in the driver's own units. */
  abstract PoolConfig.Builder withDriverTimeouts(PoolConfig.Builder builder);

  /**
   * Labels the sessions a pool opens so that {@link #primaryCheckTimes} can find them, where
   * the engine can.
   */
  abstract PoolConfig.Builder labelled(PoolConfig.Builder builder, String label);

  /**
   * Watches the primary's health checks for the given time and returns when each ran (ms,
   * ascending), or an empty list where the server shows no finished query.
   *
   * @param label the label of the primary pool's sessions
   */
  abstract List<Long> primaryCheckTimes(String label, long millis) throws Exception;

  /** Called by the engine's {@code @BeforeEach} once it has resolved the two servers. */
  void useServers(DatabaseTarget p, DatabaseTarget r) throws SQLException {
    primary = p;
    replica = r;
    table = "router_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4);
    Sql.execute(primary, "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v TEXT)");
  }

  @AfterEach
  void restoreServers() throws SQLException {
    if (cluster != null) {
      cluster.close();
    }
    if (replica != null) {
      if (stopped) {
        replica.server().start();
      }
      if (delayed) {
        replica.server().setReplicationDelay(Duration.ZERO);
      }
    }
    if (primary != null) {
      Sql.execute(primary, "DROP TABLE IF EXISTS " + table);
    }
  }

  PoolConfig pool(String name, DatabaseTarget target) {
    return pool(name, target.jdbcUrl(), target);
  }

  /** A pool on {@code url} (the target's, or a wrapped one) with the target's credentials. */
  PoolConfig pool(String name, String url, DatabaseTarget target) {
    return withDriverTimeouts(PoolConfig.builder()
        .poolName(name)
        .jdbcUrl(url)
        .username(target.user())
        .password(target.password())
        .minIdle(2)
        .maxSize(16)
        .acquireTimeout(Duration.ofSeconds(1))
        .registerMbean(false))
        .build();
  }

  ClusterConfig.Builder cluster(String name) {
    return ClusterConfig.builder(name)
        .primary(pool(name + "-primary", primary))
        .replica(pool(name + "-replica", replica));
  }

  /** Stops the replica; {@code @AfterEach} starts it again if the test does not. */
  void stopReplica() {
    stopped = true;
    replica.server().stop();
  }

  /** Starts the replica; returns once it streams from the primary again. */
  void startReplica() {
    replica.server().start();
    stopped = false;
  }

  static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static String read(Cluster on, String sql) throws SQLException {
    return on.read(c -> query(c, sql));
  }

  void log(String message) {
    System.out.println("[" + getClass().getSimpleName() + "] " + message);
  }

  /** What one stop and start of the replica under load measured. */
  record Outage(long stopMs, long excludedMs, long startMs, long readmittedMs, long reads,
      int failedReads, long fallbacks) {

    @Override
    public String toString() {
      return String.format("stop() took %d ms, excluded %d ms after stop() began; start() took"
          + " %d ms, re-admitted %d ms after the replica served again (polled from outside);"
          + " %d reads, %d failed; fallbacks to primary %d", stopMs, excludedMs, startMs,
          readmittedMs, reads, failedReads, fallbacks);
    }
  }

  /**
   * Stops the replica under 16 readers, waits until it is excluded and reads fall back, starts
   * it, waits until it is re-admitted and serves reads again; prints the times. Asserts that no
   * read failed and that the replica was re-admitted within one health-check interval plus
   * {@link #READMISSION_SLACK_MILLIS} of serving again, measured from when a connection from
   * outside the router first found it serving.
   *
   * @param name the cluster's name; its replica pool is {@code <name>-replica}
   * @return the cluster's primary fallbacks meanwhile
   */
  long stopTheReplicaUnderLoad(String name) throws Exception {
    TimingListener timing = new TimingListener();
    cluster = Cluster.start(cluster(name).listener(timing).build());
    ReadLoad load = new ReadLoad(cluster, 16, roleQuery());
    try (ReadinessWatch watch = watchReplica()) {
      Outage outage = stopAndStartTheReplica(load, timing, watch, name + "-replica");
      load.stop();
      log("replica stop under 16 readers: " + outage);
      timing.log.forEach(line -> log("  " + line));
      assertThat(load.failures).as("failed reads").isEmpty();
      assertThat(outage.readmittedMs()).as("ms from serving again to re-admission")
          .isLessThan(HEALTH_CHECK_INTERVAL_MILLIS + READMISSION_SLACK_MILLIS);
      return outage.fallbacks();
    } finally {
      load.stop();
    }
  }

  /** @return a watch on the replica that finds it serving as {@link #servesAsReplica} says */
  ReadinessWatch watchReplica() {
    Properties properties = replica.properties();
    properties.putAll(probeTimeouts());
    return new ReadinessWatch(replica.jdbcUrl(), properties, this::servesAsReplica);
  }

  /** @return whether a fresh connection finds the server answering as a replicating replica */
  abstract boolean servesAsReplica(Connection c) throws SQLException;

  /** @return the driver's connect and socket timeouts for the readiness polls */
  abstract Map<String, String> probeTimeouts();

  /**
   * One outage of the replica under the running load: stop, exclusion, fallback, start,
   * re-admission, reads back on the replica. Resets {@code timing} first.
   *
   * @return the measured times
   */
  Outage stopAndStartTheReplica(ReadLoad load, TimingListener timing, ReadinessWatch watch,
      String host) throws Exception {
    timing.reset();
    int failuresBefore = load.failures.size();
    long fallbacksBefore = cluster.hostStats().get(0).fallbacks();
    TimingListener.await("the replica serves reads", 10_000,
        () -> load.answered(onReplica()) > 500);
    long readsBefore = load.reads.sum();

    long stopBegan = System.nanoTime();
    stopReplica();
    long stopEnded = System.nanoTime();
    TimingListener.await("the replica is excluded", 5_000,
        () -> timing.excludedAt.containsKey(host));
    long primaryReads = load.answered(onPrimary());
    TimingListener.await("reads fall back to the primary", 5_000,
        () -> load.answered(onPrimary()) > primaryReads + 500);

    watch.arm();
    long startBegan = System.nanoTime();
    startReplica();
    long startEnded = System.nanoTime();
    long servesAt = watch.awaitReady(10_000);
    TimingListener.await("the replica is re-admitted", 20_000,
        () -> timing.readmittedAt.containsKey(host));
    long replicaReads = load.answered(onReplica());
    TimingListener.await("reads return to the replica", 5_000,
        () -> load.answered(onReplica()) > replicaReads + 500);

    return new Outage((stopEnded - stopBegan) / 1_000_000,
        (timing.excludedAt.get(host) - stopBegan) / 1_000_000,
        (startEnded - startBegan) / 1_000_000,
        (timing.readmittedAt.get(host) - servesAt) / 1_000_000,
        load.reads.sum() - readsBefore, load.failures.size() - failuresBefore,
        cluster.hostStats().get(0).fallbacks() - fallbacksBefore);
  }

  /**
   * Delays replay on the replica by 3 s while the primary takes a write every 50 ms (a delay
   * holds back commits only, so it needs writes), with {@code maxReplicationLag} 1 s: the replica
   * must be excluded as lagging, reads must go to the primary, and once the delay is cleared the
   * replica must be re-admitted and serve reads again. Prints the times.
   *
   * @param name the cluster's name
   */
  void makeTheReplicaLag(String name) throws Exception {
    cluster = Cluster.start(cluster(name).maxReplicationLag(Duration.ofSeconds(1)).build());
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer = new Thread(() -> {
      long id = 0;
      while (writing.get()) {
        try {
          Sql.update(primary, "INSERT INTO " + table + " VALUES (?, 'x')", ++id);
          Thread.sleep(50);
        } catch (SQLException | InterruptedException e) {
          return;
        }
      }
    }, name + "-writer");
    writer.start();
    try {
      long set = System.nanoTime();
      delayed = true;
      replica.server().setReplicationDelay(Duration.ofSeconds(3));
      TimingListener.await("the replica is excluded as lagging", 20_000,
          () -> cluster.hostStats().get(1).exclusion() == ExclusionReason.LAGGING);
      long excludedMs = (System.nanoTime() - set) / 1_000_000;
      String detail = cluster.hostStats().get(1).detail();
      assertThat(read(cluster, roleQuery())).as("reads go to the primary").isEqualTo(onPrimary());

      long cleared = System.nanoTime();
      replica.server().setReplicationDelay(Duration.ZERO);
      delayed = false;
      TimingListener.await("the replica is re-admitted", 20_000,
          () -> cluster.hostStats().get(1).healthy());
      log(String.format("lag: excluded %d ms after a 3 s replay delay was set (%s); re-admitted"
          + " %d ms after it was cleared", excludedMs, detail,
          (System.nanoTime() - cleared) / 1_000_000));
      assertThat(read(cluster, roleQuery())).isEqualTo(onReplica());
    } finally {
      writing.set(false);
      writer.join(10_000);
    }
  }

  /**
   * Black-holes the replica (behind a {@link NetworkFaultProxy}: the socket stays open, nothing
   * comes back) for {@link #BLACK_HOLE_MILLIS} under {@link #BLACK_HOLE_READERS} readers: reads
   * go on through the primary, none fails, the replica is excluded, no reader is stuck on it more
   * than once in the outage, and the primary's checks keep their interval meanwhile.
   */
  void blackHoleTheReplicaUnderReaders(String name) throws Exception {
    String label = "cenote_bh_" + Long.toHexString(System.nanoTime());
    TimingListener timing = new TimingListener();
    try (NetworkFaultProxy proxy = NetworkFaultProxy.forJdbcUrl(name, replica.jdbcUrl())) {
      PoolConfig primaryPool = labelled(withDriverTimeouts(PoolConfig.builder()
          .poolName(name + "-primary").jdbcUrl(primary.jdbcUrl()).username(primary.user())
          .password(primary.password()).minIdle(2).maxSize(16)
          .acquireTimeout(Duration.ofSeconds(1)).registerMbean(false)), label).build();
      cluster = Cluster.start(ClusterConfig.builder(name).primary(primaryPool)
          .replica(pool(name + "-replica", proxy.rewrite(replica.jdbcUrl()), replica))
          .listener(timing).build());
      StuckReadLoad readers = new StuckReadLoad(cluster, BLACK_HOLE_READERS, "SELECT 1");
      try {
        TimingListener.await("reads reach the replica", 10_000,
            () -> cluster.hostStats().get(1).readsRouted() > 100);
        long holed = System.nanoTime();
        readers.outageFrom(holed);
        proxy.blackHole(Direction.BOTH);
        List<Long> checks = primaryCheckTimes(label, BLACK_HOLE_MILLIS);
        readers.outageUntil(System.nanoTime());
        proxy.heal();

        assertThat(timing.excludedAt).containsKey(name + "-replica");
        long excludedMs = (timing.excludedAt.get(name + "-replica") - holed) / 1_000_000;
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < checks.size(); i++) {
          gaps.add(checks.get(i) - checks.get(i - 1));
        }
        log(String.format("replica black-holed for %d ms under %d readers: excluded after %d ms;"
            + " %d reads, %d failed; most stuck reads per reader %d (a read of %d ms or more);"
            + " primary checks seen %d, gaps %s ms", BLACK_HOLE_MILLIS, BLACK_HOLE_READERS,
            excludedMs, readers.reads.sum(), readers.failures.size(),
            readers.maxStuckPerReader(), StuckReadLoad.STUCK_READ_MILLIS, checks.size(), gaps));

        assertThat(readers.failures).as("failed reads").isEmpty();
        assertThat(readers.maxStuckPerReader()).as("reads stuck on the replica, per reader")
            .isLessThanOrEqualTo(1);
        assertThat(excludedMs).isLessThan(HEALTH_CHECK_INTERVAL_MILLIS + 1_000
            + READMISSION_SLACK_MILLIS);
        assertThat(gaps).as("ms between the primary's checks")
            .allSatisfy(g -> assertThat(g).isLessThan(HEALTH_CHECK_INTERVAL_MILLIS + 1_500));
      } finally {
        readers.stop();
      }
    }
  }
}
