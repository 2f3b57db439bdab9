package io.cenote.pool.internal.jdbc;

import io.cenote.pool.LeasedConnection;
import io.cenote.pool.TransactionListener;
import io.cenote.pool.internal.Pool;
import io.cenote.pool.internal.PoolEntry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The connection a borrower holds: one per borrow, so a handle kept after {@code close()} can
 * never reach the next borrower's connection. {@code close()} returns the physical connection to
 * the pool (closing the statements it opened); using the proxy after that throws. State changes
 * (auto-commit, read-only, isolation, catalog, schema) and executed statements are noted so the
 * pool restores only what changed and rolls back only a transaction that did work. A fatal
 * driver error marks the physical connection broken, so it is closed instead of lent again.
 *
 * <p>The lease hooks of {@link LeasedConnection} (holder, transaction listener, commit outcome)
 * are plain fields of this per-borrow object, so they start clear on every borrow; unused, they
 * cost a null check where they would fire (one in {@code close()}) and no allocation.
 */
public final class ConnectionProxy implements LeasedConnection, StatementOwner {

  private static final VarHandle CLOSED;

  static {
    try {
      CLOSED = MethodHandles.lookup().findVarHandle(ConnectionProxy.class, "closed",
          boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // One proxy is allocated per borrow, so its fields are kept to what fits in 40 bytes (with
  // compressed references): the pooled state is reached through the entry, and the statement
  // timeout lives there too.
  private final Pool<JdbcConnection> pool;
  private final PoolEntry<JdbcConnection> entry;
  private final Connection raw;
  private ArrayList<StatementProxy> statements;
  /** The wrapper the user holds, from {@link #setHolder}; null while nobody wraps this lease. */
  private Connection holder;
  /** Hears this lease's transactions and its end; null while nobody listens. */
  private TransactionListener listener;
  /** Set by every commit: true when it failed in a way that leaves its outcome unknown. */
  private boolean commitOutcomeUnknown;
  private volatile boolean closed;

  /**
   * Wraps a borrowed entry.
   *
   * @param pool the pool it came from
   * @param entry the borrowed entry
   */
  public ConnectionProxy(Pool<JdbcConnection> pool, PoolEntry<JdbcConnection> entry) {
    this.pool = pool;
    this.entry = entry;
    this.raw = entry.resource().raw;
  }

  /** The physical connection's state, which only the thread owning the entry writes. */
  private JdbcConnection state() {
    return entry.resource();
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("connection is closed", "08003");
    }
  }

  // ---- StatementOwner ---------------------------------------------------------------------

  @Override
  public Connection connection() {
    Connection h = holder;
    return h != null ? h : this;
  }

  @Override
  public SQLException checkException(SQLException e) {
    if (SqlStates.isFatal(e)) {
      state().broken = true;
    }
    return e;
  }

  @Override
  public void statementClosed(Statement statement) {
    if (statements != null) {
      statements.remove(statement);
    }
  }

  @Override
  public void markTransactionDirty() {
    state().transactionDirty = true;
  }

  private <S extends StatementProxy> S track(S statement) throws SQLException {
    int timeout = state().defaultQueryTimeoutSeconds;
    if (timeout > 0) {
      statement.setQueryTimeout(timeout);
    }
    if (statements == null) {
      statements = new ArrayList<>(4);
    }
    statements.add(statement);
    return statement;
  }

  // ---- lease lifecycle --------------------------------------------------------------------

  @Override
  public void close() throws SQLException {
    if (!markClosed()) {
      return;
    }
    try {
      closeStatements();
      if (state().broken) {
        pool.invalidate(entry);
      } else {
        pool.release(entry);
      }
    } finally {
      leaseEnded();
    }
  }

  /**
   * Closes the lease exactly once: two threads closing the same handle must not both return the
   * entry, or the second could return it from under its next borrower.
   */
  private boolean markClosed() {
    return !closed && CLOSED.compareAndSet(this, false, true);
  }

  private void closeStatements() {
    if (statements == null) {
      return;
    }
    for (StatementProxy s : statements) {
      try {
        s.closeByOwner();
      } catch (SQLException e) {
        checkException(e);
      }
    }
    statements = null;
  }

  @Override
  public boolean isClosed() throws SQLException {
    return closed;
  }

  @Override
  public long connectionId() {
    return entry.id();
  }

  @Override
  public void invalidate() throws SQLException {
    if (!markClosed()) {
      return;
    }
    try {
      closeStatements();
      pool.invalidate(entry);
    } finally {
      leaseEnded();
    }
  }

  @Override
  public Connection detach() throws SQLException {
    if (!markClosed()) {
      throw new SQLException("connection is closed", "08003");
    }
    try {
      closeStatements();
      if (!pool.detach(entry)) {
        throw new SQLException("connection was reclaimed by the pool", "08003");
      }
      return raw;
    } finally {
      leaseEnded();
    }
  }

  /** Tells the listener, if any, that the lease is over; the one caller that closed it does. */
  private void leaseEnded() {
    TransactionListener l = listener;
    if (l != null) {
      TransactionEvents.leaseClosed(l, pool.name(), entry.id());
    }
  }

  @Override
  public void setTransactionListener(TransactionListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (closed) {
      throw new IllegalStateException("connection " + entry.id() + " of pool '" + pool.name()
          + "' is closed");
    }
    if (this.listener != null) {
      throw new IllegalStateException("connection " + entry.id() + " of pool '" + pool.name()
          + "' already has a transaction listener");
    }
    this.listener = listener;
    if (!autoCommitOn(state())) {
      TransactionEvents.began(listener, pool.name(), entry.id());
    }
  }

  @Override
  public void setHolder(Connection holder) {
    Objects.requireNonNull(holder, "holder");
    if (this.holder != null && this.holder != holder) {
      throw new IllegalStateException("connection " + entry.id() + " of pool '" + pool.name()
          + "' already has a holder");
    }
    this.holder = holder;
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    // Claim the lease before aborting: an abort that checked and then lost the race to a
    // concurrent close() would kill the connection after it went back to the pool.
    if (!markClosed()) {
      return;
    }
    try {
      raw.abort(executor);
    } finally {
      try {
        closeStatements();
        pool.invalidate(entry);
      } finally {
        leaseEnded();
      }
    }
  }

  // ---- statements -------------------------------------------------------------------------

  @Override
  public Statement createStatement() throws SQLException {
    checkOpen();
    try {
      return track(new StatementProxy(this, raw.createStatement()));
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency)
      throws SQLException {
    checkOpen();
    try {
      return track(new StatementProxy(this,
          raw.createStatement(resultSetType, resultSetConcurrency)));
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    checkOpen();
    try {
      return track(new StatementProxy(this,
          raw.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability)));
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    checkOpen();
    try {
      return track(new PreparedStatementProxy(this, raw.prepareStatement(sql)));
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType,
      int resultSetConcurrency) throws SQLException {
    checkOpen();
    try {
      return track(new PreparedStatementProxy(this,
          raw.prepareStatement(sql, resultSetType, resultSetConcurrency)));
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    checkOpen();
    try {
      return track(new PreparedStatementProxy(this,
          raw.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability)));
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys)
      throws SQLException {
    checkOpen();
    try {
      return track(new PreparedStatementProxy(this, raw.prepareStatement(sql, autoGeneratedKeys)));
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    checkOpen();
    try {
      return track(new PreparedStatementProxy(this, raw.prepareStatement(sql, columnIndexes)));
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames)
      throws SQLException {
    checkOpen();
    try {
      return track(new PreparedStatementProxy(this, raw.prepareStatement(sql, columnNames)));
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    checkOpen();
    try {
      return track(new CallableStatementProxy(this, raw.prepareCall(sql)));
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    checkOpen();
    try {
      return track(new CallableStatementProxy(this,
          raw.prepareCall(sql, resultSetType, resultSetConcurrency)));
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    checkOpen();
    try {
      return track(new CallableStatementProxy(this,
          raw.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability)));
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  // ---- transaction and session state (tracked for reset on return) ------------------------

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    JdbcConnection state = state();
    boolean wasOn = autoCommitOn(state);
    // Switching auto-commit on commits the open transaction: it counts as a commit.
    boolean commits = autoCommit && !wasOn;
    try {
      raw.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      if (commits) {
        commitOutcomeUnknown = state.transactionDirty && outcomeUnknown(e);
      }
      throw checkException(e);
    }
    state.autoCommitChanged = autoCommit != state.autoCommit;
    if (autoCommit) {
      state.transactionDirty = false;
    }
    if (commits) {
      commitOutcomeUnknown = false;
    }
    TransactionListener l = listener;
    if (l != null && autoCommit != wasOn) {
      if (commits) {
        TransactionEvents.ended(l, true, pool.name(), entry.id());
      } else {
        TransactionEvents.began(l, pool.name(), entry.id());
      }
    }
  }

  /** Whether a listener waits to hear that the transaction open now ends (auto-commit off). */
  private boolean listenedTransaction() {
    return listener != null && !autoCommitOn(state());
  }

  /**
   * After {@code commit()} or {@code rollback()} in a transaction the listener heard begin: it
   * ended, and the next one is open. Decided before the call, while this thread surely owns the
   * entry's state. The end is told even when another thread closed the lease meanwhile (a
   * commit must not go unheard); the next beginning is not.
   */
  private void transactionOver(boolean listened, boolean committed) {
    if (listened) {
      TransactionEvents.ended(listener, committed, pool.name(), entry.id());
      if (!closed) {
        TransactionEvents.began(listener, pool.name(), entry.id());
      }
    }
  }

  /** Auto-commit as the borrower left it: the initial mode unless a change was noted. */
  private static boolean autoCommitOn(JdbcConnection state) {
    return state.autoCommit != state.autoCommitChanged;
  }

  /**
   * Whether a commit that threw may have committed all the same: the connection failed, the
   * call was cut short, or the lease was aborted or closed from another thread meanwhile.
   */
  private boolean outcomeUnknown(SQLException e) {
    return SqlStates.leavesCommitUnknown(e) || closed || Thread.currentThread().isInterrupted();
  }

  @Override
  public boolean commitOutcomeUnknown() {
    return commitOutcomeUnknown;
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    try {
      return raw.getAutoCommit();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void commit() throws SQLException {
    checkOpen();
    boolean listened = listenedTransaction();
    try {
      raw.commit();
    } catch (SQLException e) {
      commitOutcomeUnknown = outcomeUnknown(e);
      SQLException thrown = checkException(e);
      transactionOver(listened, false);
      throw thrown;
    }
    commitOutcomeUnknown = false;
    state().transactionDirty = false;
    transactionOver(listened, true);
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    boolean listened = listenedTransaction();
    try {
      raw.rollback();
    } catch (SQLException e) {
      SQLException thrown = checkException(e);
      transactionOver(listened, false);
      throw thrown;
    }
    state().transactionDirty = false;
    transactionOver(listened, false);
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    checkOpen();
    try {
      raw.rollback(savepoint);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    checkOpen();
    markTransactionDirty();
    try {
      return raw.setSavepoint();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    checkOpen();
    markTransactionDirty();
    try {
      return raw.setSavepoint(name);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    checkOpen();
    try {
      raw.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    try {
      raw.setReadOnly(readOnly);
    } catch (SQLException e) {
      throw checkException(e);
    }
    JdbcConnection state = state();
    state.readOnlyChanged = readOnly != state.readOnly;
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    try {
      return raw.isReadOnly();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    try {
      raw.setTransactionIsolation(level);
    } catch (SQLException e) {
      throw checkException(e);
    }
    JdbcConnection state = state();
    state.isolationChanged = level != state.isolation;
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    try {
      return raw.getTransactionIsolation();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    checkOpen();
    try {
      raw.setCatalog(catalog);
    } catch (SQLException e) {
      throw checkException(e);
    }
    state().catalogChanged = true;
  }

  @Override
  public String getCatalog() throws SQLException {
    checkOpen();
    try {
      return raw.getCatalog();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen();
    try {
      raw.setSchema(schema);
    } catch (SQLException e) {
      throw checkException(e);
    }
    state().schemaChanged = true;
  }

  @Override
  public String getSchema() throws SQLException {
    checkOpen();
    try {
      return raw.getSchema();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  // ---- plain delegation -------------------------------------------------------------------

  @Override
  public String nativeSQL(String sql) throws SQLException {
    checkOpen();
    try {
      return raw.nativeSQL(sql);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    checkOpen();
    try {
      return new DatabaseMetaDataProxy(this, raw.getMetaData());
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    try {
      return raw.getWarnings();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    try {
      raw.clearWarnings();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkOpen();
    try {
      return raw.getTypeMap();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    checkOpen();
    try {
      raw.setTypeMap(map);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkOpen();
    try {
      raw.setHoldability(holdability);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    try {
      return raw.getHoldability();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public Clob createClob() throws SQLException {
    checkOpen();
    try {
      return raw.createClob();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public Blob createBlob() throws SQLException {
    checkOpen();
    try {
      return raw.createBlob();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public NClob createNClob() throws SQLException {
    checkOpen();
    try {
      return raw.createNClob();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    checkOpen();
    try {
      return raw.createSQLXML();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (closed) {
      return false;
    }
    boolean valid = raw.isValid(timeout);
    if (!valid) {
      state().broken = true;
    }
    return valid;
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    checkOpenForClientInfo();
    raw.setClientInfo(name, value);
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    checkOpenForClientInfo();
    raw.setClientInfo(properties);
  }

  /** As {@link #checkOpen()}, in the exception type {@code setClientInfo} may throw. */
  private void checkOpenForClientInfo() throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("connection is closed", "08003", Map.of());
    }
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    checkOpen();
    try {
      return raw.getClientInfo(name);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkOpen();
    try {
      return raw.getClientInfo();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    checkOpen();
    try {
      return raw.createArrayOf(typeName, elements);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    checkOpen();
    try {
      return raw.createStruct(typeName, attributes);
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkOpen();
    try {
      raw.setNetworkTimeout(executor, milliseconds);
    } catch (SQLException e) {
      throw checkException(e);
    }
    JdbcConnection state = state();
    state.networkTimeoutChanged = milliseconds != state.networkTimeout;
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkOpen();
    try {
      return raw.getNetworkTimeout();
    } catch (SQLException e) {
      throw checkException(e);
    }
  }

  /**
   * Unwraps to the driver's connection, or to this lease ({@link LeasedConnection}). The lease
   * itself is handed out after close too, so {@link #commitOutcomeUnknown()} can be read once
   * try-with-resources has closed the connection; the driver's connection is not.
   */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    checkOpen();
    if (iface.isInstance(raw)) {
      return iface.cast(raw);
    }
    return raw.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return true;
    }
    checkOpen();
    return iface.isInstance(raw) || raw.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "ConnectionProxy{pool=" + pool.name() + ", connection=" + entry.id()
        + (closed ? ", closed" : "") + "}";
  }
}
