package io.cenote.router.internal;

import io.cenote.router.DatabaseType;
import io.cenote.router.Dialect;

/** The built-in dialect of each {@link DatabaseType}. */
public final class Dialects {

  private static final Dialect POSTGRESQL = new PostgresDialect();
  private static final Dialect MYSQL = new MySqlDialect();
  private static final Dialect SQLITE = new SqliteDialect();
  private static final Dialect ORACLE = new OracleDialect();

  private Dialects() {}

  /**
   * Returns the dialect of a type.
   *
   * @param type the type
   * @return its dialect, shared and stateless
   */
  public static Dialect of(DatabaseType type) {
    return switch (type) {
      case POSTGRESQL -> POSTGRESQL;
      case MYSQL -> MYSQL;
      case SQLITE -> SQLITE;
      case ORACLE -> ORACLE;
    };
  }
}
