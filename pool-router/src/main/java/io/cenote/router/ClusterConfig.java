package io.cenote.router;

import io.cenote.pool.PoolConfig;
import io.cenote.pool.Ticker;
import io.cenote.resilience.ResilienceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The immutable, validated description of one cluster: one primary and any number of replicas
 * (each a {@link PoolConfig}), how reads choose a replica, the health, lag and read-your-writes
 * rules, and an optional resilience section (per-host circuit breakers and one retry budget).
 * Describing a cluster opens nothing: no connection, no thread, no driver lookup;
 * {@link Cluster#start(ClusterConfig)} does all of that in one call.
 *
 * <pre>{@code
 * ClusterConfig orders = ClusterConfig.builder("orders")
 *     .primary(PoolConfig.builder().poolName("orders-primary").jdbcUrl(primaryUrl).build())
 *     .replica(PoolConfig.builder().poolName("orders-r1").jdbcUrl(replicaUrl).build())
 *     .strategy(Strategy.LEAST_LOADED)
 *     .resilience(ResilienceConfig.defaults())
 *     .build();
 * }</pre>
 *
 * <p>Every setter of the {@link Builder} rejects a bad value at once with an
 * {@link IllegalArgumentException} that names the property and the value; {@link Builder#build()}
 * checks the rules that span properties. A whole fleet of clusters and pools can also be read
 * from one properties file, see {@link FleetConfig}. {@link #toString()} shows no password and
 * masks credentials in URLs.
 */
public final class ClusterConfig {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
  /** Three checks: a failover waits about three intervals, and one missed check is noise. */
  private static final int DEFAULT_FAILOVER_CHECKS = 3;
  private static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(10);
  private static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);
  private static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(1);

  private final String name;
  private final PoolConfig primary;
  private final List<PoolConfig> replicas;
  private final Dialect dialect;
  private final Strategy strategy;
  private final ReplicaSelector selector;
  private final Duration maxReplicationLag;
  private final long maxReplicationLagBytes;
  private final Duration readYourWritesWindow;
  private final NoReplicaPolicy noReplicaPolicy;
  private final Duration healthCheckInterval;
  private final Duration healthCheckTimeout;
  private final int failoverChecks;
  private final List<RouterListener> listeners;
  private final Ticker ticker;
  private final ResilienceConfig resilience;

  private ClusterConfig(Builder b, Dialect dialect) {
    this.name = b.name;
    this.primary = b.primary;
    this.replicas = List.copyOf(b.replicas);
    this.dialect = dialect;
    this.strategy = b.strategy;
    this.selector = b.selector;
    this.maxReplicationLag = b.maxReplicationLag;
    this.maxReplicationLagBytes = b.maxReplicationLagBytes;
    this.readYourWritesWindow = b.readYourWritesWindow;
    this.noReplicaPolicy = b.noReplicaPolicy;
    this.healthCheckInterval = b.healthCheckInterval;
    this.healthCheckTimeout = b.healthCheckTimeout;
    this.failoverChecks = b.failoverChecks;
    this.listeners = List.copyOf(b.listeners);
    this.ticker = b.ticker;
    this.resilience = b.resilience;
  }

  /**
   * Starts describing a cluster.
   *
   * @param name the cluster's name: letters, digits, {@code .}, {@code _} and {@code -}
   * @return a builder with every default
   * @throws IllegalArgumentException naming a bad name
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** @return a builder holding this configuration, to derive a variant */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** @return the cluster's name */
  public String name() {
    return name;
  }

  /** @return the primary's pool configuration */
  public PoolConfig primary() {
    return primary;
  }

  /** @return the replicas' pool configurations, in the order they were added */
  public List<PoolConfig> replicas() {
    return replicas;
  }

  /** @return the dialect: given, from the database type, or detected from the primary's URL */
  public Dialect dialect() {
    return dialect;
  }

  /** @return the built-in strategy, or empty when a custom selector is used */
  public Optional<Strategy> strategy() {
    return Optional.ofNullable(selector == null ? strategy : null);
  }

  /**
   * Returns the selector reads use: the custom one, or a new one of the strategy (each started
   * cluster gets its own, so round-robin state is never shared).
   *
   * @return the selector
   */
  public ReplicaSelector newSelector() {
    return selector != null ? selector : strategy.newSelector();
  }

  /** @return the longest replication lag at which a replica still serves reads */
  public Duration maxReplicationLag() {
    return maxReplicationLag;
  }

  /** @return the largest byte lag at which a replica still serves reads, 0 = no limit */
  public long maxReplicationLagBytes() {
    return maxReplicationLagBytes;
  }

  /** @return how long after a write a session's reads go to the primary, 0 = off */
  public Duration readYourWritesWindow() {
    return readYourWritesWindow;
  }

  /** @return what reads do when no replica is eligible */
  public NoReplicaPolicy noReplicaPolicy() {
    return noReplicaPolicy;
  }

  /** @return how often each host is checked */
  public Duration healthCheckInterval() {
    return healthCheckInterval;
  }

  /** @return how long one check of one host may take as a whole */
  public Duration healthCheckTimeout() {
    return healthCheckTimeout;
  }

  /** @return consecutive checks that must agree before writes move to another host */
  public int failoverChecks() {
    return failoverChecks;
  }

  /** @return the routing and health listeners */
  public List<RouterListener> listeners() {
    return listeners;
  }

  /** @return the time source of the read-your-writes window */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * Returns the resilience section: with one, every way into the started cluster (reads,
   * writes, borrows, its {@code DataSource}, sessions) runs through per-host circuit breakers
   * and one retry budget.
   *
   * @return the section, or empty for a cluster without breakers and retry
   */
  public Optional<ResilienceConfig> resilience() {
    return Optional.ofNullable(resilience);
  }

  /** Shows every setting; pool configurations show no password and mask URL credentials. */
  @Override
  public String toString() {
    return "ClusterConfig{name=" + name + ", primary=" + primary + ", replicas=" + replicas
        + ", dialect=" + dialect + ", selector=" + (selector != null ? selector : strategy)
        + ", maxReplicationLag=" + maxReplicationLag
        + ", maxReplicationLagBytes=" + maxReplicationLagBytes
        + ", readYourWritesWindow=" + readYourWritesWindow
        + ", noReplicaPolicy=" + noReplicaPolicy
        + ", healthCheckInterval=" + healthCheckInterval
        + ", healthCheckTimeout=" + healthCheckTimeout
        + ", failoverChecks=" + failoverChecks
        + ", resilience=" + (resilience == null ? "off" : resilience) + "}";
  }

  /**
   * Builds a {@link ClusterConfig}. Setters reject bad values at once, naming the property;
   * {@link #build()} checks the rules that span properties and does no I/O.
   */
  public static final class Builder {

    private final String name;
    private PoolConfig primary;
    private final List<PoolConfig> replicas = new ArrayList<>();
    private Dialect dialect;
    private Strategy strategy = Strategy.ROUND_ROBIN;
    private ReplicaSelector selector;
    private Duration maxReplicationLag = DEFAULT_MAX_LAG;
    private long maxReplicationLagBytes;
    private Duration readYourWritesWindow = Duration.ZERO;
    private NoReplicaPolicy noReplicaPolicy = NoReplicaPolicy.FALLBACK_TO_PRIMARY;
    private Duration healthCheckInterval = DEFAULT_CHECK_INTERVAL;
    private Duration healthCheckTimeout = DEFAULT_CHECK_TIMEOUT;
    private int failoverChecks = DEFAULT_FAILOVER_CHECKS;
    private final List<RouterListener> listeners = new ArrayList<>();
    private Ticker ticker = Ticker.system();
    private ResilienceConfig resilience;

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "name must be letters, digits, '.', '_' or '-', but was '" + name + "'");
      }
      this.name = name;
    }

    private Builder(ClusterConfig c) {
      this.name = c.name;
      this.primary = c.primary;
      this.replicas.addAll(c.replicas);
      this.dialect = c.dialect;
      this.strategy = c.strategy;
      this.selector = c.selector;
      this.maxReplicationLag = c.maxReplicationLag;
      this.maxReplicationLagBytes = c.maxReplicationLagBytes;
      this.readYourWritesWindow = c.readYourWritesWindow;
      this.noReplicaPolicy = c.noReplicaPolicy;
      this.healthCheckInterval = c.healthCheckInterval;
      this.healthCheckTimeout = c.healthCheckTimeout;
      this.failoverChecks = c.failoverChecks;
      this.listeners.addAll(c.listeners);
      this.ticker = c.ticker;
      this.resilience = c.resilience;
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
     * @param value the strategy
     * @return this builder
     */
    public Builder strategy(Strategy value) {
      this.strategy = Objects.requireNonNull(value, "strategy");
      this.selector = null;
      return this;
    }

    /**
     * Uses a custom replica selector instead of a {@link Strategy}; it is shared by every
     * cluster started from this configuration.
     *
     * @param value the selector; thread-safe
     * @return this builder
     */
    public Builder selector(ReplicaSelector value) {
      this.selector = Objects.requireNonNull(value, "selector");
      return this;
    }

    /**
     * Sets the longest replication lag at which a replica still serves reads; default 10 s.
     *
     * @param lag more than zero
     * @return this builder
     */
    public Builder maxReplicationLag(Duration lag) {
      this.maxReplicationLag = requirePositive("maxReplicationLag", lag);
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
      this.healthCheckInterval = requirePositive("healthCheckInterval", interval);
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
      this.healthCheckTimeout = requirePositive("healthCheckTimeout", timeout);
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
     * @param value the dialect
     * @return this builder
     */
    public Builder dialect(Dialect value) {
      this.dialect = Objects.requireNonNull(value, "dialect");
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
     * @param value the time source
     * @return this builder
     */
    public Builder ticker(Ticker value) {
      this.ticker = Objects.requireNonNull(value, "ticker");
      return this;
    }

    /**
     * Adds the resilience section: the started cluster guards every host with its own circuit
     * breaker and runs every call under one retry budget ({@link ResilienceConfig#maxAttempts()}
     * attempts in all, each on another eligible host where one exists), and every host's pool
     * backs off connection attempts as retries do. Without it (the default) a read that fails on
     * a replica moves to another host, once per host, and writes are not retried.
     *
     * @param value the breaker and retry settings
     * @return this builder
     */
    public Builder resilience(ResilienceConfig value) {
      this.resilience = Objects.requireNonNull(value, "resilience");
      return this;
    }

    /**
     * Removes the resilience section.
     *
     * @return this builder
     */
    public Builder noResilience() {
      this.resilience = null;
      return this;
    }

    /**
     * Checks the rules that span properties and builds the configuration. Opens nothing.
     *
     * @return the configuration
     * @throws IllegalArgumentException when the primary is missing, a host has neither jdbcUrl
     *     nor dataSource, a pool name repeats, the database type cannot be detected, or hosts
     *     are of different types
     */
    public ClusterConfig build() {
      if (primary == null) {
        throw new IllegalArgumentException("primary must be set for cluster '" + name
            + "', but was not");
      }
      Set<String> names = new HashSet<>();
      checkHost(primary, names);
      for (PoolConfig replica : replicas) {
        checkHost(replica, names);
      }
      return new ClusterConfig(this, dialect != null ? dialect : detect());
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

    private void checkHost(PoolConfig config, Set<String> names) {
      if (!names.add(config.poolName())) {
        throw new IllegalArgumentException("pool name '" + config.poolName()
            + "' is used twice in cluster '" + name + "'");
      }
      if (config.jdbcUrl() == null && config.dataSource() == null) {
        throw new IllegalArgumentException("pool '" + config.poolName() + "' of cluster '"
            + name + "' has neither jdbcUrl nor dataSource");
      }
    }

    private static Duration requirePositive(String property, Duration value) {
      Objects.requireNonNull(value, property);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(property + " must be > 0, but was " + value);
      }
      return value;
    }
  }
}
