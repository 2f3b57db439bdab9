package io.cenote.router.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake JDBC connection for dialect tests: each SQL text answers with scripted rows (or a
 * scripted error), and every statement run is recorded with its parameters.
 */
final class ScriptedJdbc {

  private final Map<String, List<Map<String, String>>> answers = new HashMap<>();
  private final Map<String, SQLException> errors = new HashMap<>();
  final List<String> executed = new ArrayList<>();
  final List<List<String>> parameters = new ArrayList<>();

  /** Answers {@code sql} with one row of alternating column names and values. */
  ScriptedJdbc row(String sql, String... namesAndValues) {
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      row.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    answers.computeIfAbsent(sql, k -> new ArrayList<>()).add(row);
    return this;
  }

  /** Answers {@code sql} with no rows. */
  ScriptedJdbc empty(String sql) {
    answers.put(sql, new ArrayList<>());
    return this;
  }

  /** Makes {@code sql} fail. */
  ScriptedJdbc fail(String sql, SQLException error) {
    errors.put(sql, error);
    return this;
  }

  Connection connection() {
    return proxy(Connection.class, (p, m, args) -> {
      switch (m.getName()) {
        case "createStatement":
          return statement(null);
        case "prepareStatement":
          return statement((String) args[0]);
        case "close":
          return null;
        default:
          throw new UnsupportedOperationException(m.getName());
      }
    });
  }

  private Statement statement(String prepared) {
    List<String> params = new ArrayList<>();
    Class<? extends Statement> type = prepared == null ? Statement.class : PreparedStatement.class;
    return proxy(type, (p, m, args) -> {
      switch (m.getName()) {
        case "setString":
          int index = (Integer) args[0];
          while (params.size() < index) {
            params.add(null);
          }
          params.set(index - 1, (String) args[1]);
          return null;
        case "executeQuery":
          String sql = prepared != null ? prepared : (String) args[0];
          executed.add(sql);
          parameters.add(params);
          if (errors.containsKey(sql)) {
            throw errors.get(sql);
          }
          List<Map<String, String>> rows = answers.get(sql);
          if (rows == null) {
            throw new SQLException("unexpected SQL: " + sql, "42000");
          }
          return resultSet(rows);
        case "close":
          return null;
        default:
          throw new UnsupportedOperationException(m.getName());
      }
    });
  }

  private static ResultSet resultSet(List<Map<String, String>> rows) {
    int[] at = {-1};
    return proxy(ResultSet.class, (p, m, args) -> {
      switch (m.getName()) {
        case "next":
          return ++at[0] < rows.size();
        case "getString":
          return new ArrayList<>(rows.get(at[0]).values()).get((Integer) args[0] - 1);
        case "getMetaData":
          List<String> labels = new ArrayList<>(rows.get(at[0]).keySet());
          return proxy(ResultSetMetaData.class, (q, n, a) -> {
            switch (n.getName()) {
              case "getColumnCount":
                return labels.size();
              case "getColumnLabel":
                return labels.get((Integer) a[0] - 1);
              default:
                throw new UnsupportedOperationException(n.getName());
            }
          });
        case "close":
          return null;
        default:
          throw new UnsupportedOperationException(m.getName());
      }
    });
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(ScriptedJdbc.class.getClassLoader(),
        new Class<?>[] {type}, handler));
  }
}
