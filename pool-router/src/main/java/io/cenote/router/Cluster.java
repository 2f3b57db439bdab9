package io.cenote.router;

import io.cenote.pool.ConnectionWork;
import io.cenote.pool.PoolControl;
import io.cenote.resilience.HostResilienceStats;
import io.cenote.resilience.Idempotent;
import io.cenote.resilience.Resilience;
import io.cenote.router.internal.ClusterCore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A started cluster: one primary and any number of replicas, each its own pool; writes go to
 * the primary, reads to a healthy replica chosen by the configured selector. Started from a
 * {@link ClusterConfig} by {@link #start(ClusterConfig)}; this object owns everything it started
 * (pools, health checks, breakers and probes) and {@link #close()} closes all of it.
 *
 * <pre>{@code
 * try (Cluster orders = Cluster.start(ClusterConfig.builder("orders")
 *          .primary(primaryConfig).replica(replicaConfig)
 *          .resilience(ResilienceConfig.defaults())
 *          .build())) {
 *   long n = orders.read(c -> count(c));              // a replica; retried elsewhere on failure
 *   orders.write(c -> insert(c));                     // the primary; not repeated once started
 *   orders.write(Idempotent.YES, c -> upsert(c));     // retried after host failures
 *   DataSource ds = orders.dataSource();              // routes on setReadOnly(true)
 * }
 * }</pre>
 *
 * <p><b>Every way in is the same path.</b> {@code read}, {@code write}, {@code readConnection},
 * {@code writeConnection}, the {@link #dataSource()} and the {@link Session} overloads all choose
 * their host through the router and, with a resilience section, through the chosen host's
 * circuit breaker and the one retry budget. No other handle to the cluster's hosts can borrow:
 * {@link #pools()} offers statistics and runtime control only.
 *
 * <p><b>Attempts.</b> A call (a unit of work, or a borrow) makes attempts; each attempt borrows
 * from one host and runs the work once. With a resilience section a call makes at most
 * {@code maxAttempts} attempts in all, each on a host that has not failed this call when one is
 * eligible, with exponential random backoff between them; failures are classified by SQLState
 * (see pool-resilience): host failures and transaction conflicts are retried, constraint and
 * syntax errors are not, plain writes only while their work has not started, and a commit whose
 * outcome is unknown never. Without one, a read that fails on a replica with a connection
 * failure (or finds its pool busy) moves to another host, at most once per host, and writes are
 * not retried. Each failure is charged to the breaker of the host it happened on: the host
 * travels with the call, so clusters used alternately or nested on one thread never mix them
 * up.
 *
 * <p><b>Connections.</b> The connections handed out are the pools' own (write connections
 * report transaction boundaries to their session, so {@code stmt.getConnection().commit()} is
 * seen like {@code connection.commit()}); a {@link #dataSource()} connection wraps one lazily,
 * and its statements' {@code getConnection()} return that wrapper.
 *
 * <p><b>Health.</b> Each host is checked every {@code healthCheckInterval} on a daemon thread of
 * its own ({@code <name>-health-<pool name>}), on its own connection (not a pool slot), each
 * check bounded by {@code healthCheckTimeout} as a whole. A replica that fails a check or a
 * borrow, lags beyond {@code maxReplicationLag}, reports itself primary, or whose breaker is
 * open is excluded at once and re-admitted when it passes again; a replica whose pool is merely
 * busy is passed over for that attempt, not excluded. A primary that reports itself a replica
 * stops receiving writes at once; writes move to another host only after {@code failoverChecks}
 * consecutive checks found the write host unreachable or read-only and that host writable, else
 * they fail with SQLState {@code 25006}. Reads fall back to the primary when no replica is
 * eligible, or fail fast (see {@link NoReplicaPolicy}).
 *
 * <p><b>Sessions.</b> Reads of a session that holds a primary connection inside a transaction,
 * or that wrote within {@code readYourWritesWindow}, go to the primary. Methods without a
 * {@link Session} argument use the calling thread's session.
 *
 * <p>Thread-safe. A routing decision takes no lock and allocates nothing.
 */
public final class Cluster implements AutoCloseable {

  private final ClusterCore core;
  private final ClusterConfig config;

  private Cluster(ClusterCore core, ClusterConfig config) {
    this.core = core;
    this.config = config;
  }

  /**
   * Starts a cluster: checks that a JDBC driver accepts every URL, starts the resilience
   * section (if any), creates every pool, runs a first health check and starts the background
   * checks. If any part fails, everything started so far is closed again before the exception
   * propagates: no pool, thread or server session is left behind. (One exception, the driver's:
   * a connect that hangs inside the driver, such as pgjdbc's against a black-holed host without
   * a {@code socketTimeout}, is abandoned at the pool's {@code connectTimeout} but keeps its
   * thread until the driver gives up; see docs/core.md.)
   *
   * @param config the cluster's description
   * @return the running cluster, which the caller owns
   * @throws IllegalArgumentException when no JDBC driver accepts a host's URL
   * @throws io.cenote.pool.PoolInitializationException when a pool cannot reach its database
   *     within its {@code initializationFailTimeout}
   */
  public static Cluster start(ClusterConfig config) {
    Objects.requireNonNull(config, "config");
    return new Cluster(ClusterCore.start(config), config);
  }

  /** @return the cluster's name */
  public String name() {
    return core.name();
  }

  /** @return the configuration it was started from */
  public ClusterConfig config() {
    return config;
  }

  /** @return the dialect used for health checks */
  public Dialect dialect() {
    return config.dialect();
  }

  /**
   * Borrows a connection for reading, for the calling thread's session.
   *
   * @return a connection of a replica, or of the primary (see the class comment)
   * @throws SQLTransientConnectionException when no replica is eligible under
   *     {@link NoReplicaPolicy#FAIL_FAST}, or a breaker refuses
   * @throws SQLException when no host could lend a connection
   */
  public Connection readConnection() throws SQLException {
    return core.readConnection(core.session(null));
  }

  /**
   * Borrows a connection for reading in a session.
   *
   * @param session a session of this cluster
   * @return a connection of a replica, or of the primary
   * @throws SQLException when no host could lend a connection
   */
  public Connection readConnection(Session session) throws SQLException {
    return core.readConnection(core.session(Objects.requireNonNull(session, "session")));
  }

  /**
   * Borrows a connection of the write host, for the calling thread's session. Its transaction
   * boundaries and its close drive the session's read-your-writes window.
   *
   * @return the connection
   * @throws SQLException with SQLState {@code 25006} when no host accepts writes, or from the
   *     pool or the primary's breaker
   */
  public Connection writeConnection() throws SQLException {
    return core.writeConnection(core.session(null));
  }

  /**
   * Borrows a connection of the write host in a session.
   *
   * @param session a session of this cluster
   * @return the connection
   * @throws SQLException with SQLState {@code 25006} when no host accepts writes, or from the
   *     pool or the primary's breaker
   */
  public Connection writeConnection(Session session) throws SQLException {
    return core.writeConnection(core.session(Objects.requireNonNull(session, "session")));
  }

  /**
   * Runs read work on a replica (or the primary), for the calling thread's session. It may run
   * more than once, on another host each time (see the class comment), so it must be safe to
   * repeat, as reads are.
   *
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended the call, with its original SQLState
   */
  public <T> T read(ConnectionWork<T> work) throws SQLException {
    return core.read(core.session(null), Objects.requireNonNull(work, "work"));
  }

  /**
   * Runs read work in a session; see {@link #read(ConnectionWork)}.
   *
   * @param session a session of this cluster
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended the call
   */
  public <T> T read(Session session, ConnectionWork<T> work) throws SQLException {
    return core.read(core.session(Objects.requireNonNull(session, "session")),
        Objects.requireNonNull(work, "work"));
  }

  /**
   * Runs write work that must not run twice on the write host, for the calling thread's
   * session: with a resilience section it is retried only when its borrow failed, before the
   * work started. The connection has its pool's auto-commit setting; the work commits if it
   * turned auto-commit off.
   *
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended the call
   */
  public <T> T write(ConnectionWork<T> work) throws SQLException {
    return core.write(core.session(null), false, Objects.requireNonNull(work, "work"));
  }

  /**
   * Runs write work, retried after host failures and transaction conflicts when it is
   * idempotent and the cluster has a resilience section (never after a commit whose outcome is
   * unknown).
   *
   * @param idempotent whether the work may run more than once
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended the call
   */
  public <T> T write(Idempotent idempotent, ConnectionWork<T> work) throws SQLException {
    return core.write(core.session(null), repeatable(idempotent),
        Objects.requireNonNull(work, "work"));
  }

  /**
   * Runs write work that must not run twice in a session; see {@link #write(ConnectionWork)}.
   *
   * @param session a session of this cluster
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended the call
   */
  public <T> T write(Session session, ConnectionWork<T> work) throws SQLException {
    return core.write(core.session(Objects.requireNonNull(session, "session")), false,
        Objects.requireNonNull(work, "work"));
  }

  /**
   * Runs write work in a session; see {@link #write(Idempotent, ConnectionWork)}.
   *
   * @param session a session of this cluster
   * @param idempotent whether the work may run more than once
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended the call
   */
  public <T> T write(Session session, Idempotent idempotent, ConnectionWork<T> work)
      throws SQLException {
    return core.write(core.session(Objects.requireNonNull(session, "session")),
        repeatable(idempotent), Objects.requireNonNull(work, "work"));
  }

  private static boolean repeatable(Idempotent idempotent) {
    return Objects.requireNonNull(idempotent, "idempotent") == Idempotent.YES;
  }

  /**
   * Returns the cluster as a {@link DataSource} whose connections choose their host at first
   * use: a replica when {@code setReadOnly(true)} was called before, else the write host. That
   * borrow goes through the breakers and retry like every other. The state set before
   * (auto-commit, read-only, isolation, catalog, schema, ...) is replayed onto the chosen
   * connection; once chosen, the host never changes.
   *
   * @return the routing data source (always the same instance)
   */
  public DataSource dataSource() {
    return core.dataSource();
  }

  /**
   * Creates a session for read-your-writes across threads.
   *
   * @return a new session of this cluster
   */
  public Session newSession() {
    return core.newSession();
  }

  /** @return the primary's pool, for statistics and runtime control */
  public PoolControl primary() {
    return core.primaryPool();
  }

  /** @return every pool of the cluster, primary first, for statistics and runtime control */
  public List<PoolControl> pools() {
    return core.pools();
  }

  /** @return the replicas currently eligible for reads */
  public ReplicaSet eligibleReplicas() {
    return core.router().eligible();
  }

  /** @return a snapshot per host, primary first */
  public List<HostStats> hostStats() {
    return core.hostStats();
  }

  /**
   * Returns the breakers and retry this cluster owns, for statistics, metrics binders and
   * {@link Resilience#probeNow()}; closing the cluster closes them.
   *
   * @return its resilience, or empty without a resilience section
   */
  public Optional<Resilience> resilience() {
    return Optional.ofNullable(core.resilience());
  }

  /** @return breaker and retry counters per host, primary first; empty without resilience */
  public List<HostResilienceStats> resilienceStats() {
    return core.resilienceStats();
  }

  /**
   * Checks every host now, each on its own health-check thread, and returns when all of these
   * checks are done (each is bounded by {@code healthCheckTimeout}; one that overlaps a
   * scheduled check of the same host waits for it first). Checks also run every
   * {@code healthCheckInterval}; this is for tests and for callers that suspect a failover.
   */
  public void checkNow() {
    core.checkNow();
  }

  /** @return true once {@link #close()} has begun */
  public boolean isClosed() {
    return core.isClosed();
  }

  /** Stops the health checks and probes and closes every pool of the cluster. Idempotent. */
  @Override
  public void close() {
    core.close();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Cluster{").append(name());
    for (HostStats h : hostStats()) {
      sb.append(", ").append(h.name()).append('=')
          .append(h.exclusion() == null ? "healthy" : h.exclusion());
    }
    return sb.append('}').toString();
  }
}
