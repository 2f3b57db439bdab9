package io.cenote.router.internal;

import io.cenote.pool.LeasedConnection;
import io.cenote.pool.PoolConfig;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A cluster connection that chooses its host at first real use.
 *
 * <p>Until then ({@link #bind()}), setters ({@code setAutoCommit}, {@code setReadOnly},
 * {@code setTransactionIsolation}, catalog, schema, holdability, network timeout, client info,
 * type map) are only recorded, and getters answer from the recorded state or the primary pool's
 * configured defaults. The first call that needs the database (a statement, metadata, a
 * savepoint, a getter whose answer only the server knows) borrows a connection: from a replica
 * when {@code setReadOnly(true)} was called, else from the write host; the recorded state is
 * replayed onto it (auto-commit last, because read-only and isolation cannot change inside a
 * transaction). From then on the connection stays bound and every call is delegated.
 * {@code commit()} and {@code rollback()} on an unbound connection do nothing: no work was done.
 *
 * <p>Its one job is that lazy choice. The borrow goes through the cluster's attempts like every
 * other (breakers and retry with a resilience section); a write connection's transaction
 * boundaries reach its session through the pooled connection itself (see
 * {@code WriteSession}), whichever handle the user commits through. The pooled connection is told
 * that this object is its holder, so {@code Statement.getConnection()} and
 * {@code DatabaseMetaData.getConnection()} return this object, never the connection inside.
 *
 * <p>Not thread-safe, like a JDBC connection.
 */
final class RoutedConnection implements Connection {

  private static final int UNSET = Integer.MIN_VALUE;

  private final ClusterCore core;
  private final SessionState session;
  private final SessionDefaults defaults;
  private Connection physical;
  private Host host;
  private boolean closed;

  private Boolean autoCommit;
  private Boolean readOnly;
  private int isolation = UNSET;
  private int holdability = UNSET;
  private boolean catalogSet;
  private String catalog;
  private boolean schemaSet;
  private String schema;
  private Executor networkExecutor;
  private int networkTimeout = UNSET;
  private Properties clientInfo;
  private Map<String, Class<?>> typeMap;

  RoutedConnection(ClusterCore core, SessionState session, SessionDefaults defaults) {
    this.core = core;
    this.session = session;
    this.defaults = defaults;
  }

  private void ensureOpen() throws SQLException {
    if (closed) {
      throw new SQLException("connection is closed", "08003");
    }
  }

  /** Borrows the physical connection on first real use and replays the recorded state. */
  private Connection bind() throws SQLException {
    ensureOpen();
    if (physical == null) {
      Leased lease = Boolean.TRUE.equals(readOnly)
          ? core.bindRead(session) : core.bindWrite(session);
      try {
        lease.connection().unwrap(LeasedConnection.class).setHolder(this);
        replay(lease.connection());
      } catch (SQLException | RuntimeException e) {
        closeQuietly(lease.connection(), e);
        throw e;
      }
      physical = lease.connection();
      host = lease.host();
    }
    return physical;
  }

  private void replay(Connection c) throws SQLException {
    if (readOnly != null) {
      c.setReadOnly(readOnly);
    }
    if (isolation != UNSET) {
      c.setTransactionIsolation(isolation);
    }
    if (catalogSet) {
      c.setCatalog(catalog);
    }
    if (schemaSet) {
      c.setSchema(schema);
    }
    if (holdability != UNSET) {
      c.setHoldability(holdability);
    }
    if (typeMap != null) {
      c.setTypeMap(typeMap);
    }
    if (clientInfo != null) {
      c.setClientInfo(clientInfo);
    }
    if (networkTimeout != UNSET) {
      c.setNetworkTimeout(networkExecutor, networkTimeout);
    }
    if (autoCommit != null) {
      c.setAutoCommit(autoCommit);
    }
  }

  private static void closeQuietly(Connection c, Exception primaryError) {
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      primaryError.addSuppressed(e);
    }
  }

  // ---------------------------------------------------------------- state, recorded until bound

  @Override
  public void setAutoCommit(boolean value) throws SQLException {
    ensureOpen();
    if (physical == null) {
      autoCommit = value;
      return;
    }
    physical.setAutoCommit(value);
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    ensureOpen();
    if (physical != null) {
      return physical.getAutoCommit();
    }
    return autoCommit != null ? autoCommit : defaults.autoCommit();
  }

  @Override
  public void setReadOnly(boolean value) throws SQLException {
    ensureOpen();
    if (physical == null) {
      readOnly = value;
    } else {
      physical.setReadOnly(value);
    }
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    ensureOpen();
    if (physical != null) {
      return physical.isReadOnly();
    }
    return readOnly != null ? readOnly : defaults.readOnly();
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    ensureOpen();
    if (physical == null) {
      isolation = level;
    } else {
      physical.setTransactionIsolation(level);
    }
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    ensureOpen();
    if (physical == null) {
      if (isolation != UNSET) {
        return isolation;
      }
      if (defaults.isolation() != PoolConfig.DRIVER_DEFAULT_ISOLATION) {
        return defaults.isolation();
      }
    }
    return bind().getTransactionIsolation();
  }

  @Override
  public void setCatalog(String value) throws SQLException {
    ensureOpen();
    if (physical == null) {
      catalogSet = true;
      catalog = value;
    } else {
      physical.setCatalog(value);
    }
  }

  @Override
  public String getCatalog() throws SQLException {
    ensureOpen();
    if (physical == null) {
      if (catalogSet) {
        return catalog;
      }
      if (defaults.catalog() != null) {
        return defaults.catalog();
      }
    }
    return bind().getCatalog();
  }

  @Override
  public void setSchema(String value) throws SQLException {
    ensureOpen();
    if (physical == null) {
      schemaSet = true;
      schema = value;
    } else {
      physical.setSchema(value);
    }
  }

  @Override
  public String getSchema() throws SQLException {
    ensureOpen();
    if (physical == null) {
      if (schemaSet) {
        return schema;
      }
      if (defaults.schema() != null) {
        return defaults.schema();
      }
    }
    return bind().getSchema();
  }

  @Override
  public void setHoldability(int value) throws SQLException {
    ensureOpen();
    if (physical == null) {
      holdability = value;
    } else {
      physical.setHoldability(value);
    }
  }

  @Override
  public int getHoldability() throws SQLException {
    ensureOpen();
    if (physical == null && holdability != UNSET) {
      return holdability;
    }
    return bind().getHoldability();
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    ensureOpen();
    if (physical == null) {
      networkExecutor = executor;
      networkTimeout = milliseconds;
    } else {
      physical.setNetworkTimeout(executor, milliseconds);
    }
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    ensureOpen();
    if (physical == null && networkTimeout != UNSET) {
      return networkTimeout;
    }
    return bind().getNetworkTimeout();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    ensureOpen();
    if (physical == null) {
      typeMap = new HashMap<>(map);
    } else {
      physical.setTypeMap(map);
    }
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    ensureOpen();
    if (physical == null && typeMap != null) {
      return new HashMap<>(typeMap);
    }
    return bind().getTypeMap();
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("connection is closed", "08003",
          Map.of(name, ClientInfoStatus.REASON_UNKNOWN));
    }
    if (physical == null) {
      if (clientInfo == null) {
        clientInfo = new Properties();
      }
      if (value == null) {
        clientInfo.remove(name);
      } else {
        clientInfo.setProperty(name, value);
      }
    } else {
      physical.setClientInfo(name, value);
    }
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("connection is closed", "08003", Map.of());
    }
    if (physical == null) {
      clientInfo = new Properties();
      clientInfo.putAll(properties);
    } else {
      physical.setClientInfo(properties);
    }
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    ensureOpen();
    if (physical == null && clientInfo != null && clientInfo.containsKey(name)) {
      return clientInfo.getProperty(name);
    }
    return bind().getClientInfo(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    return bind().getClientInfo();
  }

  // ---------------------------------------------------------------- transaction control

  @Override
  public void commit() throws SQLException {
    ensureOpen();
    if (physical != null) {
      physical.commit();
    }
  }

  @Override
  public void rollback() throws SQLException {
    ensureOpen();
    if (physical != null) {
      physical.rollback();
    }
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    bind().rollback(savepoint);
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return bind().setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    return bind().setSavepoint(name);
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    bind().releaseSavepoint(savepoint);
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    if (physical != null) {
      physical.close();
    }
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    if (physical != null) {
      physical.abort(executor);
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    return closed || (physical != null && physical.isClosed());
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (closed) {
      return false;
    }
    return physical == null || physical.isValid(timeout);
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    ensureOpen();
    return physical == null ? null : physical.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    ensureOpen();
    if (physical != null) {
      physical.clearWarnings();
    }
  }

  // ---------------------------------------------------------------- first real use binds

  @Override
  public Statement createStatement() throws SQLException {
    return bind().createStatement();
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return bind().createStatement(resultSetType, resultSetConcurrency);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    return bind().createStatement(resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return bind().prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType,
      int resultSetConcurrency) throws SQLException {
    return bind().prepareStatement(sql, resultSetType, resultSetConcurrency);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return bind().prepareStatement(sql, resultSetType, resultSetConcurrency,
        resultSetHoldability);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys)
      throws SQLException {
    return bind().prepareStatement(sql, autoGeneratedKeys);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes)
      throws SQLException {
    return bind().prepareStatement(sql, columnIndexes);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames)
      throws SQLException {
    return bind().prepareStatement(sql, columnNames);
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    return bind().prepareCall(sql);
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return bind().prepareCall(sql, resultSetType, resultSetConcurrency);
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    return bind().prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    return bind().nativeSQL(sql);
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return bind().getMetaData();
  }

  @Override
  public Clob createClob() throws SQLException {
    return bind().createClob();
  }

  @Override
  public Blob createBlob() throws SQLException {
    return bind().createBlob();
  }

  @Override
  public NClob createNClob() throws SQLException {
    return bind().createNClob();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return bind().createSQLXML();
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    return bind().createArrayOf(typeName, elements);
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    return bind().createStruct(typeName, attributes);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return bind().unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || bind().isWrapperFor(iface);
  }

  @Override
  public String toString() {
    Host h = host;
    return "RoutedConnection{" + core.name() + ", "
        + (closed ? "closed" : h == null ? "unbound" : "bound to " + h.name()) + "}";
  }
}
