package io.cenote.router;

import java.time.Duration;
import java.util.Objects;

/**
 * How far a replica is behind its primary, as last measured by a health check.
 *
 * @param time how long ago the newest change the replica applied was committed on the primary,
 *     {@link Duration#ZERO} when it has applied everything it received; null when unknown
 * @param bytes how many bytes of change stream the replica has not applied yet (PostgreSQL), or
 *     -1 when the database does not measure it
 * @param replicating false when replication is known to be broken (for example MySQL's
 *     {@code Seconds_Behind_Master} is NULL because a replication thread stopped)
 * @param detail a short human description of the measurement, never null
 */
public record ReplicationLag(Duration time, long bytes, boolean replicating, String detail) {

  /** A server without replication (SQLite): never lagging. */
  public static final ReplicationLag NONE = new ReplicationLag(Duration.ZERO, -1, true,
      "no replication");

  /** Checks the detail is present and bytes are -1 or more. */
  public ReplicationLag {
    Objects.requireNonNull(detail, "detail");
    if (bytes < -1) {
      throw new IllegalArgumentException("bytes must be >= -1, but was " + bytes);
    }
  }

  /**
   * A measured lag.
   *
   * @param time the time lag, or null when unknown
   * @param bytes the byte lag, or -1 when not measured
   * @param detail what was measured
   * @return the lag
   */
  public static ReplicationLag of(Duration time, long bytes, String detail) {
    return new ReplicationLag(time, bytes, true, detail);
  }

  /**
   * A replica whose replication is not running.
   *
   * @param detail why, for example {@code "Slave_SQL_Running=No"}
   * @return the lag
   */
  public static ReplicationLag stopped(String detail) {
    return new ReplicationLag(null, -1, false, detail);
  }

  /**
   * Tells whether this lag makes a replica unfit for reads.
   *
   * @param maxTime the longest acceptable time lag
   * @param maxBytes the largest acceptable byte lag, 0 for no byte limit
   * @return true when replication is broken, the time lag is unknown while it should be known,
   *     or a limit is exceeded
   */
  public boolean exceeds(Duration maxTime, long maxBytes) {
    if (!replicating) {
      return true;
    }
    if (time != null && time.compareTo(maxTime) > 0) {
      return true;
    }
    return maxBytes > 0 && bytes > maxBytes;
  }
}
