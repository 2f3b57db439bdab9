package io.cenote.router.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A cluster as a plain {@link DataSource}: each {@link #getConnection()} is a lazily routed
 * {@link RoutedConnection} of the calling thread's session, so frameworks that mark read-only
 * work with {@code Connection.setReadOnly(true)} reach a replica without knowing the router.
 */
final class RoutingDataSource implements DataSource {

  private final ClusterCore core;
  private volatile PrintWriter logWriter;

  RoutingDataSource(ClusterCore core) {
    this.core = core;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return core.lazyConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("cluster '" + core.name()
        + "' lends connections with its pools' configured credentials only");
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "set acquireTimeout in the pools' PoolConfig instead of the login timeout");
  }

  @Override
  public int getLoginTimeout() {
    return (int) core.primaryConfig().acquireTimeout().getSeconds();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Cenote logs through slf4j");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("the routing DataSource of cluster '" + core.name()
        + "' does not wrap " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "RoutingDataSource{" + core.name() + "}";
  }
}
