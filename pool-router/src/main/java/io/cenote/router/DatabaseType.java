package io.cenote.router;

import io.cenote.pool.PoolConfig;
import io.cenote.router.internal.Dialects;
import java.util.Locale;
import java.util.Objects;

/**
 * The databases the router knows, each with its {@link Dialect}. The type of a pool is detected
 * from its JDBC URL with {@link #fromJdbcUrl(String)}.
 */
public enum DatabaseType {

  /** PostgreSQL through the PostgreSQL JDBC driver ({@code jdbc:postgresql:}). */
  POSTGRESQL("jdbc:postgresql:"),

  /**
   * MySQL and MariaDB servers ({@code jdbc:mysql:} through mysql-connector-j; {@code jdbc:mariadb:}
   * URLs are recognised too and need MariaDB Connector/J).
   */
  MYSQL("jdbc:mysql:", "jdbc:mariadb:"),

  /** SQLite through sqlite-jdbc ({@code jdbc:sqlite:}); no replication. */
  SQLITE("jdbc:sqlite:"),

  /** Oracle Database through ojdbc11 ({@code jdbc:oracle:}), Data Guard for replicas. */
  ORACLE("jdbc:oracle:");

  /** The prefix of the test kit's fault-injecting driver, which wraps another URL. */
  private static final String FAULT_PREFIX = "jdbc:cenote-fault:";

  private final String[] prefixes;

  DatabaseType(String... prefixes) {
    this.prefixes = prefixes;
  }

  /**
   * Returns this type's dialect.
   *
   * @return the built-in dialect
   */
  public Dialect dialect() {
    return Dialects.of(this);
  }

  /**
   * Detects the type from a JDBC URL, ignoring case and surrounding blanks. A URL of the test
   * kit's fault driver ({@code jdbc:cenote-fault:postgresql://...}) has the type of the URL it
   * wraps.
   *
   * @param jdbcUrl the URL
   * @return the type
   * @throws IllegalArgumentException naming the (masked) URL when no type matches
   */
  public static DatabaseType fromJdbcUrl(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    String url = jdbcUrl.trim().toLowerCase(Locale.ROOT);
    if (url.startsWith(FAULT_PREFIX)) {
      url = "jdbc:" + url.substring(FAULT_PREFIX.length());
    }
    for (DatabaseType type : values()) {
      for (String prefix : type.prefixes) {
        if (url.startsWith(prefix)) {
          return type;
        }
      }
    }
    throw new IllegalArgumentException("cannot tell the database type of jdbcUrl '"
        + PoolConfig.maskCredentials(jdbcUrl) + "': expected jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:, "
        + "jdbc:sqlite: or jdbc:oracle: (also inside jdbc:cenote-fault:); set the type or "
        + "dialect explicitly for other URLs");
  }
}
