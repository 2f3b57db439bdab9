package io.cenote.pool;

/**
 * Thrown by a {@link ResourcePool} that has been closed. ({@link ConnectionPool} reports the same
 * condition as an {@link java.sql.SQLNonTransientConnectionException}, as JDBC callers expect.)
 */
public final class PoolClosedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String poolName;

  /**
   * Creates the exception.
   *
   * @param poolName the closed pool's name
   */
  public PoolClosedException(String poolName) {
    super("pool '" + poolName + "' is closed");
    this.poolName = poolName;
  }

  /** @return the closed pool's name */
  public String poolName() {
    return poolName;
  }
}
