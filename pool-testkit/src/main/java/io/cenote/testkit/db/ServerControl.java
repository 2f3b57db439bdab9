package io.cenote.testkit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Stops, starts and crashes one server of {@code scripts/db.sh}, for fault tests.
 *
 * <p>Each call runs the script and returns once it has finished: {@link #start()} returns when
 * the server accepts connections and, when both servers of the pair run, the replica streams
 * again. The script works the same whether the JVM runs as root (it switches to its own OS user)
 * or as the user who owns the servers. A call that fails or outlives its timeout throws
 * {@link ServerControlException} with the script's output.
 *
 * <pre>{@code
 * primary.server().restart();                               // crash and start again
 * replica.server().setReplicationDelay(Duration.ofSeconds(2));
 * primary.server().kill();                                  // fail over ...
 * replica.server().promote();
 * replica.server().rebuild();                               // ... and back to normal
 * }</pre>
 */
public final class ServerControl {

  /** How long one script call may take unless {@link #withTimeout(Duration)} says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  private static final int MAX_OUTPUT_IN_MESSAGE = 4_000;

  private final Path script;
  private final DatabaseEngine engine;
  private final DatabaseRole role;
  private final Duration timeout;

  ServerControl(Path script, DatabaseEngine engine, DatabaseRole role, Duration timeout) {
    this.script = Objects.requireNonNull(script, "script");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.role = Objects.requireNonNull(role, "role");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Returns a control whose script calls may take up to the given time.
   *
   * @param newTimeout the limit for one call; positive
   * @return the new control
   */
  public ServerControl withTimeout(Duration newTimeout) {
    if (newTimeout.isNegative() || newTimeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0, but was " + newTimeout);
    }
    return new ServerControl(script, engine, role, newTimeout);
  }

  /**
   * Returns the engine of the controlled server.
   *
   * @return the engine
   */
  public DatabaseEngine engine() {
    return engine;
  }

  /**
   * Returns the role of the controlled server.
   *
   * @return the role
   */
  public DatabaseRole role() {
    return role;
  }

  /**
   * Shuts the server down cleanly (PostgreSQL {@code -m fast}, MariaDB {@code shutdown}); open
   * connections are closed by the server.
   *
   * @return the script's output
   */
  public String stop() {
    return run("stop", role.scriptName(), engine.scriptName());
  }

  /**
   * Starts the server if it is down and waits until it accepts connections (and the replica
   * streams, when both run).
   *
   * @return the script's output
   */
  public String start() {
    return run("start", role.scriptName(), engine.scriptName());
  }

  /**
   * Crashes the server: PostgreSQL {@code pg_ctl stop -m immediate}, MariaDB {@code SIGKILL}.
   * Clients see their connections break without a goodbye.
   *
   * @return the script's output
   */
  public String kill() {
    return run("kill", role.scriptName(), engine.scriptName());
  }

  /**
   * Restarts the server. PostgreSQL restarts immediately ({@link #kill()} then {@link #start()},
   * as {@code pg_ctl restart -m immediate}); MariaDB shuts down cleanly and starts again.
   *
   * @return the script's output
   */
  public String restart() {
    if (engine == DatabaseEngine.POSTGRESQL) {
      return kill() + start();
    }
    return run("restart", role.scriptName(), engine.scriptName());
  }

  /**
   * Makes this engine's replica apply changes only after the given delay, to create replication
   * lag on demand; {@link Duration#ZERO} turns it off. PostgreSQL uses
   * {@code recovery_min_apply_delay} (milliseconds); MariaDB uses {@code MASTER_DELAY}, whole
   * seconds rounded up. The delay stays until changed, also across restarts.
   *
   * @param delay the delay, zero or positive
   * @return the script's output
   */
  public String setReplicationDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must be >= 0, but was " + delay);
    }
    return run("set-delay", Long.toString(delay.toMillis()), engine.scriptName());
  }

  /**
   * Promotes the PostgreSQL replica to a read-write primary ({@code pg_ctl promote}) and waits
   * until it has left recovery. From then on it takes writes and no longer follows the primary,
   * whether the primary runs or not; {@link #rebuild()} makes it a replica again. A replica
   * promoted already is left as it is.
   *
   * @return the script's output
   * @throws IllegalStateException unless this controls the PostgreSQL replica
   */
  public String promote() {
    requirePostgresReplica("promoted");
    return run("promote", role.scriptName(), engine.scriptName());
  }

  /**
   * Puts the PostgreSQL pair back to normal after {@link #promote()}, or after any damage to the
   * replica: starts the primary if it is down, deletes the replica's data, copies the primary
   * afresh ({@code pg_basebackup}) and waits until the copy streams. What was written on a
   * promoted replica is lost, and so is a {@link #setReplicationDelay(Duration) delay}. On the
   * small test databases this takes a few seconds, well within {@link #DEFAULT_TIMEOUT}.
   *
   * @return the script's output
   * @throws IllegalStateException unless this controls the PostgreSQL replica
   */
  public String rebuild() {
    requirePostgresReplica("rebuilt");
    return run("rebuild", role.scriptName(), engine.scriptName());
  }

  /**
   * Runs {@code scripts/db.sh status} for this engine; never throws for a server that is down.
   *
   * @return the status lines
   */
  public String status() {
    return run(List.of("status", engine.scriptName()), true);
  }

  @Override
  public String toString() {
    return "ServerControl[" + engine.displayName() + " " + role.scriptName() + " via " + script
        + "]";
  }

  private void requirePostgresReplica(String done) {
    if (engine != DatabaseEngine.POSTGRESQL || role != DatabaseRole.REPLICA) {
      throw new IllegalStateException("only the PostgreSQL replica can be " + done + ", but this"
          + " is the " + engine.displayName() + " " + role.scriptName());
    }
  }

  private String run(String... arguments) {
    return run(List.of(arguments), false);
  }

  private String run(List<String> arguments, boolean anyExitCode) {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(script.toString());
    command.addAll(arguments);
    String shown = "scripts/db.sh " + String.join(" ", arguments);
    Path output = null;
    try {
      output = Files.createTempFile("cenote-db-sh-", ".log");
      // Output goes to a file, not a pipe: the servers the script starts must not hold our stdout.
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new ServerControlException(shown + " did not finish within " + timeout + ":\n"
            + tail(output));
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0 && !anyExitCode) {
        throw new ServerControlException(shown + " failed with exit code " + process.exitValue()
            + ":\n" + tail(output));
      }
      return text;
    } catch (IOException e) {
      throw new ServerControlException("could not run " + shown + " (" + script + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerControlException("interrupted while running " + shown, e);
    } finally {
      deleteQuietly(output);
    }
  }

  private static String tail(Path output) {
    try {
      String text = Files.readString(output, StandardCharsets.UTF_8);
      return text.length() <= MAX_OUTPUT_IN_MESSAGE
          ? text : "..." + text.substring(text.length() - MAX_OUTPUT_IN_MESSAGE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temp file in /tmp is harmless
      }
    }
  }
}
