package io.cenote.resilience;

import io.cenote.pool.Backoff;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.resilience.internal.HostBreakers;
import io.cenote.resilience.internal.Prober;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryRegistry;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One registry of per-host circuit breakers and one retry policy, from one
 * {@link ResilienceConfig}: the engine behind a cluster's resilience section and a
 * {@link ResilientPool}. Whoever starts it owns it and closes it; a cluster started with a
 * resilience section owns its instance, so users rarely start one themselves.
 *
 * <ul>
 *   <li>{@link #host(String)}: each host (named by its pool name) has one resilience4j
 *       {@code CircuitBreaker}, so a dead replica never opens the primary's breaker.
 *   <li>{@link #runner}: calls run under one retry budget, {@code maxAttempts} attempts in all.
 *   <li>{@link #watch(String, ConnectionPool)}: half-open probes, on a daemon thread
 *       ({@code <name>-probe}) that runs each host's probe on a worker of its own
 *       ({@code <name>-probe-worker-N}), each bounded by
 *       {@link ResilienceConfig#probeTimeout()}. A host whose breaker is open gets no traffic, so
 *       probes are what close it again.
 * </ul>
 *
 * <p>Breakers and retries carry resilience4j tags, which metrics binders (such as
 * resilience4j-micrometer's, used by Cenote's pool-micrometer) put on their meters:
 * {@value #CLUSTER_TAG} (this instance's name) on every breaker and retry, and
 * {@value #HOST_TAG} (the host) on every breaker.
 *
 * <p>Thread-safe.
 */
public final class Resilience implements AutoCloseable {

  /** The resilience4j tag naming the instance (the cluster, or a resilient pool's pool). */
  public static final String CLUSTER_TAG = "cluster";
  /** The resilience4j tag naming a breaker's host. */
  public static final String HOST_TAG = "host";

  private final String name;

  private final ResilienceConfig config;
  private final HostBreakers breakers;
  private final RetryRegistry retries;
  private final Prober prober;

  private Resilience(String name, ResilienceConfig config) {
    this.name = name;
    this.config = config;
    Map<String, String> tags = Map.of(CLUSTER_TAG, name);
    this.breakers = new HostBreakers(config, tags, HOST_TAG);
    this.retries = RetryRegistry.custom().withRetryConfig(RetryRunner.retryConfig(config))
        .withTags(tags).build();
    this.prober = new Prober(name, config.probeInterval(), config.probeTimeout(),
        config.classifier());
  }

  /**
   * Starts an instance: its probe thread runs until {@link #close()}.
   *
   * @param name the name of the cluster or pool it guards: its threads are
   *     {@code <name>-probe} and {@code <name>-probe-worker-N}
   * @param config the configuration
   * @return the running instance
   */
  public static Resilience start(String name, ResilienceConfig config) {
    return new Resilience(Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(config, "config"));
  }

  /** @return the name of the cluster or pool it guards */
  public String name() {
    return name;
  }

  /** @return the configuration */
  public ResilienceConfig config() {
    return config;
  }

  /**
   * Returns the resilience4j registry of the hosts' breakers, for metrics binders and event
   * consumers. Breakers are created there on a host's first use; removing or replacing one
   * does not change the breaker Cenote uses.
   *
   * @return the breaker registry
   */
  public CircuitBreakerRegistry breakerRegistry() {
    return breakers.registry();
  }

  /**
   * Returns the resilience4j registry of this instance's retries (one per runner, named after
   * it, e.g. {@code orders-read}), for metrics binders and event consumers.
   *
   * @return the retry registry
   */
  public RetryRegistry retryRegistry() {
    return retries;
  }

  /**
   * Returns a host's circuit breaker, creating it on first use from the host's
   * {@link ResilienceConfig#breaker(String) breaker settings}.
   *
   * @param host the host's pool name
   * @return its circuit (cache it: every call resolves the name)
   */
  public HostCircuit host(String host) {
    Objects.requireNonNull(host, "host");
    return new HostCircuit(breakers, breakers.host(host));
  }

  /**
   * Creates a runner for one kind of call under this instance's retry budget.
   *
   * @param name the runner's name (e.g. {@code orders-read}); its resilience4j {@code Retry}
   *     has this name
   * @param severalHosts true when an attempt may go to another host than the last (a cluster's
   *     reads), so that a busy pool is worth another attempt
   * @param onReadOnlyServer runs on the caller's thread when a write reached a read-only server,
   *     before any retry (a cluster refreshes its roles)
   * @return the runner
   */
  public RetryRunner runner(String name, boolean severalHosts, Runnable onReadOnlyServer) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(onReadOnlyServer, "onReadOnlyServer");
    return new RetryRunner(breakers, retries.retry(name, RetryRunner.retryConfig(config)), name,
        severalHosts, onReadOnlyServer);
  }

  /**
   * Classifies a failure with the configured {@link SqlFailureClassifier}.
   *
   * @param failure the failure
   * @return its kind
   */
  public FailureKind classify(SQLException failure) {
    return breakers.classify(failure);
  }

  /**
   * Probes a host's breaker through its pool from now on: while the breaker is due (open past
   * its wait, or half-open), a probe borrows and validates one connection.
   *
   * @param host the host's pool name
   * @param pool its pool
   */
  public void watch(String host, ConnectionPool pool) {
    prober.watch(breakers.host(Objects.requireNonNull(host, "host")),
        Objects.requireNonNull(pool, "pool"));
  }

  /**
   * Returns the retry backoff as pool-core's {@link Backoff}, so connection creation waits as
   * retries do: attempt n waits {@code min(initialDelay * multiplier^(n-1), maxDelay)} +- jitter.
   *
   * @return the backoff
   */
  public Backoff connectionBackoff() {
    IntervalFunction intervals = RetryRunner.intervals(config);
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
   * {@link #connectionBackoff()}; a cluster with a resilience section applies it to every host.
   *
   * @param pool the configuration
   * @return the copy, with the same pool name
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

  /** Stops the probe threads, interrupting probes in flight. Idempotent. */
  @Override
  public void close() {
    prober.close();
  }

  @Override
  public String toString() {
    return "Resilience{" + stats() + "}";
  }
}
