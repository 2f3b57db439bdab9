package io.cenote.router;

import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.pool.Ticker;
import io.cenote.router.internal.ClusterCore;
import io.cenote.router.internal.ClusterSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * One primary and any number of replicas, each its own {@link ConnectionPool}: writes go to the
 * primary, reads to a healthy replica chosen by the cluster's {@link ReplicaSelector}.
 *
 * <pre>{@code
 * Cluster orders = Cluster.builder("orders")
 *     .primary(PoolConfig.builder().poolName("orders-primary").jdbcUrl(primaryUrl)...build())
 *     .replica(PoolConfig.builder().poolName("orders-replica-1").jdbcUrl(replicaUrl)...build())
 *     .strategy(Strategy.LEAST_LOADED)
 *     .maxReplicationLag(Duration.ofSeconds(2))
 *     .readYourWritesWindow(Duration.ofSeconds(1))
 *     .build();
 * long n = orders.read(c -> count(c));              // a replica
 * orders.write(c -> insert(c));                     // the primary
 * DataSource ds = orders.dataSource();              // routes on setReadOnly(true)
 * }</pre>
 *
 * <p>Health: each host is checked every {@code healthCheckInterval} on a daemon thread of its
 * own ({@code <name>-health-<pool name>}), on its own connection (not a pool slot), each check
 * bounded by {@code healthCheckTimeout} as a whole, so a dead or silent host delays no other
 * host's checks. A replica that fails a check or a borrow, lags beyond
 * {@code maxReplicationLag}, or reports itself primary is excluded at once and re-admitted when
 * a later check passes; a replica whose pool is merely busy is passed over for that read, not
 * excluded. A primary that reports itself a replica stops receiving writes at once; writes move
 * to another host only after {@code failoverChecks} consecutive checks found the write host
 * unreachable or read-only and that host writable, else they fail with SQLState
 * {@code 25006}. Reads fall back to the primary when no replica is eligible, or fail fast (see
 * {@link NoReplicaPolicy}).
 *
 * <p>Sessions: reads of a session that holds a primary connection inside a transaction, or
 * that wrote within {@code readYourWritesWindow}, go to the primary. Methods without a
 * {@link Session} argument use the calling thread's session.
 *
 * <p>Thread-safe. A routing decision takes no lock and allocates nothing.
 */
public final class Cluster implements AutoCloseable {

  private final ClusterCore core;
  private final Dialect dialect;

  private Cluster(ClusterCore core, Dialect dialect) {
    this.core = core;
    this.dialect = dialect;
  }

  /**
   * Starts building a cluster.
   *
   * @param name the cluster's name: letters, digits, {@code .}, {@code _} and {@code -}
   * @return a builder
   * @throws IllegalArgumentException naming a bad name
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** @return the cluster's name */
  public String name() {
    return core.name();
  }

