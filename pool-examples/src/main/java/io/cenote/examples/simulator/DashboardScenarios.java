package io.cenote.examples.simulator;

import io.cenote.dashboard.DashboardEvents;
import io.cenote.dashboard.ScenarioControl;
import io.cenote.dashboard.ScenarioStatus;
import io.cenote.examples.console.Ansi;
import io.cenote.pool.PoolControl;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The simulator's scenarios as the dashboard's {@link ScenarioControl}: a scenario started
 * from the page runs on a thread of its own, on a target of its own, with its console output
 * discarded; the pool it watches appears on the page while it runs, and its events (phases,
 * faults, timeouts, leaks...) stream to the page's timeline. One scenario runs at a time, so
 * two of them never share a database's fault plans.
 */
public final class DashboardScenarios implements ScenarioControl {

  private final Supplier<Target> targets;
  private final Overrides overrides;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, ScenarioStatus> status = new ConcurrentHashMap<>();
  private final List<PoolControl> watched = new CopyOnWriteArrayList<>();
  private volatile DashboardEvents events;
  private Thread running;
  private String runningName;
  /** Set by {@link #stop}: whatever the interrupted run then throws means it was stopped. */
  private volatile boolean stopping;

  private DashboardScenarios(Supplier<Target> targets, Overrides overrides) {
    this.targets = targets;
    this.overrides = overrides;
    for (Scenario s : Scenarios.all()) {
      status.put(s.name(), new ScenarioStatus(s.name(), "idle", null, null));
    }
  }

  /**
   * Scenarios on the database a dashboard runs on.
   *
   * @param target where each run goes: a fresh SQLite file per run, or the real servers
   * @param seconds how long each scenario runs, or null for the scenario's own length
   * @return the control
   */
  static DashboardScenarios on(Supplier<Target> target, Integer seconds) {
    return new DashboardScenarios(target, Overrides.NONE.withSeconds(seconds));
  }

  @Override
  public List<String> names() {
    return Scenarios.names();
  }

  @Override
  public void start(String name) {
    Scenario scenario = Scenarios.byName(name).orElseThrow(() ->
        new IllegalArgumentException("unknown scenario '" + name + "'"));
    lock.lock();
    try {
      if (running != null && running.isAlive()) {
        throw new IllegalStateException("scenario '" + runningName + "' is running; stop it"
            + " first");
      }
      status.put(name, new ScenarioStatus(name, "running", Instant.now(), null));
      stopping = false;
      runningName = name;
      running = new Thread(() -> run(scenario), "scenario-" + name);
      running.setDaemon(true);
      running.start();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void stop(String name) {
    Scenarios.byName(name).orElseThrow(() ->
        new IllegalArgumentException("unknown scenario '" + name + "'"));
    Thread thread;
    lock.lock();
    try {
      thread = name.equals(runningName) ? running : null;
    } finally {
      lock.unlock();
    }
    if (thread != null && thread.isAlive()) {
      stopping = true;
      thread.interrupt();
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public List<ScenarioStatus> status() {
    List<ScenarioStatus> out = new ArrayList<>();
    for (String n : names()) {
      out.add(status.get(n));
    }
    return out;
  }

  @Override
  public List<PoolControl> pools() {
    return watched.stream().filter(p -> !p.isClosed()).toList();
  }

  @Override
  public void attach(DashboardEvents hub) {
    this.events = hub;
  }

  private void run(Scenario scenario) {
    String name = scenario.name();
    Instant started = status.get(name).startedAt();
    publish(name, "scenario", "started: " + scenario.title());
    try {
      Simulator simulator = new Simulator(targets.get(), overrides, discard(), Ansi.of(false),
          false, new Observer());
      Recording r = simulator.run(scenario);
      status.put(name, new ScenarioStatus(name, "finished", started, r.lesson()));
      publish(name, "scenario", "finished: " + r.lesson());
    } catch (Exception e) {
      if (stopping) {
        // interrupted wherever it was: in a sleep of the timeline, or in a driver call
        status.put(name, new ScenarioStatus(name, "idle", started, "stopped"));
        publish(name, "scenario", "stopped");
        return;
      }
      status.put(name, new ScenarioStatus(name, "failed", started, e.toString()));
      publish(name, "scenario", "failed: " + e);
    } finally {
      watched.clear();
    }
  }

  private void publish(String source, String kind, String message) {
    DashboardEvents hub = events;
    if (hub != null) {
      hub.publish(source, kind, message);
    }
  }

  /** @return a stream that drops what is printed: the page shows the run instead */
  static PrintStream discard() {
    return new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
  }

  /** Shows the watched pool on the page and streams the run's events. */
  private final class Observer implements RunObserver {

    @Override
    public void watching(String scenario, PoolControl pool) {
      watched.add(pool);
    }

    @Override
    public void recorded(String scenario, SimEvent event) {
      publish(scenario, kind(event.kind()), event.message());
    }
  }

  /**
   * The dashboard's kind for a simulator event.
   *
   * @param kind the simulator's kind
   * @return the dashboard's, such as {@code timeout} or {@code writer_changed}
   */
  static String kind(SimEvent.Kind kind) {
    return switch (kind) {
      case PHASE -> "scenario";
      case FAULT -> "fault";
      case CONNECT -> "connect";
      case CONNECT_FAILURE -> "connect_failure";
      case CHECKOUT -> "checkout";
      case CHECKIN -> "checkin";
      case CLOSE -> "close";
      case INVALID -> "invalidate";
      case EXHAUSTED -> "exhausted";
      case TIMEOUT -> "timeout";
      case LEAK -> "leak";
      case FAILURE -> "failure";
      case HEALTH -> "health";
      case RESIZE -> "resize";
      case EXCLUDED -> "excluded";
      case READMITTED -> "readmitted";
      case FALLBACK -> "fallback";
      case WRITER -> "writer_changed";
      case BREAKER -> "breaker";
    };
  }
}
