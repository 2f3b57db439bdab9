package io.cenote.testkit.fault;

/**
 * The calls on a fault connection that talk to the (simulated) server, and so can be made to
 * {@linkplain FaultPlan#hang(FaultTrigger, NetworkCall, NetworkCall...) hang}.
 */
public enum NetworkCall {
  /** {@link java.sql.Connection#isValid(int)}. */
  IS_VALID,
  /** {@code execute}, {@code executeQuery}, {@code executeUpdate} and {@code executeBatch}. */
  EXECUTE,
  /** {@link java.sql.Connection#commit()}. */
  COMMIT,
  /** {@link java.sql.Connection#rollback()}. */
  ROLLBACK,
  /**
   * Changes of session state: {@code setAutoCommit}, {@code setReadOnly},
   * {@code setTransactionIsolation}, {@code setCatalog} and {@code setSchema}.
   */
  SET_STATE;

  /** Every network call, as a bit mask. */
  static final int ALL = (1 << values().length) - 1;

  /** This call as a bit in a mask. */
  int bit() {
    return 1 << ordinal();
  }
}
