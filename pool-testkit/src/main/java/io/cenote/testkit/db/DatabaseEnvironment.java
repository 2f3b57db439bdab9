package io.cenote.testkit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the real servers are: read from environment variables, or else from the
 * {@code target/db.env} file that {@code scripts/db.sh start} writes, found by walking up from
 * the working directory (so tests started from an IDE find it too).
 *
 * <p>The variables, one per server, are {@code CENOTE_PG_PRIMARY_URL},
 * {@code CENOTE_PG_REPLICA_URL}, {@code CENOTE_MARIADB_PRIMARY_URL} and
 * {@code CENOTE_MARIADB_REPLICA_URL} (see {@link DatabaseEngine#urlVariable(DatabaseRole)}), plus
 * {@value #USER} and {@value #PASSWORD} (default {@code app}/{@code app}) and {@value #SCRIPT},
 * the path of {@code scripts/db.sh}. A variable set in the environment wins over the file.
 * {@code CI=true} turns an unreachable server from a skipped test into a failed one.
 */
public final class DatabaseEnvironment {

  /** The variable with the user name for every server. */
  public static final String USER = "CENOTE_DB_USER";
  /** The variable with the password for every server. */
  public static final String PASSWORD = "CENOTE_DB_PASSWORD";
  /** The variable with the absolute path of {@code scripts/db.sh}. */
  public static final String SCRIPT = "CENOTE_DB_SCRIPT";
  /** The variable that, set to {@code true}, makes missing servers fail tests. */
  public static final String CI = "CI";
  /** The file {@code scripts/db.sh} writes, relative to the repository root. */
  public static final String ENV_FILE = "target/db.env";

  private static final String DEFAULT_CREDENTIAL = "app";
  private static final String SCRIPT_FILE = "scripts/db.sh";

  private final Map<String, String> variables;
  private final Path envFile;
  private final Path script;
  private final boolean ci;

  private DatabaseEnvironment(Map<String, String> variables, Path envFile, Path script) {
    this.variables = Map.copyOf(variables);
    this.envFile = envFile;
    this.script = script;
    this.ci = "true".equalsIgnoreCase(variables.get(CI));
  }

  /**
   * Reads the process environment and the nearest {@code target/db.env} above the working
   * directory.
   *
   * @return the environment
   */
  public static DatabaseEnvironment load() {
    return load(System.getenv(), Path.of(System.getProperty("user.dir")));
  }

  /**
   * Uses exactly the given variables, without reading any file; for tests and for programs
   * that get their settings elsewhere.
   *
   * @param variables variable names to values, as in the environment
   * @return the environment
   */
  public static DatabaseEnvironment of(Map<String, String> variables) {
    String script = variables.get(SCRIPT);
    return new DatabaseEnvironment(variables, null, script == null ? null : Path.of(script));
  }

  static DatabaseEnvironment load(Map<String, String> processEnvironment, Path workingDirectory) {
    Path start = workingDirectory.toAbsolutePath().normalize();
    Path envFile = findUpwards(start, ENV_FILE);
    Map<String, String> merged = new HashMap<>();
    if (envFile != null) {
      merged.putAll(parse(envFile));
    }
    merged.putAll(processEnvironment);
    String script = merged.get(SCRIPT);
    Path scriptPath = script != null ? Path.of(script) : findUpwards(start, SCRIPT_FILE);
    return new DatabaseEnvironment(merged, envFile, scriptPath);
  }

  /**
   * Returns the configured server of the given engine and role.
   *
   * @param engine the engine
   * @param role the role
   * @return the server, or empty when its URL variable is set nowhere
   */
  public Optional<DatabaseTarget> target(DatabaseEngine engine, DatabaseRole role) {
    String url = variables.get(engine.urlVariable(role));
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    DatabaseTarget target = DatabaseTarget.of(engine, role, url.strip(),
        variables.getOrDefault(USER, DEFAULT_CREDENTIAL),
        variables.getOrDefault(PASSWORD, DEFAULT_CREDENTIAL));
    return Optional.of(script == null ? target : target.withScript(script));
  }

  /**
   * Tells whether any server of the engine is configured (then no Docker fallback is tried).
   *
   * @param engine the engine
   * @return true when the primary's or the replica's URL is set
   */
  public boolean configures(DatabaseEngine engine) {
    return target(engine, DatabaseRole.PRIMARY).isPresent()
        || target(engine, DatabaseRole.REPLICA).isPresent();
  }

  /**
   * Tells whether {@code CI=true}: then a server that cannot be reached fails the test instead
   * of skipping it.
   *
   * @return true on CI
   */
  public boolean ci() {
    return ci;
  }

  /**
   * Returns the path of {@code scripts/db.sh}: {@value #SCRIPT}, or else the script found by
   * walking up from the working directory.
   *
   * @return the script, if known
   */
  public Optional<Path> script() {
    return Optional.ofNullable(script);
  }

  /**
   * Returns the {@code target/db.env} file that was read.
   *
   * @return the file, or empty when none was found
   */
  public Optional<Path> envFile() {
    return Optional.ofNullable(envFile);
  }

  /** Why a server has no URL, for skip and failure messages. */
  String whyMissing(DatabaseEngine engine, DatabaseRole role) {
    return engine.urlVariable(role) + " is not set"
        + (envFile == null ? " and no " + ENV_FILE + " was found" : " in " + envFile);
  }

  @Override
  public String toString() {
    return "DatabaseEnvironment[envFile=" + envFile + ", script=" + script + ", ci=" + ci + "]";
  }

  private static Path findUpwards(Path start, String relative) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Parses {@code KEY=VALUE} lines; blank lines, comments and {@code export } are allowed. */
  static Map<String, String> parse(Path file) {
    try {
      Map<String, String> values = new HashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String text = line.strip();
        if (text.startsWith("export ")) {
          text = text.substring("export ".length()).strip();
        }
        int equals = text.indexOf('=');
        if (text.isEmpty() || text.startsWith("#") || equals <= 0) {
          continue;
        }
        values.put(text.substring(0, equals).strip(), unquote(text.substring(equals + 1).strip()));
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String unquote(String value) {
    boolean quoted = value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"));
    return quoted ? value.substring(1, value.length() - 1) : value;
  }
}
