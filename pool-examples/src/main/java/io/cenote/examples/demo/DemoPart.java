package io.cenote.examples.demo;

import java.util.Locale;

/**
 * Which parts of the demo run ({@code --part}): the pool under load, read/write routing through
 * a cluster, or both, one after the other on the same SQLite file.
 */
enum DemoPart {
  POOL(24, 3),
  ROUTING(12, 3),
  ALL(36, 6);

  /** Share of an {@link #ALL} run given to the routing part. */
  static final double ROUTING_SHARE = 1.0 / 3;

  final int defaultSeconds;
  final int minSeconds;

  DemoPart(int defaultSeconds, int minSeconds) {
    this.defaultSeconds = defaultSeconds;
    this.minSeconds = minSeconds;
  }

  /**
   * Parses an option value, ignoring case.
   *
   * @param value {@code pool}, {@code routing} or {@code all}
   * @return the part
   * @throws IllegalArgumentException naming {@code --part} and the bad value
   */
  static DemoPart parse(String value) {
    for (DemoPart p : values()) {
      if (p.label().equalsIgnoreCase(value.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "--part must be one of pool, routing, all, but was '" + value + "'");
  }

  /** @return the option value that selects this part */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return whether the pool-under-load part runs */
  boolean includesPool() {
    return this != ROUTING;
  }

  /** @return whether the routing part runs */
  boolean includesRouting() {
    return this != POOL;
  }

  /**
   * Splits the run time between the parts that run.
   *
   * @param totalMillis the whole run
   * @return the pool part's and the routing part's milliseconds (0 for a part that does not run)
   */
  long[] split(long totalMillis) {
    return switch (this) {
      case POOL -> new long[] {totalMillis, 0};
      case ROUTING -> new long[] {0, totalMillis};
      case ALL -> {
        long routing = Math.round(totalMillis * ROUTING_SHARE);
        yield new long[] {totalMillis - routing, routing};
      }
    };
  }
}
