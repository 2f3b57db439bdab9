package io.cenote.pool;

import java.time.Duration;

/**
 * Thrown when a pool cannot open its first connection within
 * {@code initializationFailTimeout}. The cause is the driver's last error.
 */
public final class PoolInitializationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String poolName;

  /**
   * Creates the exception.
   *
   * @param poolName the pool's name
   * @param timeout how long start-up tried
   * @param cause the last error from opening a connection
   */
  public PoolInitializationException(String poolName, Duration timeout, Throwable cause) {
    super("pool '" + poolName + "' could not open a connection within " + timeout.toMillis()
        + " ms (initializationFailTimeout): " + cause, cause);
    this.poolName = poolName;
  }

  /** @return the pool's name */
  public String poolName() {
    return poolName;
  }
}
