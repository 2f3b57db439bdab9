package io.cenote.dashboard;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a scenario of a {@link ScenarioControl} is doing, as {@code GET /api/scenarios} shows it.
 *
 * @param name the scenario's name
 * @param state {@code "idle"}, {@code "running"}, {@code "finished"} or {@code "failed"}
 * @param startedAt when it last started, or null when it never ran
 * @param summary the lesson when it finished, the error when it failed, otherwise null
 */
public record ScenarioStatus(String name, String state, Instant startedAt, String summary) {

  /** The scenario has not run. */
  public static final String IDLE = "idle";
  /** The scenario runs now. */
  public static final String RUNNING = "running";
  /** The scenario ran to its end. */
  public static final String FINISHED = "finished";
  /** The scenario ended with an error. */
  public static final String FAILED = "failed";

  private static final Set<String> STATES = Set.of(IDLE, RUNNING, FINISHED, FAILED);

  /** Checks the name is present and the state is one of the four. */
  public ScenarioStatus {
    Objects.requireNonNull(name, "name");
    if (!STATES.contains(state)) {
      throw new IllegalArgumentException("state must be one of idle, running, finished, failed,"
          + " but was " + state);
    }
  }

  /** @return true while the scenario runs */
  public boolean running() {
    return RUNNING.equals(state);
  }
}
