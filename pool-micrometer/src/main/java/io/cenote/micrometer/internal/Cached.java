package io.cenote.micrometer.internal;

import io.micrometer.core.instrument.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A value read from its source at most once per {@link #MAX_AGE_NANOS}: every meter of one
 * pool reads the same snapshot during one scrape, so a scrape is consistent (total = active +
 * idle) and costs one snapshot, not one per meter. Thread-safe; two readers may both refresh,
 * which is harmless.
 *
 * @param <T> the value's type
 */
public final class Cached<T> {

  /**
   * How long a snapshot serves: longer than a scrape of every meter takes, shorter than any
   * scrape interval, so each scrape sees fresh figures.
   */
  static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Supplier<T> source;
  private final Clock clock;
  private volatile Entry<T> latest;

  private record Entry<T>(T value, long at) {}

  /**
   * @param source where values come from
   * @param clock the registry's clock
   */
  public Cached(Supplier<T> source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  /** @return the value, fresh or at most {@link #MAX_AGE_NANOS} old */
  public T get() {
    long now = clock.monotonicTime();
    Entry<T> e = latest;
    if (e == null || now - e.at >= MAX_AGE_NANOS) {
      e = new Entry<>(source.get(), now);
      latest = e;
    }
    return e.value;
  }

  /** @return the registry clock's monotonic time in nanoseconds */
  long now() {
    return clock.monotonicTime();
  }
}
