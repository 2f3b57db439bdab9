package io.cenote.router.internal;

import io.cenote.router.Dialect;
import io.cenote.router.ReplicationLag;
import io.cenote.router.ServerRole;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * MySQL and MariaDB: a server with {@code read_only} or {@code innodb_read_only} set is a
 * replica; lag is {@code Seconds_Behind_Master} (or {@code Seconds_Behind_Source}) from
 * {@code SHOW REPLICA STATUS}, falling back to {@code SHOW SLAVE STATUS} on servers that do not
 * know the newer statement. NULL there means a replication thread is not running: unhealthy.
 * The GTID position is reported in the detail text.
 */
final class MySqlDialect implements Dialect {

  static final String ROLE_QUERY =
      "SELECT @@global.read_only AS read_only, @@global.innodb_read_only AS innodb_read_only";
  static final String REPLICA_STATUS = "SHOW REPLICA STATUS";
  static final String SLAVE_STATUS = "SHOW SLAVE STATUS";
  private static final int ER_PARSE_ERROR = 1064;

  @Override
  public String driverClassName() {
    return "com.mysql.cj.jdbc.Driver";
  }

  @Override
  public String validationQuery() {
    return "SELECT 1";
  }

  @Override
  public ServerRole role(Connection connection) throws SQLException {
    Map<String, String> row = Rows.firstRow(connection, ROLE_QUERY);
    return row != null && (Rows.truthy(row.get("read_only"))
        || Rows.truthy(row.get("innodb_read_only"))) ? ServerRole.REPLICA : ServerRole.PRIMARY;
  }

  @Override
  public String primaryPosition(Connection primary) {
    return null;
  }

  @Override
  public ReplicationLag lag(Connection replica, String primaryPosition) throws SQLException {
    Map<String, String> row;
    try {
      row = Rows.firstRow(replica, REPLICA_STATUS);
    } catch (SQLException e) {
      if (e.getErrorCode() != ER_PARSE_ERROR) {
        throw e;
      }
      row = Rows.firstRow(replica, SLAVE_STATUS);
    }
    if (row == null) {
      return ReplicationLag.stopped("not a replica: SHOW REPLICA STATUS returned no row");
    }
    String io = column(row, "replica_io_running", "slave_io_running");
    String sql = column(row, "replica_sql_running", "slave_sql_running");
    String behind = column(row, "seconds_behind_source", "seconds_behind_master");
    String threads = "IO thread " + io + ", SQL thread " + sql;
    if (behind == null || !"yes".equalsIgnoreCase(io) || !"yes".equalsIgnoreCase(sql)) {
      String error = column(row, "last_io_error", "last_sql_error");
      return ReplicationLag.stopped("Seconds_Behind_Master is " + behind + " (" + threads
          + (error == null || error.isEmpty() ? "" : ", " + error) + ")");
    }
    String gtid = column(row, "gtid_io_pos", "executed_gtid_set");
    long seconds = Long.parseLong(behind.trim());
    return ReplicationLag.of(Duration.ofSeconds(seconds), -1, "Seconds_Behind_Master="
        + seconds + " (" + threads + (gtid == null || gtid.isEmpty() ? "" : ", GTID " + gtid)
        + ")");
  }

  private static String column(Map<String, String> row, String name, String alias) {
    return row.containsKey(name) ? row.get(name) : row.get(alias);
  }

  @Override
  public Map<String, String> timeoutProperties(Duration timeout) {
    String millis = Long.toString(Math.max(1, timeout.toMillis()));
    return Map.of("connectTimeout", millis, "socketTimeout", millis);
  }

  @Override
  public String toString() {
    return "MySQL/MariaDB dialect";
  }
}
