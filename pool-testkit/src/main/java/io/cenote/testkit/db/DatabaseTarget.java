package io.cenote.testkit.db;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * One real database server a test may use: its engine, its role, how to reach it with JDBC, and
 * (for servers run by {@code scripts/db.sh}) how to stop, start or crash it.
 *
 * <p>Instances are immutable. The password never appears in {@link #toString()}.
 */
public final class DatabaseTarget implements JdbcEndpoint {

  private static final Pattern URL_SECRET = Pattern.compile("(?i)(password=)[^&;]*");

  private final DatabaseEngine engine;
  private final DatabaseRole role;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final Path script;

  private DatabaseTarget(
      DatabaseEngine engine, DatabaseRole role, String jdbcUrl, String user, String password,
      Path script) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.role = Objects.requireNonNull(role, "role");
    this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    this.user = Objects.requireNonNull(user, "user");
    this.password = Objects.requireNonNull(password, "password");
    this.script = script;
  }

  /**
   * Creates a target that cannot be stopped or started by the test (no {@code scripts/db.sh}).
   *
   * @param engine the server's engine
   * @param role the server's role
   * @param jdbcUrl the JDBC URL
   * @param user the user name
   * @param password the password
   * @return the target
   */
  public static DatabaseTarget of(
      DatabaseEngine engine, DatabaseRole role, String jdbcUrl, String user, String password) {
    return new DatabaseTarget(engine, role, jdbcUrl, user, password, null);
  }

  /**
   * Returns a copy whose {@link #server()} controls the server through the given script.
   *
   * @param dbScript the path of {@code scripts/db.sh}
   * @return the new target
   */
  public DatabaseTarget withScript(Path dbScript) {
    return new DatabaseTarget(engine, role, jdbcUrl, user, password,
        Objects.requireNonNull(dbScript, "dbScript"));
  }

  /**
   * Returns the engine.
   *
   * @return PostgreSQL or MariaDB
   */
  public DatabaseEngine engine() {
    return engine;
  }

  /**
   * Returns the role.
   *
   * @return primary or replica
   */
  public DatabaseRole role() {
    return role;
  }

  @Override
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /**
   * Returns the user name the tests log in with.
   *
   * @return the user, {@code app} for the servers of {@code scripts/db.sh}
   */
  public String user() {
    return user;
  }

  /**
   * Returns the password of {@link #user()}.
   *
   * @return the password
   */
  public String password() {
    return password;
  }

  /** Returns {@code user} and {@code password} in a new {@code Properties}. */
  @Override
  public Properties properties() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return properties;
  }

  /**
   * Returns the control of this server, which runs {@code scripts/db.sh}.
   *
   * @return the control, with the default timeout
   * @throws ServerControlException when no {@code scripts/db.sh} is known for this target (for
   *     example a Testcontainers server)
   */
  public ServerControl server() {
    if (script == null) {
      throw new ServerControlException(describe() + " cannot be stopped or started: no "
          + "scripts/db.sh is known for it (set " + DatabaseEnvironment.SCRIPT + ")");
    }
    return new ServerControl(script, engine, role, ServerControl.DEFAULT_TIMEOUT);
  }

  /**
   * Returns {@code "<engine> <role> at <url>"} with any password in the URL masked.
   *
   * @return a description for messages
   */
  public String describe() {
    return engine.displayName() + " " + role.scriptName() + " at "
        + URL_SECRET.matcher(jdbcUrl).replaceAll("$1****");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DatabaseTarget that
        && engine == that.engine
        && role == that.role
        && jdbcUrl.equals(that.jdbcUrl)
        && user.equals(that.user)
        && password.equals(that.password)
        && Objects.equals(script, that.script);
  }

  @Override
  public int hashCode() {
    return Objects.hash(engine, role, jdbcUrl, user);
  }

  /** Returns the description and the user, never the password. */
  @Override
  public String toString() {
    return describe() + " (user " + user + ")";
  }
}
