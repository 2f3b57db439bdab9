package io.cenote.testkit.fault;

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
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A real driver's connection wrapped so that a {@link FaultPlan} applies to it: every method
 * passes the same fault points as a stub connection, then delegates. Statements are wrapped too;
 * result sets and metadata are the real driver's own (so {@code ResultSet.getStatement()} returns
 * the real statement).
 */
final class WrappedConnection extends AbstractFaultConnection {

  private final Connection delegate;

  WrappedConnection(FaultPlan plan, Connection delegate) {
    super(plan);
    this.delegate = delegate;
  }

  @Override
  void closePhysical() throws SQLException {
    delegate.close();
  }

  @Override
  void abortPhysical(Executor executor) throws SQLException {
    delegate.abort(executor);
  }

  @Override
  public boolean isStub() {
    return false;
  }

  private void checkClientInfo() throws SQLClientInfoException {
    try {
      checkUsable();
    } catch (SQLException e) {
      throw new SQLClientInfoException(e.getMessage(), e.getSQLState(), Collections.emptyMap(), e);
    }
  }

  @Override
  public Statement createStatement() throws SQLException {
    checkUsable();
    return new WrappedStatement(this, delegate.createStatement());
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    checkUsable();
    return new WrappedPreparedStatement(this, delegate.prepareStatement(sql));
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    checkUsable();
    return new WrappedCallableStatement(this, delegate.prepareCall(sql));
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    checkUsable();
    return delegate.nativeSQL(sql);
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    beforeCall(NetworkCall.SET_STATE);
    delegate.setAutoCommit(autoCommit);
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkUsable();
    return delegate.getAutoCommit();
  }

  @Override
  public void commit() throws SQLException {
    beforeCall(NetworkCall.COMMIT);
    delegate.commit();
  }

  @Override
  public void rollback() throws SQLException {
    beforeCall(NetworkCall.ROLLBACK);
    delegate.rollback();
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    checkUsable();
    return delegate.getMetaData();
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    beforeCall(NetworkCall.SET_STATE);
    delegate.setReadOnly(readOnly);
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkUsable();
    return delegate.isReadOnly();
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    beforeCall(NetworkCall.SET_STATE);
    delegate.setCatalog(catalog);
  }

  @Override
  public String getCatalog() throws SQLException {
    checkUsable();
    return delegate.getCatalog();
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    beforeCall(NetworkCall.SET_STATE);
    delegate.setTransactionIsolation(level);
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkUsable();
    return delegate.getTransactionIsolation();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkUsable();
    return delegate.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkUsable();
    delegate.clearWarnings();
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency)
      throws SQLException {
    checkUsable();
    return new WrappedStatement(this,
        delegate.createStatement(resultSetType, resultSetConcurrency));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    checkUsable();
    return new WrappedPreparedStatement(this,
        delegate.prepareStatement(sql, resultSetType, resultSetConcurrency));
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    checkUsable();
    return new WrappedCallableStatement(this,
        delegate.prepareCall(sql, resultSetType, resultSetConcurrency));
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkUsable();
    return delegate.getTypeMap();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    checkUsable();
    delegate.setTypeMap(map);
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkUsable();
    delegate.setHoldability(holdability);
  }

  @Override
  public int getHoldability() throws SQLException {
    checkUsable();
    return delegate.getHoldability();
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    checkUsable();
    return delegate.setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    checkUsable();
    return delegate.setSavepoint(name);
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    beforeCall(NetworkCall.ROLLBACK);
    delegate.rollback(savepoint);
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    checkUsable();
    delegate.releaseSavepoint(savepoint);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    checkUsable();
    return new WrappedStatement(this,
        delegate.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    checkUsable();
    return new WrappedPreparedStatement(this,
        delegate.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    checkUsable();
    return new WrappedCallableStatement(this,
        delegate.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    checkUsable();
    return new WrappedPreparedStatement(this, delegate.prepareStatement(sql, autoGeneratedKeys));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    checkUsable();
    return new WrappedPreparedStatement(this, delegate.prepareStatement(sql, columnIndexes));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    checkUsable();
    return new WrappedPreparedStatement(this, delegate.prepareStatement(sql, columnNames));
  }

  @Override
  public Clob createClob() throws SQLException {
    checkUsable();
    return delegate.createClob();
  }

  @Override
  public Blob createBlob() throws SQLException {
    checkUsable();
    return delegate.createBlob();
  }

  @Override
  public NClob createNClob() throws SQLException {
    checkUsable();
    return delegate.createNClob();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    checkUsable();
    return delegate.createSQLXML();
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw Errors.invalidArgument("isValid timeout", timeout);
    }
    return passesValidation(timeout) && delegate.isValid(timeout);
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    checkClientInfo();
    delegate.setClientInfo(name, value);
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    checkClientInfo();
    delegate.setClientInfo(properties);
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    checkUsable();
    return delegate.getClientInfo(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkUsable();
    return delegate.getClientInfo();
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    checkUsable();
    return delegate.createArrayOf(typeName, elements);
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    checkUsable();
    return delegate.createStruct(typeName, attributes);
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    beforeCall(NetworkCall.SET_STATE);
    delegate.setSchema(schema);
  }

  @Override
  public String getSchema() throws SQLException {
    checkUsable();
    return delegate.getSchema();
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkUsable();
    delegate.setNetworkTimeout(executor, milliseconds);
    networkTimeoutMillis(milliseconds);
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkUsable();
    return delegate.getNetworkTimeout();
  }

  @Override
  public void beginRequest() throws SQLException {
    checkUsable();
    delegate.beginRequest();
  }

  @Override
  public void endRequest() throws SQLException {
    checkUsable();
    delegate.endRequest();
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey shardingKey, ShardingKey superShardingKey,
      int timeout) throws SQLException {
    checkUsable();
    return delegate.setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
    checkUsable();
    return delegate.setShardingKeyIfValid(shardingKey, timeout);
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey)
      throws SQLException {
    checkUsable();
    delegate.setShardingKey(shardingKey, superShardingKey);
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey) throws SQLException {
    checkUsable();
    delegate.setShardingKey(shardingKey);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
