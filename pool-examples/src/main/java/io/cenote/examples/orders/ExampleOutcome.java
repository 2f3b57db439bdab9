package io.cenote.examples.orders;

import io.cenote.router.HostStats;
import java.util.List;

/**
 * What one run of the orders example did, for its tests.
 *
 * @param placed the ids of the orders placed, in order
 * @param readBack those orders as read back, in the same order
 * @param listed the newest orders as listed from a replica, newest first
 * @param rejectedOrdersLeft orders of the rejected customer found after its failed transaction
 *     (0 when the rollback left nothing)
 * @param hosts each host's routing counters at the end, primary first
 */
record ExampleOutcome(List<Long> placed, List<Order> readBack, List<Order> listed,
    long rejectedOrdersLeft, List<HostStats> hosts) {

  /** Copies the lists. */
  ExampleOutcome {
    placed = List.copyOf(placed);
    readBack = List.copyOf(readBack);
    listed = List.copyOf(listed);
    hosts = List.copyOf(hosts);
  }
}
