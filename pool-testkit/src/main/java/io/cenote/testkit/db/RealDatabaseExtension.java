package io.cenote.testkit.db;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Hands tests real databases through parameters annotated {@link Database} (a
 * {@link DatabaseTarget}) and {@link TempSqliteDatabase} (a temporary SQLite file).
 *
 * <p>Where the servers are comes from {@link DatabaseEnvironment#load()}: the
 * {@code CENOTE_*_URL} variables or the {@code target/db.env} file of {@code scripts/db.sh}.
 * When an engine has no URL at all and a Docker engine answers, a primary and a replica of it are
 * started once per run with Testcontainers instead (such servers cannot be stopped by
 * {@link DatabaseTarget#server()}).
 *
 * <p>Before a target is handed out, one real connection is opened to it. A server that is
 * missing or does not answer skips the test with the reason printed, or, when {@code CI=true},
 * fails it with a {@link DatabaseUnavailableException} naming the URL and the cause.
 *
 * <p>Register it with {@link RealDatabases}, let the parameter annotations register it, or use
 * {@code @RegisterExtension} with {@link #RealDatabaseExtension(DatabaseEnvironment)} to supply
 * the environment yourself.
 */
public final class RealDatabaseExtension
    implements ParameterResolver, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

  private static final Namespace NAMESPACE = Namespace.create(RealDatabaseExtension.class);

  private final Supplier<DatabaseEnvironment> environment;

  /** Creates the extension that reads {@link DatabaseEnvironment#load()} once per test run. */
  public RealDatabaseExtension() {
    this.environment = null;
  }

  /**
   * Creates the extension with the given environment, for {@code @RegisterExtension}.
   *
   * @param environment where the servers are and whether this is CI
   */
  public RealDatabaseExtension(DatabaseEnvironment environment) {
    Objects.requireNonNull(environment, "environment");
    this.environment = () -> environment;
  }

  /** Creates the extension with an environment read at each resolution (for tests). */
  RealDatabaseExtension(Supplier<DatabaseEnvironment> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * Supports {@link DatabaseTarget} parameters annotated {@link Database} and
   * {@code SqliteDatabase}, {@code String} or {@code Path} parameters annotated
   * {@link TempSqliteDatabase}.
   *
   * @throws ParameterResolutionException when one of the annotations sits on a parameter type it
   *     cannot provide
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (parameter.isAnnotated(Database.class)) {
      if (type != DatabaseTarget.class) {
        throw new ParameterResolutionException("@Database needs a DatabaseTarget parameter, but "
            + parameter.getParameter() + " is a " + type.getName());
      }
      return true;
    }
    if (parameter.isAnnotated(TempSqliteDatabase.class)) {
      if (type != SqliteDatabase.class && type != String.class && type != Path.class) {
        throw new ParameterResolutionException("@TempSqliteDatabase needs a SqliteDatabase, String "
            + "or Path parameter, but " + parameter.getParameter() + " is a " + type.getName());
      }
      return true;
    }
    return false;
  }

  /**
   * Returns the checked server, or a new SQLite file registered for deletion when the test (or
   * class, for class-level parameters) is done.
   *
   * @throws TestAbortedException when the server cannot be reached outside CI
   * @throws DatabaseUnavailableException when the server cannot be reached and {@code CI=true}
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Optional<Database> database = parameter.findAnnotation(Database.class);
    if (database.isPresent()) {
      return target(database.get().engine(), database.get().role(), context);
    }
    SqliteDatabase sqlite = SqliteDatabase.createTemporary();
    context.getStore(NAMESPACE).put(sqlite.file(), sqlite);   // closed, and deleted, with context
    Class<?> type = parameter.getParameter().getType();
    if (type == String.class) {
      return sqlite.jdbcUrl();
    }
    return type == Path.class ? sqlite.file() : sqlite;
  }

  /** Reports a missing database in a test method's parameters as itself (skip or failure). */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    throw missingDatabaseCause(thrown);
  }

  /** Reports a missing database in a {@code @BeforeAll} method's parameters as itself. */
  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    throw missingDatabaseCause(thrown);
  }

  /** Reports a missing database in a {@code @BeforeEach} method's parameters as itself. */
  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    throw missingDatabaseCause(thrown);
  }

  /**
   * JUnit wraps whatever a resolver throws in a {@link ParameterResolutionException}, which always
   * fails the test. Unwrapping our {@link TestAbortedException} makes it a skip again, and
   * unwrapping our {@link DatabaseUnavailableException} puts its message first in the report.
   */
  static Throwable missingDatabaseCause(Throwable thrown) {
    Throwable cause = thrown.getCause();
    boolean ours = cause instanceof TestAbortedException
        || cause instanceof DatabaseUnavailableException;
    return thrown instanceof ParameterResolutionException && ours ? cause : thrown;
  }

  private DatabaseTarget target(
      DatabaseEngine engine, DatabaseRole role, ExtensionContext context) {
    DatabaseEnvironment settings = environment(context);
    MissingDatabasePolicy policy = new MissingDatabasePolicy(settings.ci());
    Optional<DatabaseTarget> configured = settings.target(engine, role);
    DatabaseTarget target;
    if (configured.isPresent()) {
      target = configured.get();
    } else if (!settings.configures(engine) && DockerFallback.dockerLikely()) {
      target = DockerFallback.target(engine, role, context.getRoot().getStore(NAMESPACE), policy);
    } else {
      throw policy.unavailable(engine.displayName() + " " + role.scriptName() + " is not "
          + "configured: " + settings.whyMissing(engine, role), null);
    }
    Optional<Exception> problem = Probe.problem(target, Probe.TIMEOUT);
    if (problem.isPresent()) {
      throw policy.unavailable(target.describe() + " is not reachable", problem.get());
    }
    return target;
  }

  private DatabaseEnvironment environment(ExtensionContext context) {
    if (environment != null) {
      return environment.get();
    }
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
        DatabaseEnvironment.class, key -> DatabaseEnvironment.load(), DatabaseEnvironment.class);
  }
}
