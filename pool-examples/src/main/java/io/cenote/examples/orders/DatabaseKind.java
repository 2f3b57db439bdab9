package io.cenote.examples.orders;

import java.util.List;
import java.util.function.Function;

/**
 * The database types the orders example runs on: each has a fleet file (a properties resource
 * under {@code /orders/}), the environment variables that file needs, its {@link OrderSql} and
 * whether it is wired with Guice.
 */
public enum DatabaseKind {

  /** An embedded SQLite file: a writer and a read-only replica pool on it; needs nothing. */
  SQLITE("sqlite", OrderSql::sqlite, false, List.of(),
      "SQLite needs no setup"),

  /** The PostgreSQL primary and streaming replica of {@code scripts/db.sh}, wired with Guice. */
  POSTGRES("postgres", OrderSql::postgresql, true,
      List.of("CENOTE_PG_PRIMARY_URL", "CENOTE_PG_REPLICA_URL", "CENOTE_DB_USER",
          "CENOTE_DB_PASSWORD"),
      "start the servers with scripts/db.sh start (scripts/example.sh reads target/db.env)"),

  /** The MariaDB primary and replica of {@code scripts/db.sh}, through mysql-connector-j. */
  MARIADB("mariadb", OrderSql::mariadb, false,
      List.of("CENOTE_MARIADB_PRIMARY_URL", "CENOTE_MARIADB_REPLICA_URL", "CENOTE_DB_USER",
          "CENOTE_DB_PASSWORD"),
      "start the servers with scripts/db.sh start (scripts/example.sh reads target/db.env)"),

  /** An Oracle database given by URL: no Oracle server runs on these machines. */
  ORACLE("oracle", OrderSql::oracle, false,
      List.of("ORACLE_URL", "ORACLE_USER", "ORACLE_PASSWORD"),
      "set ORACLE_URL (e.g. jdbc:oracle:thin:@//dbhost:1521/FREEPDB1), ORACLE_USER and"
          + " ORACLE_PASSWORD to run the Oracle example; no Oracle server runs here");

  private final String id;
  private final Function<String, OrderSql> sql;
  private final boolean guice;
  private final List<String> variables;
  private final String setupHint;

  DatabaseKind(String id, Function<String, OrderSql> sql, boolean guice,
      List<String> variables, String setupHint) {
    this.id = id;
    this.sql = sql;
    this.guice = guice;
    this.variables = variables;
    this.setupHint = setupHint;
  }

  /** @return the name on the command line: {@code sqlite}, {@code postgres}, ... */
  public String id() {
    return id;
  }

  /** @return the classpath resource with the fleet file */
  public String fleetResource() {
    return "/orders/" + id + ".properties";
  }

  /**
   * Returns the SQL for this database type.
   *
   * @param runId the run's id, part of the table names
   * @return the statements
   */
  public OrderSql sql(String runId) {
    return sql.apply(runId);
  }

  /** @return true when the example is wired with Guice rather than started by hand */
  public boolean guice() {
    return guice;
  }

  /** @return the environment variables the fleet file's placeholders need */
  public List<String> variables() {
    return variables;
  }

  /** @return what to do when a variable is missing */
  public String setupHint() {
    return setupHint;
  }

  @Override
  public String toString() {
    return id;
  }
}
