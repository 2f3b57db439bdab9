package io.cenote.resilience;

import io.cenote.pool.ConfigValues;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The immutable settings of one host's circuit breaker, built by a validating {@link Builder}:
 * a count-based sliding window of the last {@code slidingWindowSize} calls opens the breaker
 * once at least {@code minimumNumberOfCalls} were recorded and {@code failureRateThreshold}
 * percent of them failed. It stays open for {@code waitDurationInOpenState}, then half-opens and
 * lets {@code permittedCallsInHalfOpenState} probe calls decide whether it closes again.
 *
 * <p>Every rejected value names the property and the value
 * ({@code slidingWindowSize must be >= 1, but was 0}). The settings can also be set by name
 * from text ({@link Builder#set(String, String)}, names in {@link #propertyNames()}), as a
 * configuration file does.
 */
public final class BreakerSettings {

  private static final BreakerSettings DEFAULTS = builder().build();
  /** Text setters by property name, behind {@link Builder#set(String, String)}. */
  private static final Map<String, BiConsumer<Builder, String>> TEXT_SETTERS = Map.of(
      "failureRateThreshold", (b, v) -> b.failureRateThreshold(
          (float) ConfigValues.decimal("failureRateThreshold", v)),
      "slidingWindowSize", (b, v) -> b.slidingWindowSize(
          ConfigValues.integer("slidingWindowSize", v)),
      "minimumNumberOfCalls", (b, v) -> b.minimumNumberOfCalls(
          ConfigValues.integer("minimumNumberOfCalls", v)),
      "waitDurationInOpenState", (b, v) -> b.waitDurationInOpenState(
          ConfigValues.duration("waitDurationInOpenState", v)),
      "permittedCallsInHalfOpenState", (b, v) -> b.permittedCallsInHalfOpenState(
          ConfigValues.integer("permittedCallsInHalfOpenState", v)));
  private static final Set<String> PROPERTY_NAMES =
      Collections.unmodifiableSortedSet(new TreeSet<>(TEXT_SETTERS.keySet()));

  private final float failureRateThreshold;
  private final int slidingWindowSize;
  private final int minimumNumberOfCalls;
  private final Duration waitDurationInOpenState;
  private final int permittedCallsInHalfOpenState;

  private BreakerSettings(Builder b) {
    this.failureRateThreshold = b.failureRateThreshold;
    this.slidingWindowSize = b.slidingWindowSize;
    this.minimumNumberOfCalls = b.minimumNumberOfCalls;
    this.waitDurationInOpenState = b.waitDurationInOpenState;
    this.permittedCallsInHalfOpenState = b.permittedCallsInHalfOpenState;
  }

  /** @return the defaults: 50%, window 20, minimum 10 calls, open 5 s, 3 probes */
  public static BreakerSettings defaults() {
    return DEFAULTS;
  }

  /** @return a builder holding the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Lists every property name {@link Builder#set(String, String)} accepts, for a loader of
   * configuration files that wants to tell breaker settings from its own keys.
   *
   * @return the names in alphabetical order, e.g. {@code failureRateThreshold}; unmodifiable
   */
  public static Set<String> propertyNames() {
    return PROPERTY_NAMES;
  }

  /** @return a builder holding these settings, to derive a variant */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** @return the failure rate, in percent, at or above which the breaker opens */
  public float failureRateThreshold() {
    return failureRateThreshold;
  }

  /** @return how many of the last calls the failure rate is computed over */
  public int slidingWindowSize() {
    return slidingWindowSize;
  }

  /** @return how many calls must be recorded before the failure rate counts */
  public int minimumNumberOfCalls() {
    return minimumNumberOfCalls;
  }

  /** @return how long the breaker stays open before it half-opens */
  public Duration waitDurationInOpenState() {
    return waitDurationInOpenState;
  }

  /** @return how many probe calls a half-open breaker lets through */
  public int permittedCallsInHalfOpenState() {
    return permittedCallsInHalfOpenState;
  }

  @Override
  public String toString() {
    return "BreakerSettings{failureRateThreshold=" + failureRateThreshold
        + ", slidingWindowSize=" + slidingWindowSize
        + ", minimumNumberOfCalls=" + minimumNumberOfCalls
        + ", waitDurationInOpenState=" + waitDurationInOpenState
        + ", permittedCallsInHalfOpenState=" + permittedCallsInHalfOpenState + "}";
  }

  /** Builds {@link BreakerSettings}; each setter validates at once. */
  public static final class Builder {
    private float failureRateThreshold = 50;
    private int slidingWindowSize = 20;
    private int minimumNumberOfCalls = 10;
    private Duration waitDurationInOpenState = Duration.ofSeconds(5);
    private int permittedCallsInHalfOpenState = 3;

    private Builder() {}

    private Builder(BreakerSettings s) {
      this.failureRateThreshold = s.failureRateThreshold;
      this.slidingWindowSize = s.slidingWindowSize;
      this.minimumNumberOfCalls = s.minimumNumberOfCalls;
      this.waitDurationInOpenState = s.waitDurationInOpenState;
      this.permittedCallsInHalfOpenState = s.permittedCallsInHalfOpenState;
    }

    /**
     * Sets one property from text: {@code property} is a name of
     * {@link BreakerSettings#propertyNames()}; durations read as {@code 500ms}, {@code 30s} or
     * {@code PT30S} (see {@link ConfigValues}). The value is checked at once, like every
     * setter's; {@link #build()} checks the rule that spans properties, so the order of calls
     * does not matter.
     *
     * <pre>{@code
     * BreakerSettings.builder().set("slidingWindowSize", "50").set("minimumNumberOfCalls", "25")
     *     .set("waitDurationInOpenState", "30s").build();
     * }</pre>
     *
     * @param property the property's name
     * @param value its value as text
     * @return this builder
     * @throws IllegalArgumentException {@code unknown breaker property '<property>'}, or a
     *     message naming the property and the bad value
     */
    public Builder set(String property, String value) {
      Objects.requireNonNull(property, "property");
      Objects.requireNonNull(value, "value");
      BiConsumer<Builder, String> setter = TEXT_SETTERS.get(property);
      if (setter == null) {
        throw new IllegalArgumentException("unknown breaker property '" + property + "'");
      }
      setter.accept(this, value);
      return this;
    }

    /**
     * Sets the failure rate at which the breaker opens; default 50.
     *
     * @param percent more than 0, at most 100
     * @return this builder
     */
    public Builder failureRateThreshold(float percent) {
      if (!(percent > 0 && percent <= 100)) {
        throw new IllegalArgumentException(
            "failureRateThreshold must be > 0 and <= 100, but was " + percent);
      }
      this.failureRateThreshold = percent;
      return this;
    }

    /**
     * Sets how many recent calls the failure rate covers; default 20.
     *
     * @param calls at least 1
     * @return this builder
     */
    public Builder slidingWindowSize(int calls) {
      ResilienceConfig.requireAtLeast("slidingWindowSize", 1, calls);
      this.slidingWindowSize = calls;
      return this;
    }

    /**
     * Sets how many calls must be recorded before the breaker may open; default 10.
     *
     * @param calls at least 1, at most {@code slidingWindowSize} (checked by {@link #build()})
     * @return this builder
     */
    public Builder minimumNumberOfCalls(int calls) {
      ResilienceConfig.requireAtLeast("minimumNumberOfCalls", 1, calls);
      this.minimumNumberOfCalls = calls;
      return this;
    }

    /**
     * Sets how long the breaker stays open; default 5 s.
     *
     * @param wait at least 1 ms
     * @return this builder
     */
    public Builder waitDurationInOpenState(Duration wait) {
      Objects.requireNonNull(wait, "waitDurationInOpenState");
      if (wait.toMillis() < 1) {
        throw new IllegalArgumentException(
            "waitDurationInOpenState must be >= 1ms, but was " + wait);
      }
      this.waitDurationInOpenState = wait;
      return this;
    }

    /**
     * Sets how many probe calls a half-open breaker lets through; default 3.
     *
     * @param calls at least 1
     * @return this builder
     */
    public Builder permittedCallsInHalfOpenState(int calls) {
      ResilienceConfig.requireAtLeast("permittedCallsInHalfOpenState", 1, calls);
      this.permittedCallsInHalfOpenState = calls;
      return this;
    }

    /**
     * Checks that {@code minimumNumberOfCalls <= slidingWindowSize} and builds the settings.
     *
     * @return the settings
     * @throws IllegalArgumentException naming both properties
     */
    public BreakerSettings build() {
      if (minimumNumberOfCalls > slidingWindowSize) {
        throw new IllegalArgumentException("minimumNumberOfCalls must be <= slidingWindowSize ("
            + slidingWindowSize + "), but was " + minimumNumberOfCalls);
      }
      return new BreakerSettings(this);
    }
  }
}
