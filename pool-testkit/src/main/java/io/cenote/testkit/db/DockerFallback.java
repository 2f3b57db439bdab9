package io.cenote.testkit.db;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Decides whether to fall back to Testcontainers and keeps one attempt per engine per test run.
 * It touches no Testcontainers class unless the library is on the class path and a Docker engine
 * is likely (cheap file and variable checks), so machines without Docker pay nothing.
 */
final class DockerFallback {

  private static final String TESTCONTAINERS_CLASS = "org.testcontainers.DockerClientFactory";

  private DockerFallback() {}

  /** True when Testcontainers is on the class path and a Docker socket or config is present. */
  static boolean dockerLikely() {
    return testcontainersPresent()
        && (System.getenv("DOCKER_HOST") != null
            || Files.exists(Path.of("/var/run/docker.sock"))
            || Files.exists(home().resolve(".docker/run/docker.sock"))
            || Files.exists(home().resolve(".testcontainers.properties")));
  }

  /**
   * Returns the engine's container server of the given role, starting the pair on first use.
   * A failed start is remembered, so later tests do not wait for it again.
   */
  static DatabaseTarget target(
      DatabaseEngine engine, DatabaseRole role, ExtensionContext.Store runStore,
      MissingDatabasePolicy policy) {
    Attempt attempt = runStore.getOrComputeIfAbsent(
        "testcontainers-" + engine, key -> Attempt.start(engine), Attempt.class);
    if (attempt.failure != null) {
      throw policy.unavailable(engine.displayName() + " " + role.scriptName()
          + " is not configured and the Testcontainers fallback failed", attempt.failure);
    }
    return attempt.databases.target(role);
  }

  private static boolean testcontainersPresent() {
    try {
      Class.forName(TESTCONTAINERS_CLASS, false, DockerFallback.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static Path home() {
    return Path.of(System.getProperty("user.home"));
  }

  /** The outcome of starting one engine's containers; closed (stopped) when the run ends. */
  static final class Attempt implements AutoCloseable {

    final ContainerDatabases databases;
    final RuntimeException failure;

    private Attempt(ContainerDatabases databases, RuntimeException failure) {
      this.databases = databases;
      this.failure = failure;
    }

    static Attempt start(DatabaseEngine engine) {
      try {
        if (!ContainerDatabases.dockerAvailable()) {
          return new Attempt(null, new IllegalStateException("no Docker engine answers"));
        }
        System.err.println("[cenote-testkit] starting " + engine.displayName()
            + " primary and replica containers (Testcontainers)");
        return new Attempt(ContainerDatabases.start(engine), null);
      } catch (RuntimeException e) {
        return new Attempt(null, e);
      }
    }

    @Override
    public void close() {
      if (databases != null) {
        databases.close();
      }
    }
  }
}
