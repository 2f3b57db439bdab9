package io.cenote.router.internal;

import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.router.ConnectionWork;
import io.cenote.router.ExclusionReason;
import io.cenote.router.HostGuard;
import io.cenote.router.HostStats;
import io.cenote.router.ServerRole;
import io.cenote.router.Session;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The working parts of one cluster behind the public {@code Cluster}: its hosts, router,
 * health checker and the borrow paths.
 *
 * <p>A read borrows from the host the router chooses; when that borrow fails with a connection
 * failure on a replica (including an acquire timeout because connects fail or hang), the replica
 * is excluded at once and the borrow is retried on the next choice, which is another replica or
 * the primary. So a caller meets a dead replica at most once, and the read itself does not
 * fail. An acquire timeout because the replica's pool was busy (every connection lent) moves the
 * read on the same way but leaves the replica eligible: busy is not down, and excluding it would
 * soft-evict its healthy pool on re-admission. {@link #read} also retries work that failed with
 * a connection failure on a replica: a read can safely run twice.
 *
 * <p>With a {@link HostGuard} installed, every borrow asks it first and reports the outcome,
 * and work failures are reported too; a replica the guard refuses is excluded and the read
 * moves on, a refused write host fails the call with the guard's exception.
 */
public final class ClusterCore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClusterCore.class);

  private final String name;
  private final Host primary;
  private final Host[] replicas;
  private final Router router;
  private final Events events;
  private final HealthChecker health;
  private final SessionDefaults defaults;
  private final DataSource dataSource;
  private volatile boolean closed;

  private ClusterCore(ClusterSettings settings, Host primary, Host[] replicas, Events events) {
    this.name = settings.name();
    this.primary = primary;
    this.replicas = replicas;
    this.events = events;
    this.router = new Router(settings, primary, replicas, events);
    this.health = new HealthChecker(settings, router, primary, replicas, events);
    this.defaults = SessionDefaults.of(primary.pool().config());
    this.dataSource = new RoutingDataSource(this);
  }

  /**
   * Creates the pools, runs a first health check on the calling thread and starts the
   * background checks.
   *
   * @param settings the validated settings
   * @return the running cluster
   */
  public static ClusterCore start(ClusterSettings settings) {
    ConnectFailureRelay relay = new ConnectFailureRelay();
    List<Host> started = new ArrayList<>();
    ClusterCore core = null;
    try {
      boolean countLoad = settings.selector().readsLoad();
      Host primary = Host.start(ServerRole.PRIMARY, settings.primary(), relay, countLoad);
      started.add(primary);
      Host[] replicas = new Host[settings.replicas().size()];
      for (int i = 0; i < replicas.length; i++) {
        replicas[i] = Host.start(ServerRole.REPLICA, settings.replicas().get(i), relay,
            countLoad);
        started.add(replicas[i]);
      }
      Events events = new Events(settings.name(), settings.listeners());
      core = new ClusterCore(settings, primary, replicas, events);
      relay.router = core.router;
      core.health.checkNow();
      core.health.start(settings.healthCheckInterval());
      log.info("[{}] cluster started: primary {}, {} replica(s), {}", settings.name(),
          primary.describe(), replicas.length, settings.selector());
      return core;
    } catch (RuntimeException e) {
      if (core != null) {
        core.close(); // its health checks too
      } else {
        for (Host h : started) {
          h.pool().close();
        }
      }
      throw e;
    }
  }

  /** Excludes a replica as soon as its pool fails to open a connection. */
  private static final class ConnectFailureRelay implements Host.ConnectFailureHandler {
    volatile Router router;

    @Override
    public void connectFailed(Host host, Throwable cause) {
      Router r = router;
      if (r != null && host.configuredRole() == ServerRole.REPLICA) {
        r.exclude(host, ExclusionReason.DOWN,
            "its pool could not open a connection: " + Failures.describe(cause));
      }
    }
  }

  /** @return the cluster's name */
  public String name() {
    return name;
  }

  /** @return the router, for tests and the public facade */
  public Router router() {
    return router;
  }

  /** @return the primary's pool */
  public ConnectionPool primaryPool() {
    return primary.pool();
  }

  /** @return every pool, primary first */
  public List<ConnectionPool> pools() {
    List<ConnectionPool> pools = new ArrayList<>(replicas.length + 1);
    pools.add(primary.pool());
    for (Host r : replicas) {
      pools.add(r.pool());
    }
    return pools;
  }

  /** @return a snapshot per host, primary first */
  public List<HostStats> hostStats() {
    List<HostStats> stats = new ArrayList<>(replicas.length + 1);
    stats.add(primary.stats());
    for (Host r : replicas) {
      stats.add(r.stats());
    }
    return stats;
  }

  /** @return a new session */
  public Session newSession() {
    return router.newSession();
  }

  /**
   * Resolves the session argument of the public API.
   *
   * @param session a session of this cluster, or null for the calling thread's
   * @return its state
   */
  public SessionState session(Session session) {
    return session == null ? router.threadSession() : router.own(session);
  }

  /**
   * Borrows a connection for reading.
   *
   * @param session the session
   * @return the pooled connection of the chosen host
   * @throws SQLException when no host could lend one
   */
  public Connection readConnection(SessionState session) throws SQLException {
    return acquireRead(session).connection();
  }

  /**
   * Borrows a connection for writing, bound to the write host.
   *
   * @param session the session
   * @return a connection whose close records the write for read-your-writes
   * @throws SQLException with SQLState 25006 when no host accepts writes, or from the pool
   */
  public Connection writeConnection(SessionState session) throws SQLException {
    return RoutedConnection.bound(this, session, acquireWrite(session));
  }

  /**
   * Runs read work, retrying it elsewhere when a replica fails underneath it.
   *
   * @param session the session
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException from the work, or when no host could lend a connection
   */
  public <T> T read(SessionState session, ConnectionWork<T> work) throws SQLException {
    for (int attempt = 0; ; attempt++) {
      Leased lease = acquireRead(session);
      try (Connection c = lease.connection()) {
        return work.run(c);
      } catch (SQLException e) {
        workFailed(lease.host(), e);
        if (attempt < replicas.length && retryable(lease.host())
            && Failures.isConnectionFailure(e)) {
          router.exclude(lease.host(), ExclusionReason.DOWN,
              "failed during a read: " + Failures.describe(e));
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * Runs write work on the write host.
   *
   * @param session the session
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException from the work or the borrow
   */
  public <T> T write(SessionState session, ConnectionWork<T> work) throws SQLException {
    Leased lease = acquireWrite(session);
    try (Connection c = RoutedConnection.bound(this, session, lease)) {
      return work.run(c);
    } catch (SQLException e) {
      workFailed(lease.host(), e);
      throw e;
    }
  }

  private void workFailed(Host host, SQLException e) {
    HostGuard g = router.guard();
    if (g != null) {
      try {
        g.workFailed(host.name(), e);
      } catch (RuntimeException failure) {
        log.warn("[{}] host guard {} failed; the work's error stands", name, g, failure);
      }
    }
  }

  /**
   * Installs a host guard; see {@link HostGuard}.
   *
   * @param guard the guard
   */
  public void installGuard(HostGuard guard) {
    router.installGuard(guard);
  }

  /** Asks the guard about every replica again. */
  public void reconsiderHosts() {
    router.reconsider();
  }

  /** @return the lazily routing {@code DataSource} view */
  public DataSource dataSource() {
    return dataSource;
  }

  /** @return a new lazy connection for the calling thread's session */
  Connection lazyConnection() throws SQLException {
    ensureOpen();
    return new RoutedConnection(this, router.threadSession(), defaults);
  }

  Leased acquireRead(SessionState session) throws SQLException {
    ensureOpen();
    HostGuard g = router.guard();
    Host busy = null;
    SQLException busyError = null;
    for (int attempt = 0; ; attempt++) {
      Host host = busy == null ? router.chooseRead(session) : router.chooseReadAvoiding(busy);
      if (host == null) {
        throw busyError; // the busy replica was the only one, and the policy is FAIL_FAST
      }
      boolean moveOn = attempt < replicas.length && retryable(host);
      if (g != null) {
        try {
          g.beforeBorrow(host.name());
        } catch (SQLException refused) {
          if (!moveOn) {
            throw refused;
          }
          router.refused(host, refused);
          continue;
        }
      }
      try {
        Connection c = g == null ? host.borrow() : guardedBorrow(host, g);
        host.reads.increment();
        if (events.enabled()) {
          events.selected(host, false);
        }
        return new Leased(host, c, false);
      } catch (SQLException e) {
        if (moveOn && Failures.isBusy(e)) {
          busy = host;
          busyError = e;
          continue;
        }
        if (!moveOn || !Failures.isConnectionFailure(e)) {
          throw e;
        }
        router.exclude(host, ExclusionReason.BORROW_FAILED, Failures.describe(e));
      }
    }
  }

  Leased acquireWrite(SessionState session) throws SQLException {
    ensureOpen();
    Host host = router.writer();
    HostGuard g = router.guard();
    Connection c;
    if (g == null) {
      c = host.borrow();
    } else {
      g.beforeBorrow(host.name());
      c = guardedBorrow(host, g);
    }
    host.writes.increment();
    if (events.enabled()) {
      events.selected(host, true);
    }
    return new Leased(host, c, true);
  }

  /** Borrows after the guard allowed it, and reports the outcome to the guard. */
  private Connection guardedBorrow(Host host, HostGuard g) throws SQLException {
    long t0 = System.nanoTime();
    Connection c;
    try {
      c = host.borrow();
    } catch (SQLException e) {
      report(g, host, System.nanoTime() - t0, e);
      throw e;
    }
    report(g, host, System.nanoTime() - t0, null);
    return c;
  }

  private void report(HostGuard g, Host host, long nanos, SQLException error) {
    try {
      g.afterBorrow(host.name(), nanos, error);
    } catch (RuntimeException failure) {
      log.warn("[{}] host guard {} failed; the borrow's outcome stands", name, g, failure);
    }
  }

  /** A read that failed on a replica may move on; one that failed on the write host may not. */
  private static boolean retryable(Host host) {
    return host.configuredRole() == ServerRole.REPLICA
        && host.reportedRole != ServerRole.PRIMARY;
  }

  private void ensureOpen() throws SQLException {
    if (closed) {
      throw new SQLNonTransientConnectionException("cluster '" + name + "' is closed", "08003");
    }
  }

  /** Checks every host now and waits for these checks (see {@code Cluster.checkNow()}). */
  public void checkNow() {
    health.checkNow();
  }

  /** @return true once {@link #close()} has begun */
  public boolean isClosed() {
    return closed;
  }

  /** Stops health checks and closes every pool. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    health.close();
    for (ConnectionPool pool : pools()) {
      pool.close();
    }
    log.info("[{}] cluster closed", name);
  }

  /** @return the configuration of the primary's pool, for the public facade */
  public PoolConfig primaryConfig() {
    return primary.pool().config();
  }
}
