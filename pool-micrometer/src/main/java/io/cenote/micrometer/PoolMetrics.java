package io.cenote.micrometer;

import io.cenote.micrometer.internal.BoundMeters;
import io.cenote.micrometer.internal.Cached;
import io.cenote.micrometer.internal.DurationMeters;
import io.cenote.pool.CloseReason;
import io.cenote.pool.PoolControl;
import io.cenote.pool.PoolStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one pool ({@code cenote.connections.*}, see {@link MeterNames} and
 * {@code docs/metrics.md}): gauges of its connections and limits, counters since start, and
 * acquire wait and hold time as timers with percentiles and histogram buckets.
 *
 * <pre>{@code
 * new PoolMetrics(pool.control()).bindTo(registry);
 * }</pre>
 *
 * <p>Binding costs nothing on the borrow path: every meter is a function of the pool's own
 * {@link PoolStats}, read when the registry publishes (one snapshot serves every meter of a
 * scrape), so no meter records, allocates or writes shared memory per borrow. A cluster's hosts
 * are bound by {@link ClusterMetrics}, which tags them with their cluster and role.
 *
 * <p>{@link #close()} removes the meters again. Thread-safe.
 */
public final class PoolMetrics implements MeterBinder, AutoCloseable {

  private final PoolControl pool;
  private final Tags tags;
  private final BoundMeters bound = new BoundMeters();

  /**
   * Meters for a standalone pool: tagged {@code cluster="none"}, {@code role="standalone"}.
   *
   * @param pool the pool (or its {@code control()} view)
   */
  public PoolMetrics(PoolControl pool) {
    this(pool, Tags.empty());
  }

  /**
   * Meters for a standalone pool, with extra tags (e.g. the application).
   *
   * @param pool the pool (or its {@code control()} view)
   * @param extraTags added to every meter
   */
  public PoolMetrics(PoolControl pool, Iterable<Tag> extraTags) {
    this(pool, MeterNames.NO_CLUSTER, MeterNames.STANDALONE, extraTags);
  }

  PoolMetrics(PoolControl pool, String cluster, String role, Iterable<Tag> extraTags) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.tags = Tags.of(MeterNames.POOL, pool.poolName(), MeterNames.CLUSTER, cluster,
        MeterNames.HOST, pool.poolName(), MeterNames.ROLE, role)
        .and(Objects.requireNonNull(extraTags, "extraTags"));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Cached<PoolStats> stats = new Cached<>(pool::stats, registry.config().clock());
    gauge(registry, stats, MeterNames.CONNECTIONS, "physical connections open",
        PoolStats::total);
    gauge(registry, stats, MeterNames.ACTIVE, "connections lent to borrowers",
        PoolStats::active);
    gauge(registry, stats, MeterNames.IDLE, "connections ready to be lent", PoolStats::idle);
    gauge(registry, stats, MeterNames.PENDING, "borrowers waiting for a connection",
        PoolStats::waiting);
    gauge(registry, stats, MeterNames.OVERFLOW, "connections open beyond maxSize",
        PoolStats::overflowInUse);
    gauge(registry, stats, MeterNames.MAX, "the pool's maxSize", PoolStats::maxSize);
    gauge(registry, stats, MeterNames.MIN, "the pool's minIdle", PoolStats::minIdle);

    counter(registry, stats, MeterNames.OPENED, "connections opened", PoolStats::created,
        tags);
    for (CloseReason reason : CloseReason.values()) {
      counter(registry, stats, MeterNames.CLOSED, "connections closed, by reason",
          s -> s.destroyed().getOrDefault(reason, 0L),
          tags.and(MeterNames.REASON, reason.name().toLowerCase(Locale.ROOT)));
    }
    counter(registry, stats, MeterNames.ACQUIRED, "successful borrows", PoolStats::acquired,
        tags);
    counter(registry, stats, MeterNames.TIMEOUT, "borrows that gave up after acquireTimeout",
        PoolStats::timeouts, tags);
    counter(registry, stats, MeterNames.VALIDATION_FAILURES, "validations that failed",
        PoolStats::validationFailures, tags);
    counter(registry, stats, MeterNames.CREATION_FAILURES,
        "failed attempts to open a connection", PoolStats::creationFailures, tags);

    DurationMeters.register(registry, MeterNames.ACQUIRE, "time borrowers waited for a"
        + " connection", tags, stats, PoolStats::waitTime, bound);
    DurationMeters.register(registry, MeterNames.USAGE, "time borrowers held a connection",
        tags, stats, PoolStats::holdTime, bound);
  }

  private void gauge(MeterRegistry registry, Cached<PoolStats> stats, String name,
      String description, ToDoubleFunction<PoolStats> value) {
    // Strong references: the registry's gauges keep the cached statistics (and through them
    // the pool) reachable, so the counters' weak references never find them gone.
    bound.add(registry, Gauge.builder(name, stats, s -> value.applyAsDouble(s.get()))
        .description(description).tags(tags).strongReference(true).register(registry));
  }

  private void counter(MeterRegistry registry, Cached<PoolStats> stats, String name,
      String description, ToDoubleFunction<PoolStats> value, Tags meterTags) {
    bound.add(registry, FunctionCounter.builder(name, stats, s -> value.applyAsDouble(s.get()))
        .description(description).tags(meterTags).register(registry));
  }

  /** Removes every meter this binder registered, from every registry; idempotent. */
  @Override
  public void close() {
    bound.removeAll();
  }

  @Override
  public String toString() {
    return "PoolMetrics{" + pool.poolName() + "}";
  }
}
