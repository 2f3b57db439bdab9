package io.cenote.router.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Small JDBC helpers for the dialects' one-row queries. */
final class Rows {

  private Rows() {}

  /**
   * Runs a query and returns its first row as column label (lower case) to value as text.
   *
   * @return the row, or null when the query returned none
   */
  static Map<String, String> firstRow(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? toMap(rs) : null;
    }
  }

  /** Like {@link #firstRow(Connection, String)} with string parameters bound in order. */
  static Map<String, String> firstRow(Connection connection, String sql, String... parameters)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? toMap(rs) : null;
      }
    }
  }

  /** Runs a query and returns every row's first column mapped to its second, as text. */
  static Map<String, String> pairs(Connection connection, String sql) throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
      }
    }
    return out;
  }

  private static Map<String, String> toMap(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    Map<String, String> row = new HashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getString(i));
    }
    return row;
  }

  /** Reads a boolean the way PostgreSQL ({@code t}/{@code f}) and MySQL ({@code 1}/{@code 0}) print it. */
  static boolean truthy(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.equals("t") || v.equals("true") || v.equals("1") || v.equals("on")
        || v.equals("yes");
  }
}
