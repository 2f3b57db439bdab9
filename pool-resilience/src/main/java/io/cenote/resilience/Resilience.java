package io.cenote.resilience;

import io.cenote.pool.Backoff;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.resilience.internal.HostBreakers;
import io.cenote.resilience.internal.Prober;
import io.cenote.resilience.internal.UnitRunner;
import io.cenote.router.Cluster;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of pool-resilience: one registry of per-host circuit breakers and one retry
 * policy, used to decorate clusters and pools.
 *
 * <pre>{@code
 * Resilience resilience = Resilience.of(ResilienceConfig.defaults());
 * PoolConfig primary = resilience.apply(PoolConfig.builder()...build()); // same backoff
 * Cluster cluster = Cluster.builder("orders").primary(primary).replica(...).build();
 * ResilientCluster orders = resilience.decorate(cluster);
 * long n = orders.read(c -> count(c));                    // retried, breaker-guarded
 * orders.writeIdempotent(c -> upsert(c, order));          // retried
 * orders.write(c -> insert(c, order));                    // retried only if the borrow failed
 * }</pre>
 *
 * <p>Each host (named by its pool name) has one resilience4j {@code CircuitBreaker}, so a dead
 * replica never opens the primary's breaker. A half-open probe thread
 * ({@code cenote-resilience-probe}, daemon) starts with the instance and runs each host's probes
 * on a worker of its own ({@code cenote-resilience-probe-worker-N}), each bounded by
 * {@link ResilienceConfig#probeTimeout()}; {@link #close()} stops them. Thread-safe.
 */
public final class Resilience implements AutoCloseable {

  private final ResilienceConfig config;
  private final HostBreakers breakers;
  private final RetryRegistry retries;
  private final Prober prober;

  private Resilience(ResilienceConfig config) {
    this.config = config;
    this.breakers = new HostBreakers(config);
    this.retries = RetryRegistry.of(UnitRunner.retryConfig(config));
    this.prober = new Prober(config.probeInterval(), config.probeTimeout(),
        config.classifier());
  }

  /**
   * Creates an instance.
   *
   * @param config the configuration
   * @return the instance, with its probe thread running
   */
  public static Resilience of(ResilienceConfig config) {
    return new Resilience(Objects.requireNonNull(config, "config"));
  }

  /** @return the configuration */
  public ResilienceConfig config() {
    return config;
  }

  /**
   * Guards a cluster: installs a {@link io.cenote.router.HostGuard} backed by one breaker per
   * host (so the router excludes replicas whose breaker is open, and refuses writes at once while
   * the primary's is) and starts half-open probes of every host.
   *
   * @param cluster a cluster without a host guard
   * @return the resilient view; the cluster stays owned by the caller
   * @throws IllegalStateException when the cluster already has a host guard
   */
  public ResilientCluster decorate(Cluster cluster) {
    Objects.requireNonNull(cluster, "cluster");
    return new ResilientCluster(cluster, breakers, retries, prober);
  }

  /**
   * Guards a plain pool: its borrows go through its breaker (named after the pool) and are
   * retried.
   *
   * @param pool the pool
   * @return the resilient view; the pool stays owned by the caller
   */
  public ResilientPool decorate(ConnectionPool pool) {
    Objects.requireNonNull(pool, "pool");
    return new ResilientPool(pool, breakers, retries, prober);
  }

  /**
   * Returns the retry backoff as pool-core's {@link Backoff}, so connection creation waits as
   * retries do: attempt n waits {@code min(initialDelay * multiplier^(n-1), maxDelay)} +- jitter.
   *
   * @return the backoff
   */
  public Backoff connectionBackoff() {
    IntervalFunction intervals = UnitRunner.intervals(config);
    return new Backoff() {
      @Override
      public long delayNanos(int attempt) {
        return TimeUnit.MILLISECONDS.toNanos(intervals.apply(Math.max(1, attempt)));
      }

      @Override
      public String toString() {
        return "resilience(initialDelay=" + config.initialDelay() + ", multiplier="
            + config.multiplier() + ", jitter=" + config.jitter() + ", maxDelay="
            + config.maxDelay() + ")";
      }
    };
  }

  /**
   * Returns a copy of a pool configuration whose connection creation uses
   * {@link #connectionBackoff()}.
   *
   * @param pool the configuration
   * @return the copy
   */
  public PoolConfig apply(PoolConfig pool) {
    return pool.toBuilder().connectionBackoff(connectionBackoff()).build();
  }

  /** @return a snapshot per host seen so far, in name order */
  public List<HostResilienceStats> stats() {
    return breakers.stats();
  }

  /**
   * Returns the state of a host's breaker.
   *
   * @param host the host's pool name
   * @return its state (a breaker is created on first use)
   */
  public BreakerState state(String host) {
    return breakers.host(Objects.requireNonNull(host, "host")).state();
  }

  /**
   * Probes every host whose breaker is due now, and waits until those probes have ended; they
   * also run every {@code probeInterval}. Hosts are probed in parallel, each call ending within
   * {@code probeTimeout}; a host whose probe is already running is left to it. For tests and
   * operators.
   */
  public void probeNow() {
    prober.probeNow();
  }

  /**
   * Stops the probe threads, interrupting probes in flight. Decorated clusters and pools keep
   * working, without probes.
   */
  @Override
  public void close() {
    prober.close();
  }

  @Override
  public String toString() {
    return "Resilience{" + stats() + "}";
  }
}
