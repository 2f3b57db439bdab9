package io.cenote.router.internal;

import io.cenote.pool.CloseReason;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolListener;
import io.cenote.router.ExclusionReason;
import io.cenote.router.HostStats;
import io.cenote.router.Replica;
import io.cenote.router.ReplicationLag;
import io.cenote.router.ServerRole;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One server of a cluster: its pool, its load, its health state and its counters.
 *
 * <p>Load is counted without asking the pool for a full {@code stats()} snapshot, and only
 * when the cluster's selector reads it: a {@link PoolListener} added to the pool's
 * configuration counts connections lent (checkout/checkin), and {@link #borrow} counts
 * borrowers inside {@code getConnection()} (waiting, or being served). Both are shared counters
 * written on every borrow, so round-robin and random routing go without them. Health fields are
 * written by {@link Router} under its lock and read without it; the election's counts of
 * consecutive checks are read and written only under that lock.
 */
public final class Host implements Replica {

  private final ServerRole configuredRole;
  private final ConnectionPool pool;
  private final String name;
  private final String maskedUrl;
  private final int capacity;
  private final AtomicInteger lent;
  private final AtomicInteger borrowing = new AtomicInteger();
  private final boolean countLoad;
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

  private Host(ServerRole configuredRole, ConnectionPool pool, AtomicInteger lent,
      boolean countLoad) {
    this.configuredRole = configuredRole;
    this.pool = pool;
    this.name = pool.poolName();
    PoolConfig config = pool.config();
    this.maskedUrl = config.maskedJdbcUrl();
    this.capacity = config.maxSize() + config.maxOverflow();
    this.lent = lent;
    this.countLoad = countLoad;
  }

  /**
   * Creates the host's pool, with a listener added to its configuration that reports connect
   * failures and, when asked to, counts lent connections.
   *
   * @param role the configured role
   * @param config the pool configuration
   * @param connectFailures told when the pool fails to open a connection
   * @param countLoad true to keep {@link #inFlight()} up to date
   * @return the started host
   */
  public static Host start(ServerRole role, PoolConfig config,
      ConnectFailureHandler connectFailures, boolean countLoad) {
    AtomicInteger lent = new AtomicInteger();
    LoadListener listener = new LoadListener(countLoad ? lent : null, connectFailures);
    Host host = new Host(role, ConnectionPool.create(config.toBuilder().listener(listener).build()),
        lent, countLoad);
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
   * Borrows from this host's pool, counting the borrower as in flight while it waits.
   *
   * @return the pooled connection
   * @throws SQLException as {@link ConnectionPool#getConnection()}
   */
  public Connection borrow() throws SQLException {
    if (!countLoad) {
      return pool.getConnection();
    }
    borrowing.incrementAndGet();
    try {
      return pool.getConnection();
    } finally {
      borrowing.decrementAndGet();
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ConnectionPool pool() {
    return pool;
  }

  @Override
  public int inFlight() {
    return lent.get() + borrowing.get();
  }

  @Override
  public int capacity() {
    return capacity;
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

  /**
   * Reports connect failures and counts lent connections (when given a counter); no allocation
   * per event.
   */
  private static final class LoadListener implements PoolListener {
    /** Null when load is not counted. */
    private final AtomicInteger lent;
    private final ConnectFailureHandler connectFailures;
    volatile Host host;

    LoadListener(AtomicInteger lent, ConnectFailureHandler connectFailures) {
      this.lent = lent;
      this.connectFailures = connectFailures;
    }

    @Override
    public void onCheckout(String poolName, long connectionId, long waitNanos) {
      if (lent != null) {
        lent.incrementAndGet();
      }
    }

    @Override
    public void onCheckin(String poolName, long connectionId, long holdNanos) {
      release();
    }

    @Override
    public void onClose(String poolName, long connectionId, CloseReason reason) {
      if (reason == CloseReason.LEAK) {
        release(); // a reclaimed leak is never checked in
      }
    }

    @Override
    public void onConnectFailure(String poolName, Throwable cause) {
      Host h = host;
      if (h != null) {
        connectFailures.connectFailed(h, cause);
      }
    }

    private void release() {
      if (lent != null) {
        lent.updateAndGet(n -> n > 0 ? n - 1 : 0);
      }
    }
  }
}
