package io.cenote.router;

import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolControl;
import io.cenote.pool.PoolStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Named pools and clusters of any database type in one place: start, look up by name,
 * statistics for all, close all.
 *
 * <pre>{@code
 * try (PoolManager fleet = new PoolManager()) {
 *   fleet.register(ordersConfig);
 *   fleet.register(cacheConfig);
 *   fleet.cluster("orders").read(c -> ...);
 *   fleet.pool("cache").getConnection();
 *   fleet.stats().forEach((name, s) -> System.out.println(name + ": " + s.gauges()));
 * }
 * }</pre>
 *
 * <p>Or one by one: {@link #register(ClusterConfig)}, {@link #register(PoolConfig)}.
 *
 * <p>Names are one namespace: a cluster's name, the pool names of its hosts, and the names of
 * plain pools must all differ. {@link #pool(String)} lends from plain pools only; a cluster's
 * hosts are reached through their cluster (so its routing and breakers are never bypassed), and
 * every pool, hosts included, can be observed and controlled through {@link #control(String)}.
 * Registering a taken name throws {@link DuplicatePoolException} before anything is opened;
 * looking up an unknown name throws {@link UnknownPoolException}; both name the name. The
 * manager owns what is registered: {@link #close()} closes it, in reverse registration order.
 * Thread-safe; look-ups take no lock.
 */
public final class PoolManager implements AutoCloseable {

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, ConnectionPool> pools = new ConcurrentHashMap<>();
  private final Map<String, PoolControl> controls = new ConcurrentHashMap<>();
  private final Map<String, Cluster> clusters = new ConcurrentHashMap<>();
  private final List<AutoCloseable> owned = new ArrayList<>();
  private volatile boolean closed;

  /** Creates an empty manager. */
  public PoolManager() {}

  /**
   * Starts a whole fleet: every cluster, then every plain pool, in name order. If one member
   * fails to start, the members started before it are closed again (no pool, thread or server
   * session is left) and the failure propagates.
   *
   * @param fleet the fleet's configuration
   * @return the manager that owns every member
   * @throws IllegalArgumentException when a name repeats across the fleet, or a driver is missing
   * @throws io.cenote.pool.PoolInitializationException when a member cannot reach its database
   */
  public static PoolManager start(FleetConfig fleet) {
    Objects.requireNonNull(fleet, "fleet");
    PoolManager manager = new PoolManager();
    try {
      for (ClusterConfig cluster : fleet.clusters().values()) {
        manager.register(cluster);
      }
      for (PoolConfig pool : fleet.pools().values()) {
        manager.register(pool);
      }
      return manager;
    } catch (RuntimeException | Error e) {
      try {
        manager.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /**
   * Creates a pool from its configuration and registers it under its {@code poolName}. The
   * name is checked before the pool is created.
   *
   * @param config the configuration
   * @return the started pool
   * @throws DuplicatePoolException when the name is taken
   */
  public ConnectionPool register(PoolConfig config) {
    Objects.requireNonNull(config, "config");
    lock.lock();
    try {
      ensureOpen();
      ensureFree(config.poolName());
    } finally {
      lock.unlock();
    }
    // Opened outside the lock: the first connection may take up to initializationFailTimeout,
    // and other registrations and look-ups should not wait for it.
    ConnectionPool pool = ConnectionPool.create(config);
    try {
      return register(pool);
    } catch (RuntimeException e) {
      pool.close(); // the name was taken (or the manager closed) while the pool opened
      throw e;
    }
  }

  /**
   * Registers a running pool under its name; the manager closes it on {@link #close()}.
   *
   * @param pool the pool
   * @return the pool
   * @throws DuplicatePoolException when the name is taken (the pool is left open)
   */
  public ConnectionPool register(ConnectionPool pool) {
    Objects.requireNonNull(pool, "pool");
    lock.lock();
    try {
      ensureOpen();
      ensureFree(pool.poolName());
      pools.put(pool.poolName(), pool);
      controls.put(pool.poolName(), pool);
      owned.add(pool);
      return pool;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts a cluster and registers it under its name, and its hosts' pools under theirs. The
   * names are checked before anything is opened.
   *
   * @param config the cluster's configuration
   * @return the started cluster
   * @throws DuplicatePoolException when a name is taken
   */
  public Cluster register(ClusterConfig config) {
    Objects.requireNonNull(config, "config");
    lock.lock();
    try {
      ensureOpen();
      ensureFree(config.name());
      ensureFree(config.primary().poolName());
      for (PoolConfig replica : config.replicas()) {
        ensureFree(replica.poolName());
      }
    } finally {
      lock.unlock();
    }
    Cluster cluster = Cluster.start(config); // outside the lock, as for pools
    try {
      return register(cluster);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Registers a running cluster under its name, and its hosts' pools under theirs; the manager
   * closes it on {@link #close()}.
   *
   * @param cluster the cluster
   * @return the cluster
   * @throws DuplicatePoolException when its name or one of its pool names is taken (nothing is
   *     registered and the cluster is left open)
   */
  public Cluster register(Cluster cluster) {
    Objects.requireNonNull(cluster, "cluster");
    lock.lock();
    try {
      ensureOpen();
      ensureFree(cluster.name());
      for (PoolControl pool : cluster.pools()) {
        ensureFree(pool.poolName());
        if (pool.poolName().equals(cluster.name())) {
          throw new DuplicatePoolException(cluster.name());
        }
      }
      clusters.put(cluster.name(), cluster);
      for (PoolControl pool : cluster.pools()) {
        controls.put(pool.poolName(), pool);
      }
      owned.add(cluster);
      return cluster;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Looks up a plain pool, to borrow from.
   *
   * @param name the pool's name
   * @return the pool
   * @throws UnknownPoolException naming the name when no plain pool has it (a cluster's host
   *     is reached through its cluster)
   */
  public ConnectionPool pool(String name) {
    ConnectionPool pool = pools.get(Objects.requireNonNull(name, "name"));
    if (pool == null) {
      throw new UnknownPoolException("pool", name, new TreeSet<>(pools.keySet()));
    }
    return pool;
  }

  /**
   * Looks up any pool, a plain pool or a host of a cluster, for statistics and runtime control.
   *
   * @param name the pool's name
   * @return its statistics and controls
   * @throws UnknownPoolException naming the name when none is registered
   */
  public PoolControl control(String name) {
    PoolControl pool = controls.get(Objects.requireNonNull(name, "name"));
    if (pool == null) {
      throw new UnknownPoolException("pool", name, new TreeSet<>(controls.keySet()));
    }
    return pool;
  }

  /**
   * Looks up a cluster.
   *
   * @param name the cluster's name
   * @return the cluster
   * @throws UnknownPoolException naming the name when none is registered
   */
  public Cluster cluster(String name) {
    Cluster cluster = clusters.get(Objects.requireNonNull(name, "name"));
    if (cluster == null) {
      throw new UnknownPoolException("cluster", name, new TreeSet<>(clusters.keySet()));
    }
    return cluster;
  }

  /** @return the names of every registered pool (including cluster hosts), sorted */
  public Set<String> poolNames() {
    return Collections.unmodifiableSet(new TreeSet<>(controls.keySet()));
  }

  /** @return the names of every registered cluster, sorted */
  public Set<String> clusterNames() {
    return Collections.unmodifiableSet(new TreeSet<>(clusters.keySet()));
  }

  /**
   * Takes a statistics snapshot of every pool, cluster hosts included.
   *
   * @return pool name to snapshot, sorted by name
   */
  public Map<String, PoolStats> stats() {
    Map<String, PoolStats> out = new LinkedHashMap<>();
    for (String name : new TreeSet<>(controls.keySet())) {
      PoolControl pool = controls.get(name);
      if (pool != null) {
        out.put(name, pool.stats());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Closes every registered cluster and pool, newest first; later registrations are refused.
   * Idempotent.
   */
  @Override
  public void close() {
    List<AutoCloseable> toClose;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(owned);
      owned.clear();
    } finally {
      lock.unlock();
    }
    RuntimeException failure = null;
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing the pool manager failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("pool manager is closed");
    }
  }

  private void ensureFree(String name) {
    if (controls.containsKey(name) || clusters.containsKey(name)) {
      throw new DuplicatePoolException(name);
    }
  }
}
