package io.cenote.testkit.db;

import java.time.Duration;
import java.util.Properties;

/** The database servers {@code scripts/db.sh} runs, and how to reach each of them with JDBC. */
public enum DatabaseEngine {

  /** PostgreSQL 15 through the PostgreSQL JDBC driver (primary 5432, streaming replica 5433). */
  POSTGRESQL("PostgreSQL", "PG", "pg") {
    @Override
    void addConnectTimeouts(Properties properties, Duration timeout) {
      String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
      properties.setProperty("connectTimeout", seconds);
      properties.setProperty("loginTimeout", seconds);
      properties.setProperty("socketTimeout", seconds);
    }
  },

  /** MariaDB 10.11 through mysql-connector-j (primary 3307, GTID replica 3308). */
  MARIADB("MariaDB", "MARIADB", "mariadb") {
    @Override
    void addConnectTimeouts(Properties properties, Duration timeout) {
      String millis = Long.toString(Math.max(1, timeout.toMillis()));
      properties.setProperty("connectTimeout", millis);
      properties.setProperty("socketTimeout", millis);
    }
  };

  private final String displayName;
  private final String variablePrefix;
  private final String scriptName;

  DatabaseEngine(String displayName, String variableInfix, String scriptName) {
    this.displayName = displayName;
    this.variablePrefix = "CENOTE_" + variableInfix + "_";
    this.scriptName = scriptName;
  }

  /**
   * Returns the engine's human name, as used in messages.
   *
   * @return {@code PostgreSQL} or {@code MariaDB}
   */
  public String displayName() {
    return displayName;
  }

  /**
   * Returns the name {@code scripts/db.sh} uses for this engine on its command line.
   *
   * @return {@code pg} or {@code mariadb}
   */
  public String scriptName() {
    return scriptName;
  }

  /**
   * Returns the environment variable that holds the JDBC URL of the given server, such as
   * {@code CENOTE_PG_PRIMARY_URL}.
   *
   * @param role the server's role
   * @return the variable name
   */
  public String urlVariable(DatabaseRole role) {
    return variablePrefix + role.name() + "_URL";
  }

  /** Adds the driver's own connect, login and socket timeouts (for reachability probes). */
  abstract void addConnectTimeouts(Properties properties, Duration timeout);
}
