package io.cenote.dashboard.internal;

import io.cenote.dashboard.DashboardEvents;
import io.cenote.dashboard.ScenarioControl;
import io.cenote.dashboard.ScenarioStatus;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's {@link ScenarioControl}, or none: answers as the API needs (an empty list,
 * 404 for any name without one), maps its exceptions to statuses, and publishes what it starts
 * and stops.
 */
final class Scenarios {

  private static final Logger log = LoggerFactory.getLogger(Scenarios.class);

  private final ScenarioControl control;
  private final DashboardEvents events;

  /**
   * Wraps a control.
   *
   * @param control the application's control, or null
   * @param events where starts and stops are published
   */
  Scenarios(ScenarioControl control, DashboardEvents events) {
    this.control = control;
    this.events = events;
  }

  /** Hands the event hub to the control, when there is one. */
  void attach() {
    if (control != null) {
      control.attach(events);
    }
  }

  /** @return every scenario's state; empty without a control */
  List<ScenarioStatus> status() {
    return control == null ? List.of() : control.status();
  }

  /**
   * Starts a scenario.
   *
   * @param name the scenario
   * @return its state after starting
   * @throws ApiException 404 for an unknown name, 409 when it runs already
   */
  ScenarioStatus start(String name) {
    try {
      known(name).start(name);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("scenario '" + name + "'");
    } catch (IllegalStateException e) {
      throw new ApiException(409, "scenario '" + name + "' is already running", null);
    }
    events.publish(name, EventKinds.SCENARIO, "started from the dashboard");
    return statusOf(name);
  }

  /**
   * Stops a scenario; nothing happens when it does not run.
   *
   * @param name the scenario
   * @return its state after stopping
   * @throws ApiException 404 for an unknown name
   */
  ScenarioStatus stop(String name) {
    try {
      known(name).stop(name);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("scenario '" + name + "'");
    }
    events.publish(name, EventKinds.SCENARIO, "stopped from the dashboard");
    return statusOf(name);
  }

  /** Stops every running scenario, for shutdown; a failure is logged and the others go on. */
  void stopAll() {
    for (ScenarioStatus s : status()) {
      if (s.running()) {
        try {
          control.stop(s.name());
        } catch (RuntimeException e) {
          log.warn("[dashboard] stopping scenario '{}' at shutdown failed", s.name(), e);
        }
      }
    }
  }

  private ScenarioControl known(String name) {
    if (control == null || !control.names().contains(name)) {
      throw ApiException.notFound("scenario '" + name + "'");
    }
    return control;
  }

  private ScenarioStatus statusOf(String name) {
    return status().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> ApiException.notFound("scenario '" + name + "'"));
  }
}
