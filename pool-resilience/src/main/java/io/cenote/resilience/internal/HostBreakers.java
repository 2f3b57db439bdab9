package io.cenote.resilience.internal;

import io.cenote.resilience.BreakerSettings;
import io.cenote.resilience.FailureKind;
import io.cenote.resilience.HostResilienceStats;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.resilience.SqlFailureClassifier;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The one registry of a {@code Resilience} instance: a resilience4j breaker per host, created
 * on first use from the host's {@link BreakerSettings}, with its counters. It also remembers, per
 * thread, the host the last borrow went to, so a retry can be charged to the host whose attempt
 * failed (borrows run synchronously on the caller's thread).
 */
public final class HostBreakers {

  private final ResilienceConfig config;
  private final CircuitBreakerRegistry registry;
  private final Events events;
  private final ConcurrentMap<String, HostState> hosts = new ConcurrentHashMap<>();
  private final ThreadLocal<String> lastHost = new ThreadLocal<>();

  /**
   * Creates the registry.
   *
   * @param config the configuration
   */
  public HostBreakers(ResilienceConfig config) {
    this.config = config;
    this.events = new Events(config.listeners());
    this.registry = CircuitBreakerRegistry.of(breakerConfig(config.breaker()));
  }

  private CircuitBreakerConfig breakerConfig(BreakerSettings s) {
    SqlFailureClassifier classifier = config.classifier();
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(s.slidingWindowSize())
        .minimumNumberOfCalls(s.minimumNumberOfCalls())
        .failureRateThreshold(s.failureRateThreshold())
        .waitDurationInOpenState(s.waitDurationInOpenState())
        .permittedNumberOfCallsInHalfOpenState(s.permittedCallsInHalfOpenState())
        .recordException(t -> classifier.classify(t).countsAgainstBreaker())
        .writableStackTraceEnabled(false)
        .clock(config.clock())
        .build();
  }

  /** @return the configuration */
  public ResilienceConfig config() {
    return config;
  }

  Events events() {
    return events;
  }

  /**
   * Returns a host's state, creating its breaker on first use.
   *
   * @param host the host's pool name
   * @return its state
   */
  public HostState host(String host) {
    return hosts.computeIfAbsent(host, h -> {
      BreakerSettings s = config.breaker(h);
      CircuitBreaker cb = registry.circuitBreaker(h, breakerConfig(s));
      return new HostState(h, cb, events, config.clock(), s.waitDurationInOpenState().toMillis());
    });
  }

  /** @return the kind of a failure, by the configured classifier */
  FailureKind classify(Throwable error) {
    return config.classifier().classify(error);
  }

  void noteHost(String host) {
    lastHost.set(host);
  }

  /** @return the host of the calling thread's last borrow, then forgets it */
  String takeLastHost() {
    String h = lastHost.get();
    lastHost.remove();
    return h;
  }

  /** @return a snapshot per host, in name order */
  public List<HostResilienceStats> stats() {
    List<HostResilienceStats> out = new ArrayList<>();
    hosts.keySet().stream().sorted().forEach(h -> out.add(hosts.get(h).stats()));
    return out;
  }
}
