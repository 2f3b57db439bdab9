package io.cenote.pool.internal.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * The {@link Statement} a pooled connection hands out, delegating to the driver's statement.
 *
 * <p>It exists so that the pool keeps control of what the user can reach and do:
 *
 * <ul>
 *   <li>{@link #getConnection()}, and {@code getStatement()} on every result set it returns,
 *       lead back to the connection the user holds (the pooled connection proxy, or the
 *       wrapper set as the lease's holder), never to the driver's connection;
 *   <li>every execution tells the owner that an open transaction needs a rollback on return,
 *       and passes driver errors to the owner, which evicts the connection on fatal SQLStates;
 *   <li>the owner tracks open statements and closes them when the connection returns to the
 *       pool ({@code closeByOwner()}), after which this proxy refuses use even if the driver
 *       statement would not.
 * </ul>
 *
 * <p>Like the JDBC statements it wraps, it is not thread-safe: the closed flag is a plain field,
 * so the check on every call costs a field read and nothing more.
 */
public class StatementProxy implements Statement {

  /** The connection proxy that created this statement. */
  final StatementOwner owner;

  private final Statement delegate;

  private boolean closed;

  /** The last query result handed out, so repeated getResultSet() calls return one proxy. */
  private ResultSetProxy resultSet;

  /**
   * Wraps a driver statement.
   *
   * @param owner the connection proxy that created the statement
   * @param delegate the driver's statement
   */
  public StatementProxy(StatementOwner owner, Statement delegate) {
    this.owner = owner;
    this.delegate = delegate;
  }

  /**
   * Throws if this statement was closed, by the user or by the owner.
   *
   * @throws SQLException with SQLState {@code HY010} (function sequence error) when closed
   */
  final void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("statement is closed", "HY010");
    }
  }

  /**
   * Wraps a query result so its {@code getStatement()} returns this proxy. The proxy is not
   * stored anywhere, so when the caller reads and closes it in one method the JIT can elide the
   * allocation altogether.
   *
   * @param rs the driver's result set, may be null
   * @return the proxy, or null
   */
  final ResultSet wrap(ResultSet rs) {
    return rs == null ? null : new ResultSetProxy(this, rs);
  }

  /**
   * Closes the driver statement without calling {@link StatementOwner#statementClosed}; the
   * owner uses it when it closes every statement still open as the connection returns to the
   * pool. Does nothing if the statement is already closed.
   *
   * @throws SQLException as thrown by the driver, not passed to the owner's checkException
   */
  void closeByOwner() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    resultSet = null;
    delegate.close();
  }

  @Override
  public Connection getConnection() throws SQLException {
    checkOpen();
    return owner.connection();
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return wrap(delegate.executeQuery(sql));
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    checkOpen();
    ResultSet rs = delegate.getResultSet();
    if (rs == null) {
      resultSet = null;
    } else if (resultSet == null || resultSet.delegate != rs) {
      resultSet = new ResultSetProxy(this, rs);
    }
    return resultSet;
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    checkOpen();
    ResultSet rs = delegate.getGeneratedKeys();
    return rs == null ? null : new ResultSetProxy(this, rs);
  }

  /** Closes the driver statement and tells the owner, once; later calls do nothing. */
  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    resultSet = null;
    try {
      delegate.close();
    } catch (SQLException e) {
      throw owner.checkException(e);
    } finally {
      owner.statementClosed(this);
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    return closed || delegate.isClosed();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(delegate)) {
      return iface.cast(delegate);
    }
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(delegate) || iface.isInstance(this) || delegate.isWrapperFor(iface);
  }

  // Plain delegates, in the order java.sql.Statement declares them.

  @Override
  public int executeUpdate(String sql) throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.executeUpdate(sql);
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    checkOpen();
    return delegate.getMaxFieldSize();
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    checkOpen();
    delegate.setMaxFieldSize(max);
  }

  @Override
  public int getMaxRows() throws SQLException {
    checkOpen();
    return delegate.getMaxRows();
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    checkOpen();
    delegate.setMaxRows(max);
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    checkOpen();
    delegate.setEscapeProcessing(enable);
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    checkOpen();
    return delegate.getQueryTimeout();
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    checkOpen();
    delegate.setQueryTimeout(seconds);
  }

  @Override
  public void cancel() throws SQLException {
    checkOpen();
    delegate.cancel();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return delegate.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    delegate.clearWarnings();
  }

  @Override
  public void setCursorName(String name) throws SQLException {
    checkOpen();
    delegate.setCursorName(name);
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.execute(sql);
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public int getUpdateCount() throws SQLException {
    checkOpen();
    return delegate.getUpdateCount();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    checkOpen();
    return delegate.getMoreResults();
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    delegate.setFetchDirection(direction);
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return delegate.getFetchDirection();
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    delegate.setFetchSize(rows);
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return delegate.getFetchSize();
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    checkOpen();
    return delegate.getResultSetConcurrency();
  }

  @Override
  public int getResultSetType() throws SQLException {
    checkOpen();
    return delegate.getResultSetType();
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    checkOpen();
    delegate.addBatch(sql);
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    delegate.clearBatch();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.executeBatch();
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    checkOpen();
    return delegate.getMoreResults(current);
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.executeUpdate(sql, autoGeneratedKeys);
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.executeUpdate(sql, columnIndexes);
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.executeUpdate(sql, columnNames);
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.execute(sql, autoGeneratedKeys);
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.execute(sql, columnIndexes);
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.execute(sql, columnNames);
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    checkOpen();
    return delegate.getResultSetHoldability();
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    checkOpen();
    delegate.setPoolable(poolable);
  }

  @Override
  public boolean isPoolable() throws SQLException {
    checkOpen();
    return delegate.isPoolable();
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    checkOpen();
    delegate.closeOnCompletion();
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    checkOpen();
    return delegate.isCloseOnCompletion();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    checkOpen();
    return delegate.getLargeUpdateCount();
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    checkOpen();
    delegate.setLargeMaxRows(max);
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    checkOpen();
    return delegate.getLargeMaxRows();
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.executeLargeBatch();
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.executeLargeUpdate(sql);
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.executeLargeUpdate(sql, autoGeneratedKeys);
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.executeLargeUpdate(sql, columnIndexes);
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    checkOpen();
    owner.markTransactionDirty();
    try {
      return delegate.executeLargeUpdate(sql, columnNames);
    } catch (SQLException e) {
      throw owner.checkException(e);
    }
  }

  @Override
  public String enquoteLiteral(String val) throws SQLException {
    checkOpen();
    return delegate.enquoteLiteral(val);
  }

  @Override
  public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
    checkOpen();
    return delegate.enquoteIdentifier(identifier, alwaysQuote);
  }

  @Override
  public boolean isSimpleIdentifier(String identifier) throws SQLException {
    checkOpen();
    return delegate.isSimpleIdentifier(identifier);
  }

  @Override
  public String enquoteNCharLiteral(String val) throws SQLException {
    checkOpen();
    return delegate.enquoteNCharLiteral(val);
  }
}