  /** @return the dialect used for health checks */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Borrows a connection for reading, for the calling thread's session.
   *
   * @return a connection of a replica, or of the primary (see the class comment)
   * @throws SQLTransientConnectionException when no replica is eligible under
   *     {@link NoReplicaPolicy#FAIL_FAST}
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
   * Borrows a connection of the write host, for the calling thread's session. Closing it
   * starts the session's read-your-writes window.
   *
   * @return the connection
   * @throws SQLException with SQLState {@code 25006} when no host accepts writes, or from the
   *     pool
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
   *     pool
   */
  public Connection writeConnection(Session session) throws SQLException {
    return core.writeConnection(core.session(Objects.requireNonNull(session, "session")));
  }

  /**
   * Runs read work on a replica (or the primary), for the calling thread's session. When the
   * replica fails underneath it with a connection failure, the replica is excluded and the work
   * runs again elsewhere, so it must be safe to repeat (as reads are).
   *
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException from the work, or when no host could lend a connection
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
   * @throws SQLException from the work, or when no host could lend a connection
   */
  public <T> T read(Session session, ConnectionWork<T> work) throws SQLException {
    return core.read(core.session(Objects.requireNonNull(session, "session")),
        Objects.requireNonNull(work, "work"));
  }

  /**
   * Runs write work on the write host, for the calling thread's session. The connection has
   * its pool's auto-commit setting; the work commits if it turned auto-commit off.
   *
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException from the work or the borrow
   */
  public <T> T write(ConnectionWork<T> work) throws SQLException {
    return core.write(core.session(null), Objects.requireNonNull(work, "work"));
  }

  /**
   * Runs write work in a session; see {@link #write(ConnectionWork)}.
   *
   * @param session a session of this cluster
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws SQLException from the work or the borrow
   */
  public <T> T write(Session session, ConnectionWork<T> work) throws SQLException {
    return core.write(core.session(Objects.requireNonNull(session, "session")),
        Objects.requireNonNull(work, "work"));
  }

  /**
   * Returns the cluster as a {@link DataSource} whose connections choose their host at first
   * use: a replica when {@code setReadOnly(true)} was called before, else the write host. The
   * state set before (auto-commit, read-only, isolation, catalog, schema, ...) is replayed onto
   * the chosen connection; once chosen, the host never changes.
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

  /** @return the primary's pool */
  public ConnectionPool primary() {
    return core.primaryPool();
  }

  /** @return every pool of the cluster, primary first */
  public List<ConnectionPool> pools() {
    return core.pools();
  }

  /** @return the replicas currently eligible for reads */
  public ReplicaSet eligibleReplicas() {
    return core.router().eligible();
  }

  /**
   * Installs a {@link HostGuard} that is asked before every borrow and when the eligible
   * replicas are rebuilt, and told every borrow and work outcome; pool-resilience's
   * {@code Resilience.decorate(cluster)} installs its per-host circuit breakers this way. At
   * most one guard per cluster; it cannot be removed.
   *
   * @param guard the guard
   * @throws IllegalStateException when a guard is installed already
   */
  public void installHostGuard(HostGuard guard) {
    core.installGuard(Objects.requireNonNull(guard, "guard"));
  }

  /**
   * Asks the installed {@link HostGuard} about every replica again, excluding those it refuses
   * ({@link ExclusionReason#CIRCUIT_OPEN}) and re-admitting those it admits again. The guard
   * calls this when its opinion of a host changes; without a guard it does nothing.
   */
  public void reconsiderHosts() {
    core.reconsiderHosts();
  }

  /** @return a snapshot per host, primary first */
  public List<HostStats> hostStats() {
    return core.hostStats();
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

  /** Stops the health checks and closes every pool of the cluster. Idempotent. */
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

  /**
   * Builds a {@link Cluster}. Every setter rejects a bad value at once with an
   * {@link IllegalArgumentException} naming the property and the value; {@link #build()}
   * checks the rules that span several properties and starts the pools.
   */
  public static final class Builder {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** Three checks: a failover waits about three intervals, and one missed check is noise. */
    private static final int DEFAULT_FAILOVER_CHECKS = 3;

    private final String name;
    private PoolConfig primary;
    private final List<PoolConfig> replicas = new ArrayList<>();
    private Dialect dialect;
    private ReplicaSelector selector;
    private Strategy strategy = Strategy.ROUND_ROBIN;
    private Duration maxReplicationLag = Duration.ofSeconds(10);
    private long maxReplicationLagBytes;
    private Duration readYourWritesWindow = Duration.ZERO;
    private NoReplicaPolicy noReplicaPolicy = NoReplicaPolicy.FALLBACK_TO_PRIMARY;
    private Duration healthCheckInterval = Duration.ofSeconds(1);
    private Duration healthCheckTimeout = Duration.ofSeconds(1);
    private int failoverChecks = DEFAULT_FAILOVER_CHECKS;
    private final List<RouterListener> listeners = new ArrayList<>();
    private Ticker ticker = Ticker.system();

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "name must be letters, digits, '.', '_' or '-', but was '" + name + "'");
      }
      this.name = name;
    }

