package io.cenote.router.internal;

import io.cenote.router.Dialect;
import io.cenote.router.ReplicationLag;
import io.cenote.router.ServerRole;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * PostgreSQL: role from {@code pg_is_in_recovery()}; lag from LSNs and replay time.
 *
 * <p>Byte lag is the primary's {@code pg_current_wal_lsn()} (from the primary's most recent
 * health check) minus the replica's {@code pg_last_wal_replay_lsn()}, or, when the primary's
 * position is not known, the replica's received minus replayed WAL. Time lag is {@code now() -
 * pg_last_xact_replay_timestamp()}, but only while that target is ahead of the replayed
 * position, that is while there is WAL to replay: on an idle primary the timestamp stops moving
 * and the difference would grow without any real lag. "Ahead of", not "different from": after a
 * restart the replica reports as received the start of the WAL segment it streams from, behind
 * what it replayed, until the primary writes again.
 */
final class PostgresDialect implements Dialect {

  static final String ROLE_QUERY = "SELECT pg_is_in_recovery() AS in_recovery";
  static final String POSITION_QUERY = "SELECT pg_current_wal_lsn()::text AS lsn";
  /**
   * One parameter, the primary's position or null. {@code target} is what the replica should
   * have replayed: the primary's position, else what the replica received.
   */
  static final String LAG_QUERY = "SELECT receive::text AS receive_lsn,"
      + " replay::text AS replay_lsn,"
      + " pg_wal_lsn_diff(target, replay)::text AS bytes_behind,"
      + " CASE WHEN target > replay THEN EXTRACT(EPOCH FROM now() -"
      + " pg_last_xact_replay_timestamp()) ELSE 0 END::text AS seconds_behind"
      + " FROM (SELECT pg_last_wal_receive_lsn() AS receive, pg_last_wal_replay_lsn() AS replay,"
      + " COALESCE(?::pg_lsn, pg_last_wal_receive_lsn()) AS target) AS positions";

  @Override
  public String driverClassName() {
    return "org.postgresql.Driver";
  }

  @Override
  public String validationQuery() {
    return "SELECT 1";
  }

  @Override
  public ServerRole role(Connection connection) throws SQLException {
    Map<String, String> row = Rows.firstRow(connection, ROLE_QUERY);
    return row != null && Rows.truthy(row.get("in_recovery"))
        ? ServerRole.REPLICA : ServerRole.PRIMARY;
  }

  @Override
  public String primaryPosition(Connection primary) throws SQLException {
    Map<String, String> row = Rows.firstRow(primary, POSITION_QUERY);
    return row == null ? null : row.get("lsn");
  }

  @Override
  public ReplicationLag lag(Connection replica, String primaryPosition) throws SQLException {
    Map<String, String> row = Rows.firstRow(replica, LAG_QUERY, primaryPosition);
    if (row == null || row.get("replay_lsn") == null) {
      return ReplicationLag.stopped("not in recovery: pg_last_wal_replay_lsn() is NULL");
    }
    String bytesText = row.get("bytes_behind");
    long bytes = bytesText == null ? -1 : Math.max(0, new BigDecimal(bytesText).longValue());
    String secondsText = row.get("seconds_behind");
    Duration time = secondsText == null ? null : seconds(secondsText);
    return ReplicationLag.of(time, bytes, "receive " + row.get("receive_lsn") + ", replay "
        + row.get("replay_lsn") + (primaryPosition == null ? "" : ", primary " + primaryPosition)
        + ", " + (bytes < 0 ? "?" : bytes) + " bytes, " + (time == null ? "?" : time));
  }

  private static Duration seconds(String text) {
    BigDecimal nanos = new BigDecimal(text).movePointRight(9);
    return Duration.ofNanos(Math.max(0, nanos.longValue()));
  }

  @Override
  public Map<String, String> timeoutProperties(Duration timeout) {
    String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
    return Map.of("connectTimeout", seconds, "loginTimeout", seconds, "socketTimeout", seconds);
  }

  @Override
  public String toString() {
    return "PostgreSQL dialect";
  }
}
