package io.cenote.router;

import io.cenote.pool.ConnectionPool;

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
   * Returns the replica's pool, for selectors that want more than {@link #inFlight()}. Its
   * {@code stats()} takes a full snapshot: too slow to call for every decision.
   *
   * @return the pool
   */
  ConnectionPool pool();

  /**
   * Returns how many connections of this replica are lent out or being borrowed right now
   * (busy plus waiting). Counted only when the cluster's selector
   * {@linkplain ReplicaSelector#readsLoad() reads load}; otherwise always zero.
   *
   * @return zero or more
   */
  int inFlight();

  /**
   * Returns the replica pool's configured capacity, {@code maxSize + maxOverflow}.
   *
   * @return at least 1
   */
  int capacity();
}
