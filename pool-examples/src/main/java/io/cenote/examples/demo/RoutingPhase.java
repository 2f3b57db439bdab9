package io.cenote.examples.demo;

/** A stage of the routing part: what happens to the second replica during it. */
enum RoutingPhase {
  BALANCED("balanced", "writes go to the writer, reads alternate between the two replicas",
      0.35),
  OUTAGE("replica down", RoutingCluster.REPLICA_2 + " stops: the router excludes it and its"
      + " reads move to " + RoutingCluster.REPLICA_1, 0.35),
  RECOVERED("replica back", RoutingCluster.REPLICA_2 + " accepts connections again: the next"
      + " health check re-admits it", 0.30);

  /**
   * The shortest recovery that surely shows the re-admission: a health-check interval, the
   * check itself and a margin for a loaded machine.
   */
  static final long MIN_RECOVERY_MILLIS = 1_500;

  final String title;
  final String description;
  final double share;

  RoutingPhase(String title, String description, double share) {
    this.title = title;
    this.description = description;
    this.share = share;
  }

  /**
   * Splits a run into phase lengths by share; the last phase takes the rounding.
   *
   * @param totalMillis the whole routing part
   * @return each phase's length in milliseconds, in declaration order
   */
  static long[] durations(long totalMillis) {
    RoutingPhase[] all = values();
    long[] out = new long[all.length];
    long assigned = 0;
    for (int i = 0; i < all.length - 1; i++) {
      out[i] = Math.round(totalMillis * all[i].share);
      assigned += out[i];
    }
    out[all.length - 1] = totalMillis - assigned;
    return out;
  }
}
