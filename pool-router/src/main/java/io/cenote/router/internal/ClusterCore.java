package io.cenote.router.internal;

import io.cenote.pool.ConnectionWork;
import io.cenote.pool.LeasedConnection;
import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolControl;
import io.cenote.resilience.AttemptContext;
import io.cenote.resilience.HostResilienceStats;
import io.cenote.resilience.Resilience;
import io.cenote.router.ClusterConfig;
import io.cenote.router.ExclusionReason;
import io.cenote.router.HostStats;
import io.cenote.router.ServerRole;
import io.cenote.router.Session;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The working parts of one started cluster behind the public {@code Cluster}: its hosts,
 * router, health checker, resilience section and the one path every call takes.
 *
 * <p>Every way in (read and write work, read and write borrows, the lazy {@code DataSource}
 * binding) is a call run by the {@link CallPolicy}; each attempt of a call chooses a host
 * (avoiding hosts that failed this call), asks the host's breaker, borrows once and runs the
 * work once, recording the host in the call's {@link AttemptContext}. So there is one retry
 * layer and a failure is always charged to its own host.
 *
 * <p>Health reactions happen inside the attempt, whatever the policy: a replica whose borrow
 * fails with a connection failure (including an acquire timeout because connects fail or hang)
 * is excluded at once, as is one whose read work fails with a connection failure; a replica
 * whose pool was only busy stays eligible (busy is not down, and excluding it would soft-evict
 * its healthy pool on re-admission) and is merely avoided by the call's next attempt. A replica
 * whose breaker refuses is excluded as {@code CIRCUIT_OPEN} and the attempt chooses again
 * without calling its pool.
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
  private final Resilience resilience;
  private final BreakerGuard guard;
  private final CallPolicy calls;
  private volatile boolean closed;

  private ClusterCore(ClusterSettings settings, Host primary, Host[] replicas, Events events,
      Resilience resilience) {
    this.name = settings.name();
    this.primary = primary;
    this.replicas = replicas;
    this.events = events;
    this.resilience = resilience;
    this.guard = resilience == null ? null : new BreakerGuard(resilience, hosts());
    this.router = new Router(settings, primary, replicas, events, guard);
    this.health = new HealthChecker(settings, router, primary, replicas, events);
    this.defaults = SessionDefaults.of(primary.connectionPool().config());
    this.dataSource = new RoutingDataSource(this);
    this.calls = resilience == null
        ? new BuiltInCalls(replicas.length, this::servesAsReplica)
        : new ResilientCalls(resilience, name, this::checkNow);
  }

  /**
   * Starts a cluster: checks that a driver accepts every URL, starts the resilience section,
   * creates the pools (their connection backoff is the section's), watches each host's breaker,
   * runs a first health check on the calling thread and starts the background checks. Anything
   * started is closed again if a later step fails.
   *
   * @param config the cluster's description
   * @return the running cluster
   */
  public static ClusterCore start(ClusterConfig config) {
    checkDrivers(config);
    Resilience resilience = config.resilience().map(r -> Resilience.start(config.name(), r))
        .orElse(null);
    ConnectFailureRelay relay = new ConnectFailureRelay();
    List<Host> started = new ArrayList<>();
    ClusterCore core = null;
    try {
      Host primary = Host.start(ServerRole.PRIMARY, guarded(config.primary(), resilience),
          relay);
      started.add(primary);
      Host[] replicas = new Host[config.replicas().size()];
      for (int i = 0; i < replicas.length; i++) {
        replicas[i] = Host.start(ServerRole.REPLICA,
            guarded(config.replicas().get(i), resilience), relay);
        started.add(replicas[i]);
      }
      ClusterSettings settings = ClusterSettings.of(config);
      Events events = new Events(settings.name(), settings.listeners());
      core = new ClusterCore(settings, primary, replicas, events, resilience);
      relay.router = core.router;
      core.watchBreakers();
      core.health.checkNow();
      core.health.start(settings.healthCheckInterval());
      log.info("[{}] cluster started: primary {}, {} replica(s), {}, resilience {}",
          settings.name(), primary.describe(), replicas.length, settings.selector(),
          resilience == null ? "off" : "on");
      return core;
    } catch (RuntimeException | Error e) {
      if (core != null) {
        core.close(); // its health checks, pools and resilience too
      } else {
        for (Host h : started) {
          h.connectionPool().close();
        }
        if (resilience != null) {
          resilience.close();
        }
      }
      throw e;
    }
  }

  private static PoolConfig guarded(PoolConfig pool, Resilience resilience) {
    return resilience == null ? pool : resilience.apply(pool);
  }

  private static void checkDrivers(ClusterConfig config) {
    List<PoolConfig> hosts = new ArrayList<>(config.replicas().size() + 1);
    hosts.add(config.primary());
    hosts.addAll(config.replicas());
    for (PoolConfig host : hosts) {
      if (host.jdbcUrl() == null) {
        continue;
      }
      try {
        DriverManager.getDriver(host.jdbcUrl());
      } catch (SQLException e) {
        throw new IllegalArgumentException("no JDBC driver accepts jdbcUrl '"
            + host.maskedJdbcUrl() + "' of pool '" + host.poolName() + "' of cluster '"
            + config.name() + "': put " + config.dialect().driverClassName()
            + " on the class path", e);
      }
    }
  }

  /** Breaker transitions make the router reconsider its replicas; probes close open breakers. */
  private void watchBreakers() {
    if (resilience == null) {
      return;
    }
    for (Host h : hosts()) {
      guard.circuit(h).onChange(router::reconsider);
      resilience.watch(h.name(), h.connectionPool());
    }
    router.reconsider();
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

  /** @return the primary's pool, for statistics and control */
  public PoolControl primaryPool() {
    return primary.pool();
  }

  /** @return every pool, primary first, for statistics and control */
  public List<PoolControl> pools() {
    List<PoolControl> pools = new ArrayList<>(replicas.length + 1);
    for (Host h : hosts()) {
      pools.add(h.pool());
    }
    return pools;
  }

  private Host[] hosts() {
    Host[] all = new Host[replicas.length + 1];
    all[0] = primary;
    System.arraycopy(replicas, 0, all, 1, replicas.length);
    return all;
  }

  /** @return a snapshot per host, primary first */
  public List<HostStats> hostStats() {
    List<HostStats> stats = new ArrayList<>(replicas.length + 1);
    for (Host h : hosts()) {
      stats.add(h.stats());
    }
    return stats;
  }

  /** @return the resilience section's engine, or null without one */
  public Resilience resilience() {
    return resilience;
  }

  /** @return breaker and retry counters per host, primary first; empty without resilience */
  public List<HostResilienceStats> resilienceStats() {
    List<HostResilienceStats> stats = new ArrayList<>(replicas.length + 1);
    if (guard != null) {
      for (Host h : hosts()) {
        stats.add(guard.circuit(h).stats());
      }
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
   * @throws SQLException the failure that ended the call
   */
  public Connection readConnection(SessionState session) throws SQLException {
    return bindRead(session).connection();
  }

  /**
   * Borrows a connection of the write host; its transaction boundaries drive the session.
   *
   * @param session the session
   * @return the pooled connection
   * @throws SQLException the failure that ended the call
   */
  public Connection writeConnection(SessionState session) throws SQLException {
    return bindWrite(session).connection();
  }

  /**
   * Runs read work.
   *
   * @param session the session
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended the call
   */
  public <T> T read(SessionState session, ConnectionWork<T> work) throws SQLException {
    ensureOpen();
    return calls.read(call -> runWork(borrowRead(session, call), call, work));
  }

  /**
   * Runs write work on the write host.
   *
   * @param session the session
   * @param repeatable true when the work may run more than once
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended the call
   */
  public <T> T write(SessionState session, boolean repeatable, ConnectionWork<T> work)
      throws SQLException {
    ensureOpen();
    return calls.write(repeatable, call -> runWork(borrowWrite(session, call), call, work));
  }

  /** Borrows for reading as one call (a borrow may always repeat). */
  Leased bindRead(SessionState session) throws SQLException {
    ensureOpen();
    return calls.read(call -> borrowRead(session, call));
  }

  /** Borrows from the write host as one call (a borrow may always repeat). */
  Leased bindWrite(SessionState session) throws SQLException {
    ensureOpen();
    return calls.write(true, call -> borrowWrite(session, call));
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

  /**
   * One attempt's borrow for a read: chooses a host the call has not failed on, skipping (and
   * excluding) replicas whose breaker refuses, and borrows once.
   */
  private Leased borrowRead(SessionState session, AttemptContext call) throws SQLException {
    for (int refusals = 0; ; refusals++) {
      Host host = router.chooseRead(session, call);
      if (host == null) {
        // every eligible replica failed this call and the policy is FAIL_FAST: its last failure
        // (a busy replica's acquire timeout, say) is the call's answer
        throw call.lastFailure();
      }
      call.host(host.name());
      boolean replica = servesAsReplica(host);
      if (guard != null) {
        try {
          guard.beforeBorrow(host, replica);
        } catch (SQLException refused) {
          if (!replica || refusals >= replicas.length) {
            throw refused;
          }
          router.refused(host, refused); // excluded now, so the next choice is another host
          continue;
        }
      }
      Connection c;
      try {
        c = borrowFrom(host);
      } catch (SQLException e) {
        if (replica && !Failures.isBusy(e) && Failures.isConnectionFailure(e)) {
          router.exclude(host, ExclusionReason.BORROW_FAILED, Failures.describe(e));
        }
        throw e;
      }
      host.reads.increment();
      if (events.enabled()) {
        events.selected(host, false);
      }
      return new Leased(host, c, false);
    }
  }

  /** One attempt's borrow from the write host; the session listens on the connection. */
  private Leased borrowWrite(SessionState session, AttemptContext call) throws SQLException {
    Host host = router.writer();
    call.host(host.name());
    if (guard != null) {
      guard.beforeBorrow(host, false);
    }
    Connection c = borrowFrom(host);
    try {
      c.unwrap(LeasedConnection.class).setTransactionListener(new WriteSession(session));
    } catch (SQLException | RuntimeException e) {
      closeAfterFailure(c, e);
      throw e;
    }
    host.writes.increment();
    if (events.enabled()) {
      events.selected(host, true);
    }
    return new Leased(host, c, true);
  }

  /** Borrows from a host's pool, reporting the outcome to the breaker when there is one. */
  private Connection borrowFrom(Host host) throws SQLException {
    if (guard == null) {
      return host.borrow();
    }
    long t0 = System.nanoTime();
    Connection c;
    try {
      c = host.borrow();
    } catch (SQLException e) {
      guard.afterBorrow(host, System.nanoTime() - t0, e);
      throw e;
    }
    guard.afterBorrow(host, System.nanoTime() - t0, null);
    return c;
  }

  /** Runs the work once on the lent connection and returns it (or evicts it on failure). */
  private <T> T runWork(Leased lease, AttemptContext call, ConnectionWork<T> work)
      throws SQLException {
    Connection c = lease.connection();
    call.workStarted();
    T result;
    try {
      result = work.run(c);
    } catch (SQLException e) {
      workFailed(lease, call, e);
      throw e;
    } catch (RuntimeException | Error e) {
      closeAfterFailure(c, e);
      throw e;
    }
    c.close();
    return result;
  }

  /**
   * Handles a work failure before the connection goes back: the breaker counts it, an unknown
   * commit outcome is noted in the call, a connection to a read-only server is evicted, and a
   * replica that broke during a read is excluded.
   */
  private void workFailed(Leased lease, AttemptContext call, SQLException e) {
    Host host = lease.host();
    if (guard != null) {
      guard.workFailed(host, e);
    }
    Connection c = lease.connection();
    try {
      LeasedConnection leased = c.unwrap(LeasedConnection.class);
      if (leased.commitOutcomeUnknown()) {
        call.commitOutcomeUnknown();
      }
      if (calls.evicts(e)) {
        leased.invalidate();
      } else {
        c.close();
      }
    } catch (SQLException | RuntimeException closing) {
      e.addSuppressed(closing);
    }
    if (!lease.forWrite() && servesAsReplica(host) && Failures.isConnectionFailure(e)) {
      router.exclude(host, ExclusionReason.DOWN, "failed during a read: " + Failures.describe(e));
    }
  }

  private static void closeAfterFailure(Connection c, Throwable failure) {
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** A replica that still reports itself a replica: a read that failed there may move on. */
  private static boolean servesAsReplica(Host host) {
    return host.configuredRole() == ServerRole.REPLICA
        && host.reportedRole != ServerRole.PRIMARY;
  }

  private boolean servesAsReplica(String hostName) {
    for (Host r : replicas) {
      if (r.name().equals(hostName)) {
        return servesAsReplica(r);
      }
    }
    return false;
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

  /** Stops health checks, closes every pool, then stops the breakers' probes. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    health.close();
    for (Host h : hosts()) {
      h.connectionPool().close();
    }
    if (resilience != null) {
      resilience.close();
    }
    log.info("[{}] cluster closed", name);
  }

  /** @return the configuration of the primary's pool, for the public facade */
  public PoolConfig primaryConfig() {
    return primary.connectionPool().config();
  }
}
