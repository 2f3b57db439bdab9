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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The one registry of a {@code Resilience} instance: a resilience4j breaker per host, created
 * on first use from the host's {@link BreakerSettings}, with its counters. Which host a failure
 * belongs to travels with the call (its {@code AttemptContext}), never through thread state.
 */
public final class HostBreakers {

  private final ResilienceConfig config;
  private final String hostTag;
  private final CircuitBreakerRegistry registry;
  private final Events events;
  private final ConcurrentMap<String, HostState> hosts = new ConcurrentHashMap<>();

  /**
   * Creates the registry.
   *
   * @param config the configuration
   * @param tags resilience4j tags of every breaker
   * @param hostTag the tag that names each breaker's host
   */
  public HostBreakers(ResilienceConfig config, Map<String, String> tags, String hostTag) {
    this.config = config;
    this.hostTag = hostTag;
    this.events = new Events(config.listeners());
    this.registry = CircuitBreakerRegistry.custom()
        .withCircuitBreakerConfig(breakerConfig(config.breaker())).withTags(tags).build();
  }

  /** @return the resilience4j registry holding the breakers */
  public CircuitBreakerRegistry registry() {
    return registry;
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

  /** @return the event fan-out to the configured listeners */
  public Events events() {
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
      CircuitBreaker cb = registry.circuitBreaker(h, breakerConfig(s), Map.of(hostTag, h));
      return new HostState(h, cb, events, config.clock(), s.waitDurationInOpenState().toMillis());
    });
  }

  /**
   * Classifies a failure with the configured classifier.
   *
   * @param error the failure
   * @return its kind
   */
  public FailureKind classify(Throwable error) {
    return config.classifier().classify(error);
  }

  /** @return a snapshot per host, in name order */
  public List<HostResilienceStats> stats() {
    List<HostResilienceStats> out = new ArrayList<>();
    hosts.keySet().stream().sorted().forEach(h -> out.add(hosts.get(h).stats()));
    return out;
  }
}
