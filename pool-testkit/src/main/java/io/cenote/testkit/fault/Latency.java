package io.cenote.testkit.fault;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** An injected delay: fixed, or drawn uniformly from a range on each occasion. */
final class Latency {

  private final long minNanos;
  private final long maxNanos;

  private Latency(long minNanos, long maxNanos) {
    this.minNanos = minNanos;
    this.maxNanos = maxNanos;
  }

  /** Returns the latency for the range, or null (no delay) when both ends are zero. */
  static Latency between(String name, Duration min, Duration max) {
    if (min == null || max == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (min.isNegative()) {
      throw new IllegalArgumentException(name + " must be >= 0, but was " + min);
    }
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          name + " maximum must be >= its minimum " + min + ", but was " + max);
    }
    long lo = saturatedNanos(min);
    long hi = saturatedNanos(max);
    return hi == 0 ? null : new Latency(lo, hi);
  }

  long sampleNanos(RandomGenerator random) {
    return minNanos == maxNanos ? minNanos : random.nextLong(minNanos, maxNanos + 1);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE - 1;
    }
  }

  @Override
  public String toString() {
    return minNanos == maxNanos
        ? Duration.ofNanos(minNanos).toString()
        : Duration.ofNanos(minNanos) + ".." + Duration.ofNanos(maxNanos);
  }
}
