package io.cenote.router;

import io.cenote.pool.PoolControl;

/**
 * A replica as a {@link ReplicaSelector} sees it. Implemented by the router; the load figures
 * are plain volatile reads, cheap enough for every routing decision.
 */
public interface Replica {

  /**
   * Returns the replica's name, which is its pool's name.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the replica's pool, for selectors that want more than {@link #inFlight()}: its live
   * gauges are cheap, its {@code stats()} takes a full snapshot, too slow to call for every
   * decision. It offers no way to borrow.
   *
   * @return the pool's statistics and controls
   */
  PoolControl pool();

  /**
   * Returns how many connections of this replica are lent out or waited for right now (busy
   * plus waiting), read live from the pool's counters.
   *
   * @return zero or more
   */
  int inFlight();

  /**
   * Returns the replica pool's capacity right now, {@code maxSize + maxOverflow}, following
   * {@code resize()} and adaptive sizing.
   *
   * @return at least 1
   */
  int capacity();
}