    /**
     * Sets the primary's pool configuration (required).
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder primary(PoolConfig config) {
      this.primary = Objects.requireNonNull(config, "primary");
      return this;
    }

    /**
     * Adds a replica's pool configuration. A cluster may have none: then every read goes to
     * the primary (or fails, under {@link NoReplicaPolicy#FAIL_FAST}).
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder replica(PoolConfig config) {
      replicas.add(Objects.requireNonNull(config, "replica"));
      return this;
    }

    /**
     * Chooses a built-in replica selection strategy; default {@link Strategy#ROUND_ROBIN}.
     *
     * @param strategy the strategy
     * @return this builder
     */
    public Builder strategy(Strategy strategy) {
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      this.selector = null;
      return this;
    }

    /**
     * Uses a custom replica selector instead of a {@link Strategy}.
     *
     * @param selector the selector; thread-safe
     * @return this builder
     */
    public Builder selector(ReplicaSelector selector) {
      this.selector = Objects.requireNonNull(selector, "selector");
      return this;
    }

    /**
     * Sets the longest replication lag at which a replica still serves reads; default 10 s.
     *
     * @param lag more than zero
     * @return this builder
     */
    public Builder maxReplicationLag(Duration lag) {
      Objects.requireNonNull(lag, "maxReplicationLag");
      if (lag.isNegative() || lag.isZero()) {
        throw new IllegalArgumentException("maxReplicationLag must be > 0, but was " + lag);
      }
      this.maxReplicationLag = lag;
      return this;
    }

