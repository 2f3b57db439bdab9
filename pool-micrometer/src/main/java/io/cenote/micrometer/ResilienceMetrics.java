package io.cenote.micrometer;

import io.cenote.resilience.Resilience;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The breakers and retries of one {@link Resilience} (a cluster's resilience section, or a
 * {@code ResilientPool}'s), bound with resilience4j-micrometer's own binders
 * ({@code resilience4j.circuitbreaker.*}, {@code resilience4j.retry.*}) on the registries the
 * instance owns. Its breakers carry the tags {@code cluster} and {@code host}, its retries
 * {@code cluster}, besides resilience4j's {@code name}.
 *
 * <p>{@link #close()} removes the meters of this instance again (those tagged with its
 * {@code cluster}). Thread-safe.
 */
public final class ResilienceMetrics implements MeterBinder, AutoCloseable {

  /** The prefix of every meter resilience4j-micrometer registers. */
  private static final String RESILIENCE4J_PREFIX = "resilience4j.";

  private final Resilience resilience;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

  /** @param resilience the instance whose breakers and retries are measured */
  public ResilienceMetrics(Resilience resilience) {
    this.resilience = Objects.requireNonNull(resilience, "resilience");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(resilience.breakerRegistry())
        .bindTo(registry);
    TaggedRetryMetrics.ofRetryRegistry(resilience.retryRegistry()).bindTo(registry);
    registries.add(registry);
  }

  /** Removes this instance's resilience4j meters from every registry it was bound to. */
  @Override
  public void close() {
    for (MeterRegistry registry : registries) {
      List<Meter> mine = new ArrayList<>();
      for (Meter m : registry.getMeters()) {
        if (m.getId().getName().startsWith(RESILIENCE4J_PREFIX)
            && resilience.name().equals(m.getId().getTag(Resilience.CLUSTER_TAG))) {
          mine.add(m);
        }
      }
      mine.forEach(registry::remove);
    }
    registries.clear();
  }

  @Override
  public String toString() {
    return "ResilienceMetrics{" + resilience.name() + "}";
  }
}
