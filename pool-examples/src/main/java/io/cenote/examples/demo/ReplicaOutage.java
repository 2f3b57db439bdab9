package io.cenote.examples.demo;

import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;

/**
 * Takes the second replica down and brings it back, through the fault plan of its
 * {@code jdbc:cenote-fault:} URL: while down, new connections fail with SQLState {@code 08001}
 * and the connections that were open are reset ({@code 08006} on any use), as when a replica
 * server stops. Nothing else is faked: the router notices through its health check (its own
 * connection), the replica pool's failed connects and the reads that break, exactly as it would
 * for a server.
 */
final class ReplicaOutage implements AutoCloseable {

  private final FaultPlan plan;

  /**
   * Creates the switch; the replica stays up until {@link #begin()}.
   *
   * @param replicaUrl the replica's {@code jdbc:cenote-fault:} URL
   */
  ReplicaOutage(String replicaUrl) {
    this.plan = FaultDriver.plan(replicaUrl);
    plan.reset();
  }

  /** Refuses new connections and resets the open ones. */
  void begin() {
    plan.down();
    plan.restart();
  }

  /** Accepts connections again; the reset ones stay broken until the pool replaces them. */
  void end() {
    plan.up();
  }

  /** @return connections refused while down so far */
  long refusedConnects() {
    return plan.stats().connectFailures();
  }

  /** Clears every fault of the plan. */
  @Override
  public void close() {
    plan.reset();
  }
}