    /**
     * Sets the largest byte lag (WAL not yet replayed, PostgreSQL only) at which a replica still
     * serves reads; default 0 = no byte limit.
     *
     * @param bytes zero or more
     * @return this builder
     */
    public Builder maxReplicationLagBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException(
            "maxReplicationLagBytes must be >= 0, but was " + bytes);
      }
      this.maxReplicationLagBytes = bytes;
      return this;
    }

    /**
     * Sets how long after a write a session's reads go to the primary; default 0 = off.
     *
     * @param window zero or more
     * @return this builder
     */
    public Builder readYourWritesWindow(Duration window) {
      Objects.requireNonNull(window, "readYourWritesWindow");
      if (window.isNegative()) {
        throw new IllegalArgumentException(
            "readYourWritesWindow must be >= 0, but was " + window);
      }
      this.readYourWritesWindow = window;
      return this;
    }

    /**
     * Sets what reads do when no replica is eligible; default
     * {@link NoReplicaPolicy#FALLBACK_TO_PRIMARY}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder noReplicaPolicy(NoReplicaPolicy policy) {
      this.noReplicaPolicy = Objects.requireNonNull(policy, "noReplicaPolicy");
      return this;
    }

    /**
     * Sets how often each host is checked; default 1 s. Checks of a host start at this fixed
     * rate whatever the other hosts do, so an excluded replica is re-admitted within about one
     * interval of serving again.
     *
     * @param interval more than zero
     * @return this builder
     */
    public Builder healthCheckInterval(Duration interval) {
      Objects.requireNonNull(interval, "healthCheckInterval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("healthCheckInterval must be > 0, but was "
            + interval);
      }
      this.healthCheckInterval = interval;
      return this;
    }

    /**
     * Sets how long one health check of one host may take as a whole (connecting, the role and
     * the lag questions); default 1 s. A host that does not answer in time is excluded as down;
     * a connect still running then is left to finish in the background, a query is aborted.
     *
     * @param timeout more than zero
     * @return this builder
     */
    public Builder healthCheckTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "healthCheckTimeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("healthCheckTimeout must be > 0, but was " + timeout);
      }
      this.healthCheckTimeout = timeout;
      return this;
    }

    /**
     * Sets how many consecutive health checks must agree before writes move to another host:
     * the write host unreachable (or read-only), and the other host writable, in each of them.
     * Default 3. A write host that reports itself read-only stops receiving writes at once
     * whatever this says; this only guards the move to another host, so that a replica without
     * {@code read_only} never becomes a second writer because the primary missed one check.
     *
     * @param checks 1 or more
     * @return this builder
     */
    public Builder failoverChecks(int checks) {
      if (checks < 1) {
        throw new IllegalArgumentException("failoverChecks must be >= 1, but was " + checks);
      }
      this.failoverChecks = checks;
      return this;
    }

    /**
     * Sets the database type instead of detecting it from the primary's URL.
     *
     * @param type the type
     * @return this builder
     */
    public Builder databaseType(DatabaseType type) {
      this.dialect = Objects.requireNonNull(type, "databaseType").dialect();
      return this;
    }

    /**
     * Uses a custom dialect (another database, or a test double) instead of detecting one.
     *
     * @param dialect the dialect
     * @return this builder
     */
    public Builder dialect(Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Adds a listener for routing and health events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(RouterListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Replaces the time source of the read-your-writes window (for tests); default
     * {@link Ticker#system()}.
     *
     * @param ticker the time source
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Checks the settings, creates every pool, runs a first health check and starts the
     * background checks.
     *
     * @return the running cluster
     * @throws IllegalArgumentException when the primary is missing, the database type cannot be
     *     detected, hosts are of different types, a pool name repeats, or no driver accepts a
     *     URL
     * @throws io.cenote.pool.PoolInitializationException when a pool cannot reach its database
     *     within its {@code initializationFailTimeout}
     */
    public Cluster build() {
      if (primary == null) {
        throw new IllegalArgumentException("primary must be set for cluster '" + name
            + "', but was not");
      }
      Dialect chosen = dialect != null ? dialect : detect();
      Set<String> names = new HashSet<>();
      checkHost(primary, chosen, names);
      for (PoolConfig replica : replicas) {
        checkHost(replica, chosen, names);
      }
      ReplicaSelector s = selector != null ? selector : strategy.newSelector();
      ClusterSettings settings = new ClusterSettings(name, primary, replicas, chosen, s,
          maxReplicationLag, maxReplicationLagBytes, readYourWritesWindow, noReplicaPolicy,
          healthCheckInterval, healthCheckTimeout, failoverChecks, listeners, ticker);
      return new Cluster(ClusterCore.start(settings), chosen);
    }

    private Dialect detect() {
      if (primary.jdbcUrl() == null) {
        throw new IllegalArgumentException("cannot detect the database type of cluster '" + name
            + "': primary pool '" + primary.poolName() + "' has a dataSource, no jdbcUrl; set"
            + " databaseType(...) or dialect(...)");
      }
      DatabaseType type = DatabaseType.fromJdbcUrl(primary.jdbcUrl());
      for (PoolConfig replica : replicas) {
        if (replica.jdbcUrl() != null && DatabaseType.fromJdbcUrl(replica.jdbcUrl()) != type) {
          throw new IllegalArgumentException("replica pool '" + replica.poolName() + "' ("
              + replica.maskedJdbcUrl() + ") is " + DatabaseType.fromJdbcUrl(replica.jdbcUrl())
              + " but primary pool '" + primary.poolName() + "' of cluster '" + name + "' is "
              + type);
        }
      }
      return type.dialect();
    }

    private void checkHost(PoolConfig config, Dialect chosen, Set<String> names) {
      if (!names.add(config.poolName())) {
        throw new IllegalArgumentException("pool name '" + config.poolName()
            + "' is used twice in cluster '" + name + "'");
      }
      if (config.jdbcUrl() == null && config.dataSource() == null) {
        throw new IllegalArgumentException("pool '" + config.poolName() + "' of cluster '"
            + name + "' has neither jdbcUrl nor dataSource");
      }
      if (config.jdbcUrl() != null) {
        try {
          DriverManager.getDriver(config.jdbcUrl());
        } catch (SQLException e) {
          throw new IllegalArgumentException("no JDBC driver accepts jdbcUrl '"
              + config.maskedJdbcUrl() + "' of pool '" + config.poolName() + "': put "
              + chosen.driverClassName() + " on the class path", e);
        }
      }
    }
  }
}
