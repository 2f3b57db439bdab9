package io.cenote.examples.demo;

/**
 * A stage of the demo and the load the clients put on the pool during it: how long each
 * borrower holds its connection and how long it thinks between borrows.
 */
enum Phase {
  STEADY("steady", "short reads and writes; more clients than connections, little waiting",
      0.30, 1, 10, 20, 80),
  SLOW("slow queries", "holds grow to 0.2-1.1 s: borrowers queue, overflow opens, some time out",
      0.30, 200, 1_100, 0, 20),
  LEAK("leak", "a report job borrows a connection and never closes it; the pool has one less",
      0.25, 1, 10, 20, 80),
  RECOVERY("recovery", "short holds again: the queue drains and overflow connections retire",
      0.15, 1, 10, 20, 80);

  /** The shortest leak phase that surely shows the leak: threshold plus a housekeeping pass. */
  static final long MIN_LEAK_MILLIS = 3_500;

  final String title;
  final String description;
  final double share;
  final int minHoldMillis;
  final int maxHoldMillis;
  final int minThinkMillis;
  final int maxThinkMillis;

  Phase(String title, String description, double share, int minHoldMillis, int maxHoldMillis,
      int minThinkMillis, int maxThinkMillis) {
    this.title = title;
    this.description = description;
    this.share = share;
    this.minHoldMillis = minHoldMillis;
    this.maxHoldMillis = maxHoldMillis;
    this.minThinkMillis = minThinkMillis;
    this.maxThinkMillis = maxThinkMillis;
  }

  /**
   * Splits a run into phase lengths by share, giving the leak phase at least
   * {@link #MIN_LEAK_MILLIS} when the run is long enough (8 s or more) to afford it.
   *
   * @param totalMillis the whole run
   * @return each phase's length in milliseconds, in declaration order
   */
  static long[] durations(long totalMillis) {
    Phase[] all = values();
    long[] out = new long[all.length];
    long leak = Math.round(totalMillis * LEAK.share);
    if (totalMillis >= 8_000 && leak < MIN_LEAK_MILLIS) {
      leak = MIN_LEAK_MILLIS;
    }
    double otherShare = 1.0 - LEAK.share;
    long rest = totalMillis - leak;
    long assigned = 0;
    for (Phase p : all) {
      if (p != LEAK && p != RECOVERY) {
        out[p.ordinal()] = Math.round(rest * p.share / otherShare);
        assigned += out[p.ordinal()];
      }
    }
    out[LEAK.ordinal()] = leak;
    out[RECOVERY.ordinal()] = rest - assigned;
    return out;
  }
}
