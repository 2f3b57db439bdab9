package io.cenote.bench;

import java.util.Arrays;

/**
 * Throughput and sorted per-operation latencies of one or more timed runs.
 *
 * @param opsPerSecond operations per second
 * @param sortedNanos every operation's latency, ascending
 */
record Measurement(double opsPerSecond, long[] sortedNanos) {

  /** Two runs as one: mean throughput, latencies pooled. */
  Measurement merge(Measurement other) {
    long[] all = Arrays.copyOf(sortedNanos, sortedNanos.length + other.sortedNanos.length);
    System.arraycopy(other.sortedNanos, 0, all, sortedNanos.length, other.sortedNanos.length);
    Arrays.sort(all);
    return new Measurement((opsPerSecond + other.opsPerSecond) / 2, all);
  }

  /**
   * @param p between 0 and 1
   * @return the latency at that rank in milliseconds, 0 without operations
   */
  double percentileMillis(double p) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    return sortedNanos[(int) Math.max(0, Math.min(sortedNanos.length - 1,
        Math.ceil(p * sortedNanos.length) - 1))] / 1e6;
  }
}
