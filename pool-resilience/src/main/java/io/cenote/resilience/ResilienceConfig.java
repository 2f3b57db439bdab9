package io.cenote.resilience;

import java.time.Clock;
import java.time.Duration;
import io.cenote.pool.ConfigValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The immutable configuration of a {@link Resilience} instance, built by a validating
 * {@link Builder}: breaker settings (a default and per-host overrides), the retry policy
 * (attempts and an exponential backoff with jitter), the half-open probes (interval and
 * timeout), the failure classifier, listeners and the clock. Every rejected value names the
 * property and the bad value ({@code maxAttempts must be >= 1, but was 0}).
 *
 * <p>The retry, probe and default breaker settings can also be set by name from text
 * ({@link Builder#set(String, String)}, names in {@link #propertyNames()}, breaker settings as
 * {@code breaker.<name>}), as a configuration file does.
 *
 * <pre>{@code
 * ResilienceConfig config = ResilienceConfig.builder()
 *     .breaker(BreakerSettings.builder().minimumNumberOfCalls(5).build())
 *     .breaker("orders-replica-1", BreakerSettings.builder().waitDurationInOpenState(
 *         Duration.ofSeconds(30)).build())
 *     .maxAttempts(4).initialDelay(Duration.ofMillis(50)).multiplier(2).jitter(0.5)
 *     .maxDelay(Duration.ofSeconds(1))
 *     .build();
 * }</pre>
 */
public final class ResilienceConfig {

  /** Text property names starting with this set the default breaker's settings. */
  private static final String BREAKER_PREFIX = "breaker.";
  /** Text setters by property name, behind {@link Builder#set(String, String)}. */
  private static final Map<String, BiConsumer<Builder, String>> TEXT_SETTERS = Map.of(
      "maxAttempts", (b, v) -> b.maxAttempts(ConfigValues.integer("maxAttempts", v)),
      "initialDelay", (b, v) -> b.initialDelay(ConfigValues.duration("initialDelay", v)),
      "multiplier", (b, v) -> b.multiplier(ConfigValues.decimal("multiplier", v)),
      "jitter", (b, v) -> b.jitter(ConfigValues.decimal("jitter", v)),
      "maxDelay", (b, v) -> b.maxDelay(ConfigValues.duration("maxDelay", v)),
      "probeInterval", (b, v) -> b.probeInterval(ConfigValues.duration("probeInterval", v)),
      "probeTimeout", (b, v) -> b.probeTimeout(ConfigValues.duration("probeTimeout", v)));
  private static final Set<String> PROPERTY_NAMES = propertyNameSet();

  private final BreakerSettings breaker;
  private final Map<String, BreakerSettings> hostBreakers;
  private final int maxAttempts;
  private final Duration initialDelay;
  private final double multiplier;
  private final double jitter;
  private final Duration maxDelay;
  private final Duration probeInterval;
  private final Duration probeTimeout;
  private final SqlFailureClassifier classifier;
  private final List<ResilienceListener> listeners;
  private final Clock clock;

  private ResilienceConfig(Builder b, BreakerSettings breaker) {
    this.breaker = breaker;
    this.hostBreakers = Map.copyOf(b.hostBreakers);
    this.maxAttempts = b.maxAttempts;
    this.initialDelay = b.initialDelay;
    this.multiplier = b.multiplier;
    this.jitter = b.jitter;
    this.maxDelay = b.maxDelay;
    this.probeInterval = b.probeInterval;
    this.probeTimeout = b.probeTimeout;
    this.classifier = b.classifier;
    this.listeners = List.copyOf(b.listeners);
    this.clock = b.clock;
  }

  /** @return a builder holding every default */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the configuration with every default */
  public static ResilienceConfig defaults() {
    return builder().build();
  }

  /**
   * Lists every property name {@link Builder#set(String, String)} accepts, for a loader of
   * configuration files that wants to tell resilience settings from its own keys: the retry
   * and probe settings, and each of {@link BreakerSettings#propertyNames()} as
   * {@code breaker.<name>}.
   *
   * @return the names in alphabetical order, e.g. {@code breaker.failureRateThreshold},
   *     {@code initialDelay}; unmodifiable
   */
  public static Set<String> propertyNames() {
    return PROPERTY_NAMES;
  }

  private static Set<String> propertyNameSet() {
    TreeSet<String> names = new TreeSet<>(TEXT_SETTERS.keySet());
    for (String name : BreakerSettings.propertyNames()) {
      names.add(BREAKER_PREFIX + name);
    }
    return Collections.unmodifiableSortedSet(names);
  }

  /** @return the breaker settings of hosts without an override */
  public BreakerSettings breaker() {
    return breaker;
  }

  /**
   * Returns the breaker settings of one host.
   *
   * @param host the host's (pool's) name
   * @return its override, or {@link #breaker()}
   */
  public BreakerSettings breaker(String host) {
    return hostBreakers.getOrDefault(host, breaker);
  }

  /** @return the per-host breaker overrides */
  public Map<String, BreakerSettings> hostBreakers() {
    return hostBreakers;
  }

  /** @return attempts per unit of work, including the first */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** @return the backoff before the first retry, before jitter */
  public Duration initialDelay() {
    return initialDelay;
  }

  /** @return the factor the backoff grows by after each retry */
  public double multiplier() {
    return multiplier;
  }

  /** @return the randomization factor: a delay d is drawn from {@code d * (1 +- jitter)} */
  public double jitter() {
    return jitter;
  }

  /** @return the largest backoff */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** @return how often open breakers are checked for a half-open probe */
  public Duration probeInterval() {
    return probeInterval;
  }

  /** @return how long one half-open probe (a borrow and its validation) may take */
  public Duration probeTimeout() {
    return probeTimeout;
  }

  /** @return the failure classifier */
  public SqlFailureClassifier classifier() {
    return classifier;
  }

  /** @return the listeners */
  public List<ResilienceListener> listeners() {
    return listeners;
  }

  /** @return the clock the breakers time their open state with */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "ResilienceConfig{breaker=" + breaker + ", hostBreakers=" + hostBreakers
        + ", maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay
        + ", multiplier=" + multiplier + ", jitter=" + jitter + ", maxDelay=" + maxDelay
        + ", probeInterval=" + probeInterval + ", probeTimeout=" + probeTimeout
        + ", classifier=" + classifier + "}";
  }

  static void requireAtLeast(String property, long min, long value) {
    if (value < min) {
      throw new IllegalArgumentException(property + " must be >= " + min + ", but was " + value);
    }
  }

  private static void requirePositive(String property, Duration value) {
    Objects.requireNonNull(value, property);
    if (value.toMillis() < 1) {
      throw new IllegalArgumentException(property + " must be >= 1ms, but was " + value);
    }
  }

  /** Builds a {@link ResilienceConfig}; each setter validates at once. */
  public static final class Builder {
    private BreakerSettings breaker = BreakerSettings.defaults();
    /** The default breaker as changed by text, built at {@link #build()}; null when unchanged. */
    private BreakerSettings.Builder breakerText;
    private final Map<String, BreakerSettings> hostBreakers = new HashMap<>();
    private int maxAttempts = 3;
    private Duration initialDelay = Duration.ofMillis(100);
    private double multiplier = 2.0;
    private double jitter = 0.5;
    private Duration maxDelay = Duration.ofSeconds(2);
    private Duration probeInterval = Duration.ofMillis(500);
    // long enough for a connect plus a validation round trip over a slow link, short enough
    // that a black-holed host is given up on long before a pool's default acquireTimeout (30 s)
    private Duration probeTimeout = Duration.ofSeconds(2);
    private SqlFailureClassifier classifier = SqlFailureClassifier.standard();
    private final List<ResilienceListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets one property from text: {@code property} is a name of
     * {@link ResilienceConfig#propertyNames()}; durations read as {@code 500ms}, {@code 30s} or
     * {@code PT30S} (see {@link ConfigValues}); {@code breaker.<name>} changes that setting of
     * the default breaker ({@link #breaker(BreakerSettings)}). The value is checked at once,
     * like every setter's; the rules that span properties are checked by {@link #build()}, so
     * the order of calls does not matter.
     *
     * <pre>{@code
     * ResilienceConfig.builder().set("maxAttempts", "4").set("initialDelay", "50ms")
     *     .set("breaker.failureRateThreshold", "25").build();
     * }</pre>
     *
     * @param property the property's name
     * @param value its value as text
     * @return this builder
     * @throws IllegalArgumentException {@code unknown resilience property '<property>'}, or a
     *     message naming the property and the bad value
     */
    public Builder set(String property, String value) {
      Objects.requireNonNull(property, "property");
      Objects.requireNonNull(value, "value");
      if (!PROPERTY_NAMES.contains(property)) {
        throw new IllegalArgumentException("unknown resilience property '" + property + "'");
      }
      if (property.startsWith(BREAKER_PREFIX)) {
        if (breakerText == null) {
          breakerText = breaker.toBuilder();
        }
        breakerText.set(property.substring(BREAKER_PREFIX.length()), value);
      } else {
        TEXT_SETTERS.get(property).accept(this, value);
      }
      return this;
    }

    /**
     * Sets the breaker settings of every host without an override.
     *
     * @param settings the settings; default {@link BreakerSettings#defaults()}
     * @return this builder
     */
    public Builder breaker(BreakerSettings settings) {
      this.breaker = Objects.requireNonNull(settings, "breaker");
      this.breakerText = null;
      return this;
    }

    /**
     * Overrides the breaker settings of one host.
     *
     * @param host the host's pool name
     * @param settings its settings
     * @return this builder
     */
    public Builder breaker(String host, BreakerSettings settings) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank, but was '" + host + "'");
      }
      hostBreakers.put(host, Objects.requireNonNull(settings, "breaker"));
      return this;
    }

    /**
     * Sets how many times a unit of work is tried in all; default 3. 1 turns retry off.
     *
     * @param attempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int attempts) {
      requireAtLeast("maxAttempts", 1, attempts);
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Sets the backoff before the first retry; default 100 ms.
     *
     * @param delay at least 1 ms
     * @return this builder
     */
    public Builder initialDelay(Duration delay) {
      requirePositive("initialDelay", delay);
      this.initialDelay = delay;
      return this;
    }

    /**
     * Sets the factor the backoff grows by; default 2.
     *
     * @param factor at least 1.0
     * @return this builder
     */
    public Builder multiplier(double factor) {
      if (!(factor >= 1.0) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException("multiplier must be >= 1.0 and finite, but was "
            + factor);
      }
      this.multiplier = factor;
      return this;
    }

    /**
     * Sets the randomization factor of the backoff; default 0.5 (each delay is drawn from 50%
     * to 150% of its nominal value, then capped at {@code maxDelay}).
     *
     * @param factor at least 0.0, less than 1.0
     * @return this builder
     */
    public Builder jitter(double factor) {
      if (!(factor >= 0.0 && factor < 1.0)) {
        throw new IllegalArgumentException("jitter must be >= 0.0 and < 1.0, but was " + factor);
      }
      this.jitter = factor;
      return this;
    }

    /**
     * Sets the largest backoff; default 2 s.
     *
     * @param delay at least {@code initialDelay} (checked by {@link #build()})
     * @return this builder
     */
    public Builder maxDelay(Duration delay) {
      requirePositive("maxDelay", delay);
      this.maxDelay = delay;
      return this;
    }

    /**
     * Sets how often hosts with an open breaker are checked for a half-open probe; default
     * 500 ms. A host whose probe is still running is not probed again until it ends.
     *
     * @param interval at least 1 ms
     * @return this builder
     */
    public Builder probeInterval(Duration interval) {
      requirePositive("probeInterval", interval);
      this.probeInterval = interval;
      return this;
    }

    /**
     * Sets how long one half-open probe may take, independent of the pool's
     * {@code acquireTimeout}; default 2 s. A probe borrows from the host's own pool and
     * validates what it lent (under a network timeout of the time left); a probe still running
     * at this deadline counts as a failure of the host, its connection is aborted and its thread
     * interrupted. Probes of different hosts run on their own threads, so a slow host never
     * delays the others.
     *
     * @param timeout at least 1 ms
     * @return this builder
     */
    public Builder probeTimeout(Duration timeout) {
      requirePositive("probeTimeout", timeout);
      this.probeTimeout = timeout;
      return this;
    }

    /**
     * Replaces the failure classifier; default {@link SqlFailureClassifier#standard()}.
     *
     * @param sqlFailureClassifier the classifier
     * @return this builder
     */
    public Builder classifier(SqlFailureClassifier sqlFailureClassifier) {
      this.classifier = Objects.requireNonNull(sqlFailureClassifier, "classifier");
      return this;
    }

    /**
     * Adds a listener for breaker and retry events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ResilienceListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Replaces the clock that times the breakers' open state (for tests); default UTC system
     * clock.
     *
     * @param breakerClock the clock
     * @return this builder
     */
    public Builder clock(Clock breakerClock) {
      this.clock = Objects.requireNonNull(breakerClock, "clock");
      return this;
    }

    /**
     * Checks that {@code maxDelay >= initialDelay} (and the default breaker's rules, when text
     * changed it) and builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming both properties
     */
    public ResilienceConfig build() {
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException("maxDelay must be >= initialDelay (" + initialDelay
            + "), but was " + maxDelay);
      }
      return new ResilienceConfig(this, breakerText != null ? breakerText.build() : breaker);
    }
  }
}
