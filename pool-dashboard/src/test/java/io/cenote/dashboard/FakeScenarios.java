package io.cenote.dashboard;

import io.cenote.pool.PoolControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link ScenarioControl} that runs nothing: it keeps a state per name, holds the pools a
 * test gives it, and can make {@code stop} wait until the test lets it go on.
 */
final class FakeScenarios implements ScenarioControl {

  private final List<String> names;
  private final Map<String, ScenarioStatus> states = new ConcurrentHashMap<>();
  final List<PoolControl> pools = new CopyOnWriteArrayList<>();
  final List<String> stopped = new CopyOnWriteArrayList<>();
  volatile DashboardEvents attached;
  /** When set, {@code stop} signals {@link #stopping} and waits for it. */
  volatile CountDownLatch stopGate;
  final CountDownLatch stopping = new CountDownLatch(1);

  FakeScenarios(String... names) {
    this.names = List.of(names);
    for (String n : names) {
      states.put(n, new ScenarioStatus(n, ScenarioStatus.IDLE, null, null));
    }
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public void start(String name) {
    ScenarioStatus s = known(name);
    if (s.running()) {
      throw new IllegalStateException(name + " is running");
    }
    states.put(name, new ScenarioStatus(name, ScenarioStatus.RUNNING, Instant.now(), null));
  }

  @Override
  public void stop(String name) {
    ScenarioStatus s = known(name);
    if (!s.running()) {
      return;
    }
    CountDownLatch gate = stopGate;
    if (gate != null) {
      stopping.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stopped.add(name);
    states.put(name, new ScenarioStatus(name, ScenarioStatus.FINISHED, s.startedAt(),
        "what it taught"));
  }

  @Override
  public List<ScenarioStatus> status() {
    List<ScenarioStatus> out = new ArrayList<>();
    for (String n : names) {
      out.add(states.get(n));
    }
    return out;
  }

  @Override
  public List<PoolControl> pools() {
    return List.copyOf(pools);
  }

  @Override
  public void attach(DashboardEvents events) {
    attached = events;
  }

  private ScenarioStatus known(String name) {
    ScenarioStatus s = states.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no scenario " + name);
    }
    return s;
  }
}
