package io.cenote.router.internal;

import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolControl;
import io.cenote.pool.PoolListener;
import io.cenote.router.ExclusionReason;
import io.cenote.router.HostStats;
import io.cenote.router.Replica;
import io.cenote.router.ReplicationLag;
import io.cenote.router.ServerRole;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;

/**
 * One server of a cluster: its pool, its health state and its counters.
 *
 * <p>Load ({@link #inFlight()}) and {@link #capacity()} are the pool's live gauges, read from
 * the engine's own counters: nothing is counted on the borrow path for them, and capacity
 * follows {@code resize()} and adaptive sizing. Health fields are written by {@link Router}
 * under its lock and read without it; the election's counts of consecutive checks are read and
 * written only under that lock.
 */
public final class Host implements Replica {

  private final ServerRole configuredRole;
  private final ConnectionPool pool;
  private final String name;
  private final String maskedUrl;
  final LongAdder reads = new LongAdder();
  final LongAdder writes = new LongAdder();
  final LongAdder fallbacks = new LongAdder();
  final LongAdder exclusions = new LongAdder();

  volatile ExclusionReason exclusion;
  volatile String detail = "not checked yet";
  volatile long excludedAtNanos;
  volatile long version;
  volatile ServerRole reportedRole = ServerRole.UNKNOWN;
  volatile ReplicationLag lastLag;
  /** Consecutive checks, up to the election's threshold, in which it reported itself primary. */
  int writableChecks;
  /** Consecutive checks, up to the threshold, in which it failed or reported itself a replica. */
  int unfitChecks;

  private Host(ServerRole configuredRole, ConnectionPool pool) {
    this.configuredRole = configuredRole;
    this.pool = pool;
    this.name = pool.poolName();
    this.maskedUrl = pool.config().maskedJdbcUrl();
  }

  /**
   * Creates the host's pool, with a listener added to its configuration that reports connect
   * failures.
   *
   * @param role the configured role
   * @param config the pool configuration
   * @param connectFailures told when the pool fails to open a connection
   * @return the started host
   */
  public static Host start(ServerRole role, PoolConfig config,
      ConnectFailureHandler connectFailures) {
    ConnectFailureListener listener = new ConnectFailureListener(connectFailures);
    Host host = new Host(role, ConnectionPool.create(config.toBuilder().listener(listener)
        .build()));
    listener.host = host;
    return host;
  }

  /** Told when a host's pool could not open a connection. */
  @FunctionalInterface
  public interface ConnectFailureHandler {

    /**
     * Handles the failure; runs on the pool's thread and must not block.
     *
     * @param host the host
     * @param cause the driver's error
     */
    void connectFailed(Host host, Throwable cause);
  }

  /**
   * Borrows from this host's pool.
   *
   * @return the pooled connection
   * @throws SQLException as {@link ConnectionPool#getConnection()}
   */
  public Connection borrow() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PoolControl pool() {
    return pool.control(); // never the pool itself: only the cluster borrows from it
  }

  /** @return the pool itself, for the cluster's own borrows and probes */
  ConnectionPool connectionPool() {
    return pool;
  }

  @Override
  public int inFlight() {
    return pool.activeCount() + pool.waitingCount();
  }

  @Override
  public int capacity() {
    return pool.capacity();
  }

  /** @return the configured role */
  public ServerRole configuredRole() {
    return configuredRole;
  }

  /** @return {@code name (url)} for messages */
  public String describe() {
    return "'" + name + "'" + (maskedUrl == null ? "" : " (" + maskedUrl + ")");
  }

  /** @return a snapshot of this host */
  public HostStats stats() {
    return new HostStats(name, maskedUrl, configuredRole, reportedRole, exclusion, detail,
        lastLag, reads.sum(), writes.sum(), fallbacks.sum(), exclusions.sum());
  }

  @Override
  public String toString() {
    ExclusionReason e = exclusion;
    return "Host{" + name + ", " + configuredRole + ", " + (e == null ? "healthy" : e) + "}";
  }

  /** Reports connect failures; no allocation per event. */
  private static final class ConnectFailureListener implements PoolListener {
    private final ConnectFailureHandler connectFailures;
    volatile Host host;

    ConnectFailureListener(ConnectFailureHandler connectFailures) {
      this.connectFailures = connectFailures;
    }

    @Override
    public void onConnectFailure(String poolName, Throwable cause) {
      Host h = host;
      if (h != null) {
        connectFailures.connectFailed(h, cause);
      }
    }
  }
}
