package io.cenote.testkit.fault;

/**
 * The SQLStates the fault driver puts on the exceptions it throws, so tests can assert on them
 * and a failure classifier can be checked against the same codes a real driver would use.
 *
 * <pre>{@code
 * assertThatThrownBy(() -> connection.commit())
 *     .isInstanceOf(SQLException.class)
 *     .extracting(e -> ((SQLException) e).getSQLState())
 *     .isEqualTo(FaultSqlStates.CONNECTION_FAILURE);
 * }</pre>
 */
public final class FaultSqlStates {

  /**
   * {@value}: a connection could not be established; the default for injected connect failures
   * and the state used while a plan is {@linkplain FaultPlan#down() down}.
   */
  public static final String CONNECT_FAILURE = "08001";

  /** {@value}: the connection (or statement) was used after it was closed. */
  public static final String CONNECTION_CLOSED = "08003";

  /**
   * {@value}: the connection failed: it was reset by a {@linkplain FaultPlan#restart() restart},
   * its network timeout elapsed during a blocked call, or it was closed or aborted from another
   * thread while a call was blocked. Also the default for injected statement failures.
   */
  public static final String CONNECTION_FAILURE = "08006";

  /**
   * {@value}: a blocked statement ran past its query timeout; thrown as a
   * {@link java.sql.SQLTimeoutException}, and the connection stays usable.
   */
  public static final String QUERY_CANCELED = "57014";

  /** {@value}: the thread was interrupted while a call was blocked; the interrupt flag is kept. */
  public static final String INTERRUPTED = "HY008";

  /** {@value}: {@code commit()} or {@code rollback()} was called in auto-commit mode. */
  public static final String NO_ACTIVE_TRANSACTION = "25P01";

  /** {@value}: a result set was read while it was not positioned on a row. */
  public static final String INVALID_CURSOR_STATE = "24000";

  /** {@value}: a result set column index or label that does not exist. */
  public static final String INVALID_COLUMN = "07009";

  /** {@value}: an argument outside its allowed range, such as a negative timeout. */
  public static final String INVALID_ARGUMENT = "22023";

  private FaultSqlStates() {}
}
