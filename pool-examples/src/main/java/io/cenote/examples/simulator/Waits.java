package io.cenote.examples.simulator;

import io.cenote.pool.DurationHistogram;
import io.cenote.pool.PoolControl;
import java.util.ArrayList;
import java.util.List;

/**
 * The wait-time distribution of a pool, as the report's bars: one bar per doubling of the
 * wait, from "at most about 0.13 ms" (which holds the borrows served at once) up to the
 * longest wait. The bounds are {@code 2^k - 1} nanoseconds, where the histogram's counts are
 * exact.
 */
final class Waits {

  /** The first bar's bound: 2^17 - 1 ns, about 0.13 ms. */
  private static final int FIRST_POWER = 17;
  /** The last possible bound: 2^40 - 1 ns, about 18 minutes. */
  private static final int LAST_POWER = 40;

  private Waits() {}

  /**
   * Reads the pool's acquire-wait histogram into bars.
   *
   * @param pool the pool, or null
   * @return the bars up to the one holding the longest wait; empty when nothing was borrowed
   */
  static List<WaitBucket> of(PoolControl pool) {
    if (pool == null) {
      return List.of();
    }
    DurationHistogram h = pool.stats().waitTime().histogram();
    List<WaitBucket> bars = new ArrayList<>();
    long below = 0;
    for (int k = FIRST_POWER; k <= LAST_POWER && below < h.count(); k++) {
      long bound = (1L << k) - 1;
      long upTo = h.countAtOrBelow(bound);
      bars.add(new WaitBucket(bound / 1e6, upTo - below));
      below = upTo;
    }
    return bars;
  }
}
