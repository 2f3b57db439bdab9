package io.cenote.guice.internal;

import io.cenote.router.PoolManager;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@link DataSource} bound for one database: a singleton that exists before the fleet
 * starts (so eager singletons can hold it) and looks up the started member's data source at
 * each {@link #getConnection()}: a cluster's routing data source or a standalone pool. Before
 * the fleet runs it throws an {@link SQLException} naming the database, or, when the module
 * starts on first use, starts the fleet. It does not unwrap to the member, which the lifecycle
 * alone owns and closes.
 */
final class DeferredDataSource implements DataSource {

  private final String database;
  private final FleetAccess fleet;
  private final Function<PoolManager, DataSource> member;
  private final int loginTimeoutSeconds;
  private volatile PrintWriter logWriter;

  /**
   * @param database the member's name in the fleet file
   * @param fleet the way to the running fleet
   * @param member finds the member's data source in the running fleet
   * @param loginTimeoutSeconds the member's acquire timeout, in whole seconds
   */
  DeferredDataSource(String database, FleetAccess fleet, Function<PoolManager, DataSource> member,
      int loginTimeoutSeconds) {
    this.database = database;
    this.fleet = fleet;
    this.member = member;
    this.loginTimeoutSeconds = loginTimeoutSeconds;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return target().getConnection();
  }

  private DataSource target() throws SQLException {
    String user = "database '" + database + "'";
    try {
      return member.apply(fleet.manager(user));
    } catch (IllegalStateException e) {
      throw new SQLNonTransientConnectionException(e.getMessage(), e);
    } catch (RuntimeException e) {
      // this use started the fleet and the start failed; a later use tries again
      throw new SQLTransientConnectionException(user + " is not available: " + e.getMessage(),
          e);
    }
  }

  /**
   * Not supported: every connection uses the configured credentials.
   *
   * @throws SQLFeatureNotSupportedException always
   */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("database '" + database
        + "' lends connections with its configured credentials only");
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
        "set acquireTimeout in the fleet file instead of the login timeout");
  }

  /** @return the member's {@code acquireTimeout} (its primary's, for a cluster), in seconds */
  @Override
  public int getLoginTimeout() {
    return loginTimeoutSeconds;
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
    throw new SQLException("the DataSource of database '" + database + "' does not wrap "
        + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "CenoteDataSource{" + database + "}";
  }
}
