package io.cenote.testkit.net;

import java.time.Duration;

/**
 * What one direction of the proxy does to the bytes crossing it: an immutable snapshot, replaced
 * as a whole when a fault changes.
 *
 * @param latencyMinNanos least delay added to each chunk
 * @param latencyMaxNanos greatest delay added to each chunk; equal to the least when fixed
 * @param bytesPerSecond throughput limit of each connection, 0 for none
 * @param blackHole whether bytes are dropped instead of forwarded
 */
record PathFaults(long latencyMinNanos, long latencyMaxNanos, long bytesPerSecond,
    boolean blackHole) {

  /** A healthy direction. */
  static final PathFaults NONE = new PathFaults(0, 0, 0, false);

  PathFaults withLatency(long minNanos, long maxNanos) {
    return new PathFaults(minNanos, maxNanos, bytesPerSecond, blackHole);
  }

  PathFaults withBandwidth(long limit) {
    return new PathFaults(latencyMinNanos, latencyMaxNanos, limit, blackHole);
  }

  PathFaults withBlackHole() {
    return new PathFaults(latencyMinNanos, latencyMaxNanos, bytesPerSecond, true);
  }

  /**
   * Returns the delay of one chunk.
   *
   * @param position where in the latency range the chunk falls, in [0, 1)
   */
  long latencyNanos(double position) {
    return latencyMinNanos + (long) ((latencyMaxNanos - latencyMinNanos) * position);
  }

  boolean healthy() {
    return equals(NONE);
  }

  @Override
  public String toString() {
    if (healthy()) {
      return "healthy";
    }
    StringBuilder text = new StringBuilder();
    if (latencyMaxNanos > 0) {
      text.append("latency ").append(Duration.ofNanos(latencyMinNanos));
      if (latencyMaxNanos != latencyMinNanos) {
        text.append("..").append(Duration.ofNanos(latencyMaxNanos));
      }
    }
    if (bytesPerSecond > 0) {
      text.append(text.length() == 0 ? "" : ", ").append(bytesPerSecond).append(" B/s");
    }
    if (blackHole) {
      text.append(text.length() == 0 ? "" : ", ").append("black hole");
    }
    return text.toString();
  }
}
