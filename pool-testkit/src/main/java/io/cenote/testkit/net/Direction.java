package io.cenote.testkit.net;

/**
 * The way bytes travel through a {@link NetworkFaultProxy}. A fault set for one direction
 * affects only the bytes going that way; {@link #BOTH} sets it for both at once.
 */
public enum Direction {
  /** From the client to the server: in a JDBC connection, the queries. */
  UPSTREAM,
  /** From the server to the client: in a JDBC connection, the results. */
  DOWNSTREAM,
  /** {@link #UPSTREAM} and {@link #DOWNSTREAM} together. */
  BOTH;

  /** Tells whether this direction includes {@code way}, which is UPSTREAM or DOWNSTREAM. */
  boolean covers(Direction way) {
    return this == BOTH || this == way;
  }
}
