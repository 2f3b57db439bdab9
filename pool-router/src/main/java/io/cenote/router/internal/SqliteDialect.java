package io.cenote.router.internal;

import io.cenote.router.Dialect;
import io.cenote.router.ReplicationLag;
import io.cenote.router.ServerRole;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * SQLite: an embedded file, so no roles and no lag. A "replica" is a read-only connection to the
 * same file; the health check only runs the validation query.
 */
final class SqliteDialect implements Dialect {

  @Override
  public String driverClassName() {
    return "org.sqlite.JDBC";
  }

  @Override
  public String validationQuery() {
    return "SELECT 1";
  }

  @Override
  public ServerRole role(Connection connection) throws SQLException {
    Rows.firstRow(connection, validationQuery());
    return ServerRole.UNKNOWN;
  }

  @Override
  public String primaryPosition(Connection primary) {
    return null;
  }

  @Override
  public ReplicationLag lag(Connection replica, String primaryPosition) {
    return ReplicationLag.NONE;
  }

  @Override
  public Map<String, String> timeoutProperties(Duration timeout) {
    return Map.of();
  }

  @Override
  public String toString() {
    return "SQLite dialect";
  }
}
