package io.cenote.router.internal;

import io.cenote.router.Dialect;
import io.cenote.router.ReplicationLag;
import io.cenote.router.ServerRole;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Oracle Database with Data Guard: the role is {@code database_role} from {@code v$database}
 * ({@code PRIMARY}, or a {@code ... STANDBY}); lag is the {@code apply lag} of
 * {@code v$dataguard_stats}, an interval printed as {@code +DD HH:MI:SS[.FFF]}. A standby that
 * has no apply lag value is not applying: unhealthy.
 */
final class OracleDialect implements Dialect {

  static final String ROLE_QUERY = "SELECT database_role FROM v$database";
  static final String LAG_QUERY = "SELECT name, value FROM v$dataguard_stats"
      + " WHERE name IN ('apply lag', 'transport lag')";
  private static final Pattern INTERVAL =
      Pattern.compile("\\s*\\+?(\\d+)\\s+(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?\\s*");

  @Override
  public String driverClassName() {
    return "oracle.jdbc.OracleDriver";
  }

  @Override
  public String validationQuery() {
    return "SELECT 1 FROM DUAL";
  }

  @Override
  public ServerRole role(Connection connection) throws SQLException {
    Map<String, String> row = Rows.firstRow(connection, ROLE_QUERY);
    String role = row == null ? null : row.get("database_role");
    if (role == null) {
      return ServerRole.UNKNOWN;
    }
    String r = role.trim().toUpperCase(Locale.ROOT);
    if (r.equals("PRIMARY")) {
      return ServerRole.PRIMARY;
    }
    return r.endsWith("STANDBY") ? ServerRole.REPLICA : ServerRole.UNKNOWN;
  }

  @Override
  public String primaryPosition(Connection primary) {
    return null;
  }

  @Override
  public ReplicationLag lag(Connection replica, String primaryPosition) throws SQLException {
    Map<String, String> stats = Rows.pairs(replica, LAG_QUERY);
    String apply = stats.get("apply lag");
    String transport = stats.get("transport lag");
    if (apply == null || apply.isBlank()) {
      return ReplicationLag.stopped("Data Guard apply lag unknown (v$dataguard_stats has no"
          + " value; transport lag " + transport + ")");
    }
    return ReplicationLag.of(interval(apply), -1,
        "apply lag " + apply.trim() + ", transport lag " + transport);
  }

  /**
   * Parses Oracle's {@code INTERVAL DAY TO SECOND} text.
   *
   * @throws IllegalArgumentException when the text is not such an interval
   */
  static Duration interval(String text) {
    Matcher m = INTERVAL.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an Oracle interval: '" + text + "'");
    }
    Duration d = Duration.ofDays(Long.parseLong(m.group(1)))
        .plusHours(Long.parseLong(m.group(2)))
        .plusMinutes(Long.parseLong(m.group(3)))
        .plusSeconds(Long.parseLong(m.group(4)));
    if (m.group(5) != null) {
      String fraction = (m.group(5) + "000000000").substring(0, 9);
      d = d.plusNanos(Long.parseLong(fraction));
    }
    return d;
  }

  @Override
  public Map<String, String> timeoutProperties(Duration timeout) {
    String millis = Long.toString(Math.max(1, timeout.toMillis()));
    return Map.of("oracle.net.CONNECT_TIMEOUT", millis, "oracle.jdbc.ReadTimeout", millis);
  }

  @Override
  public String toString() {
    return "Oracle dialect";
  }
}
