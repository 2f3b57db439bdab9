package io.cenote.pool;

/**
 * The JMX view of one pool, registered as {@code io.cenote.pool:type=Pool,name=<poolName>}
 * unless {@code registerMbean} is off: its statistics and runtime controls.
 */
public interface PoolMXBean {

  /** @return physical connections open */
  int getTotalConnections();

  /** @return connections lent to borrowers */
  int getActiveConnections();

  /** @return connections ready to be lent */
  int getIdleConnections();

  /** @return borrowers queued */
  int getWaitingThreads();

  /** @return the current permanent capacity */
  int getMaxSize();

  /** @return the current minimum kept open */
  int getMinIdle();

  /** @return the current burst allowance */
  int getMaxOverflow();

  /** @return successful borrows since start */
  long getAcquired();

  /** @return borrows that timed out since start */
  long getTimeouts();

  /** @return p99 acquire wait in milliseconds */
  double getWaitP99Millis();

  /** @return p99 hold time in milliseconds */
  double getHoldP99Millis();

  /** @return share of borrows served without waiting */
  double getHitRate();

  /** @return UP, DEGRADED or DOWN */
  String getHealth();

  /** @return whether connections are validated when lent (pre-ping), as switched live */
  boolean isValidateOnBorrow();

  /**
   * Turns validation on borrow (pre-ping) on or off live.
   *
   * @param enabled whether to validate connections when they are lent
   */
  void setValidateOnBorrow(boolean enabled);

  /**
   * Sets the permanent capacity live (minIdle is lowered with it if needed).
   *
   * @param maxSize at least 1
   */
  void setMaxSize(int maxSize);

  /**
   * Sets the minimum kept open live.
   *
   * @param minIdle 0 to maxSize
   */
  void setMinIdle(int minIdle);

  /**
   * Sets the burst allowance live.
   *
   * @param maxOverflow at least 0
   */
  void setMaxOverflow(int maxOverflow);

  /** Stops lending until {@link #resume()}. */
  void suspend();

  /** Lends again after {@link #suspend()}. */
  void resume();

  /** Closes idle connections now and busy ones on return; the pool refills with fresh ones. */
  void softEvictAll();
}
