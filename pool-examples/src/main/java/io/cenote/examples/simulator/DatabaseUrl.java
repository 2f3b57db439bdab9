package io.cenote.examples.simulator;

import io.cenote.pool.PoolConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A database URL from {@code --url} or {@code DATABASE_URL}: a JDBC URL
 * ({@code jdbc:postgresql://host/db}, {@code jdbc:mysql://...}, {@code jdbc:mariadb://...},
 * {@code jdbc:sqlite:file}), or the {@code scheme://user:password@host:port/db} form of seed
 * 001's {@code DATABASE_URL} ({@code postgresql}, {@code postgres}, {@code mysql},
 * {@code mariadb}, with an optional {@code +driver} suffix), turned into a JDBC URL with the
 * user and password taken out. {@link #toString()} and {@link #masked()} never show the
 * password.
 *
 * @param jdbcUrl the JDBC URL, without credentials taken from the user-info part
 * @param user the user, or null when the URL carries none
 * @param password the password, or null
 * @param kind which database it is
 */
record DatabaseUrl(String jdbcUrl, String user, String password, Database kind) {

  /** Validates the fields. */
  DatabaseUrl {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Parses a URL.
   *
   * @param text the URL as given
   * @param option the option or variable it came from, for the error message
   * @return the parsed URL
   * @throws IllegalArgumentException naming the option when the URL is not usable
   */
  static DatabaseUrl parse(String text, String option) {
    String url = text.strip();
    if (url.startsWith("jdbc:")) {
      return new DatabaseUrl(url, null, null, kindOf(url.substring(5), text, option));
    }
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null || uri.getPath() == null
          || uri.getPath().length() < 2) {
        throw invalid(text, option);
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT).replaceFirst("\\+.*", "");
      Database kind = kindOf(scheme + ":", text, option);
      if (kind == Database.SQLITE) {
        throw invalid(text, option);
      }
      String jdbcScheme = kind == Database.POSTGRES ? "postgresql" : "mysql";
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      String user = null;
      String password = null;
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        user = decode(parts[0]);
        password = parts.length > 1 ? decode(parts[1]) : "";
      }
      return new DatabaseUrl("jdbc:" + jdbcScheme + "://" + uri.getHost() + port + uri.getPath()
          + query, user, password, kind);
    } catch (URISyntaxException e) {
      throw invalid(text, option);
    }
  }

  /** @return the JDBC URL with any password parameter masked, for output */
  String masked() {
    return hideSecrets(jdbcUrl) + (user == null ? "" : " as " + user);
  }

  @Override
  public String toString() {
    return "DatabaseUrl[" + masked() + "]";
  }

  private static Database kindOf(String rest, String text, String option) {
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.startsWith("postgresql:") || lower.startsWith("postgres:")) {
      return Database.POSTGRES;
    }
    if (lower.startsWith("mysql:") || lower.startsWith("mariadb:")) {
      return Database.MARIADB;
    }
    if (lower.startsWith("sqlite:")) {
      return Database.SQLITE;
    }
    throw invalid(text, option);
  }

  private static String decode(String s) {
    // URLDecoder reads form encoding, where '+' is a space; in a URL's user info it is itself
    // (SQLAlchemy unquotes the password the same way)
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalid(String text, String option) {
    return new IllegalArgumentException(option + " must be a PostgreSQL, MySQL/MariaDB or SQLite"
        + " JDBC URL (jdbc:postgresql://host/db) or postgresql://user:password@host/db, but was '"
        + hideSecrets(text) + "'");
  }

  /**
   * Masks a password in user info ({@code //user:password@}, also in a JDBC URL, which MySQL
   * accepts) and, through {@link PoolConfig#maskCredentials}, in {@code password=} and other
   * secret parameters. The user info runs to the last {@code @} here, further than the pool's
   * masking goes: a password with an unencoded {@code @}, {@code /} or {@code ?} is what makes
   * a URL unusable, so the error message must hide all of it; a later {@code @} in the query
   * may hide more than the password, which is the safe side.
   */
  private static String hideSecrets(String url) {
    return PoolConfig.maskCredentials(url.replaceAll("//([^:/@]*):.*@", "//$1:****@"));
  }

}
