package io.cenote.pool;

import java.util.Map;

/**
 * A point-in-time snapshot of one pool. Gauges ({@code total}, {@code active}, ...) describe the
 * moment of the snapshot; counters ({@code created}, {@code acquired}, ...) count since start.
 * Taking a snapshot reads every counter once and never blocks borrowers.
 *
 * @param poolName the pool's name
 * @param total physical connections open
 * @param active connections lent to borrowers
 * @param idle connections ready to be lent
 * @param waiting borrowers queued for a connection
 * @param overflowInUse connections open beyond maxSize
 * @param peakTotal the most connections ever open at once
 * @param maxSize the current permanent capacity
 * @param maxOverflow the current burst allowance beyond maxSize
 * @param minIdle the current minimum kept open
 * @param created connections opened
 * @param destroyed connections closed, by reason
 * @param acquired successful borrows
 * @param released returns
 * @param timeouts borrows that gave up after acquireTimeout
 * @param validations validations run (pre-ping and keepalive)
 * @param validationFailures validations that failed
 * @param creationFailures failed attempts to open a connection
 * @param waitTime time borrowers waited (borrows served at once count as zero)
 * @param holdTime time borrowers held connections
 * @param hitRate share of borrows served by an idle connection without waiting, 0.0 to 1.0
 * @param utilisation active divided by maxSize, 0.0 to 1.0 (above 1.0 when overflow is in use)
 * @param suspended whether the pool is suspended
 * @param closed whether the pool is closed
 */
public record PoolStats(
    String poolName,
    int total,
    int active,
    int idle,
    int waiting,
    int overflowInUse,
    int peakTotal,
    int maxSize,
    int maxOverflow,
    int minIdle,
    long created,
    Map<CloseReason, Long> destroyed,
    long acquired,
    long released,
    long timeouts,
    long validations,
    long validationFailures,
    long creationFailures,
    TimeStats waitTime,
    TimeStats holdTime,
    double hitRate,
    double utilisation,
    boolean suspended,
    boolean closed) {

  /** Copies the map so the snapshot stays immutable. */
  public PoolStats {
    destroyed = Map.copyOf(destroyed);
  }

  /** @return connections closed for any reason */
  public long destroyedTotal() {
    return destroyed.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * One line for logs and exception messages, e.g.
   * {@code total=10, active=10, idle=0, waiting=3}.
   *
   * @return the gauges as text
   */
  public String gauges() {
    return "total=" + total + ", active=" + active + ", idle=" + idle + ", waiting=" + waiting;
  }
}
