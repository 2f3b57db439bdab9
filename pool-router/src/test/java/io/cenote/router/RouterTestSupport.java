package io.cenote.router;

import io.cenote.pool.PoolConfig;
import io.cenote.pool.Ticker;
import io.cenote.testkit.fault.FaultConnection;
import io.cenote.testkit.fault.FaultDriver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Shared helpers for the router's unit tests: stub pools, a scripted dialect, a manual ticker. */
final class RouterTestSupport {

  /** Far more reads than any selector needs to reach one host a few times. */
  private static final int HOLD_TRIES = 1_000;

  private RouterTestSupport() {}

  /** A small pool on its own stub server named {@code <name>-<n>}; borrows time out fast. */
  static PoolConfig stub(String name) {
    String url = FaultDriver.uniqueStubUrl();
    return PoolConfig.builder()
        .poolName(name)
        .jdbcUrl(url)
        .minIdle(1)
        .maxSize(4)
        .acquireTimeout(Duration.ofMillis(300))
        .registerMbean(false)
        .build();
  }

  /** The plan key of the stub server behind a connection. */
  static String serverOf(Connection c) throws SQLException {
    return c.unwrap(FaultConnection.class).plan().key();
  }

  /** Runs {@code SELECT 1} on the connection, then tells which stub server it belongs to. */
  static String queryServer(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
    }
    return serverOf(c);
  }

  /**
   * Borrows through the cluster's reads until it holds {@code count} connections of one host's
   * stub server, returning the others at once: how a test makes a replica busy, since a
   * cluster lends nothing around its routing. Needs a selector that reaches the host while it
   * has room (round-robin does).
   *
   * @return the held connections; the caller closes them
   */
  static List<Connection> holdReads(Cluster cluster, PoolConfig host, int count)
      throws SQLException {
    List<Connection> held = new ArrayList<>();
    String server = keyOf(host);
    for (int tries = 0; held.size() < count; tries++) {
      if (tries == HOLD_TRIES) {
        throw new AssertionError("reads did not reach " + host.poolName() + " " + count
            + " times in " + HOLD_TRIES + " tries");
      }
      Connection c = cluster.readConnection();
      if (serverOf(c).equals(server)) {
        held.add(c);
      } else {
        c.close();
      }
    }
    return held;
  }

  /** The plan key of a pool configuration's stub server. */
  static String keyOf(PoolConfig config) {
    return FaultDriver.plan(config.jdbcUrl()).key();
  }

  /** A ticker the test moves by hand. */
  static final class ManualTicker implements Ticker {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    @Override
    public long read() {
      return now.get();
    }

    void advance(Duration d) {
      now.addAndGet(d.toNanos());
    }
  }

  /**
   * A dialect for stub servers: its role and lag questions each run {@code SELECT 1} (so injected
   * faults and latency reach the health check) and then answer what the test set for that
   * server's plan key. It counts the answered role questions per server and records the primary
   * position each replica's lag question was given.
   */
  static final class ScriptedDialect implements Dialect {
    private final Map<String, ServerRole> roles = new ConcurrentHashMap<>();
    private final Map<String, ReplicationLag> lags = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
    private final Map<String, String> positionsSeen = new ConcurrentHashMap<>();
    private volatile String position;

    ScriptedDialect role(PoolConfig server, ServerRole role) {
      roles.put(keyOf(server), role);
      return this;
    }

    ScriptedDialect lag(PoolConfig server, ReplicationLag lag) {
      lags.put(keyOf(server), lag);
      return this;
    }

    /** Sets what {@link #primaryPosition} answers (null by default). */
    ScriptedDialect position(String primaryPosition) {
      this.position = primaryPosition;
      return this;
    }

    /** @return how many role questions the server answered */
    int checks(PoolConfig server) {
      AtomicInteger n = checks.get(keyOf(server));
      return n == null ? 0 : n.get();
    }

    /** @return the primary position the replica's latest lag question was given, or "none" */
    String positionSeenBy(PoolConfig replica) {
      return positionsSeen.getOrDefault(keyOf(replica), "none");
    }

    @Override
    public String driverClassName() {
      return FaultDriver.class.getName();
    }

    @Override
    public String validationQuery() {
      return "SELECT 1";
    }

    @Override
    public ServerRole role(Connection connection) throws SQLException {
      selectOne(connection);
      String key = serverOf(connection);
      checks.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      return roles.getOrDefault(key, ServerRole.UNKNOWN);
    }

    @Override
    public String primaryPosition(Connection primary) {
      return position;
    }

    @Override
    public ReplicationLag lag(Connection replica, String primaryPosition) throws SQLException {
      selectOne(replica);
      String key = serverOf(replica);
      positionsSeen.put(key, String.valueOf(primaryPosition));
      return lags.getOrDefault(key, ReplicationLag.NONE);
    }

    private static void selectOne(Connection connection) throws SQLException {
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
        rs.next();
      }
    }

    @Override
    public Map<String, String> timeoutProperties(Duration timeout) {
      return Map.of();
    }
  }

  /** Records every router event as text, in order. */
  static final class RecordingListener implements RouterListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onExcluded(String cluster, String host, ExclusionReason reason, String detail) {
      events.add("excluded " + host + " " + reason);
    }

    @Override
    public void onReadmitted(String cluster, String host, long excludedNanos) {
      events.add("readmitted " + host);
    }

    @Override
    public void onLagging(String cluster, String host, ReplicationLag lag) {
      events.add("lagging " + host);
    }

    @Override
    public void onFallbackToPrimary(String cluster, String primary) {
      events.add("fallback " + primary);
    }

    @Override
    public void onWriterChanged(String cluster, String from, String to) {
      events.add("writer " + from + " -> " + to);
    }
  }
}
