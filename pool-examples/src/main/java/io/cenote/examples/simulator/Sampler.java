package io.cenote.examples.simulator;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.PoolGauge;
import io.cenote.pool.DurationHistogram;
import io.cenote.pool.HealthStatus;
import io.cenote.pool.PoolControl;
import io.cenote.pool.PoolHealth;
import io.cenote.pool.PoolStats;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a second, reads the watched pool's statistics and health: keeps a {@link Sample},
 * prints the gauge line, and records a health change or a new maxSize as an event. The p99
 * wait and hold of a sample cover the second since the previous one.
 */
final class Sampler implements AutoCloseable {

  private final PoolControl pool;
  private final Recorder recorder;
  private final ConsoleView console;
  private final Clients clients;
  private final ScheduledExecutorService scheduler;
  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private DurationHistogram lastWait = DurationHistogram.EMPTY;
  private DurationHistogram lastHold = DurationHistogram.EMPTY;
  private HealthStatus lastHealth = HealthStatus.UP;
  private int lastMaxSize = -1;

  /**
   * Creates the sampler; nothing is read until {@link #start()}.
   *
   * @param pool the pool the gauges show
   * @param recorder where health and size changes are recorded
   * @param console where the gauge line is printed
   * @param clients the load, for the client count and the failures
   */
  Sampler(PoolControl pool, Recorder recorder, ConsoleView console, Clients clients) {
    this.pool = pool;
    this.recorder = recorder;
    this.console = console;
    this.clients = clients;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "simulator-sampler");
      t.setDaemon(true);
      return t;
    });
  }

  /** Takes a first sample now and then one every second. */
  void start() {
    scheduler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
  }

  /** @return the samples so far */
  List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** @return the watched pool */
  PoolControl pool() {
    return pool;
  }

  private void sample() {
    try {
      PoolStats s = pool.stats();
      PoolHealth health = pool.health();
      DurationHistogram wait = s.waitTime().histogram();
      DurationHistogram hold = s.holdTime().histogram();
      double waitP99 = wait.since(lastWait).percentileNanos(0.99) / 1e6;
      double holdP99 = hold.since(lastHold).percentileNanos(0.99) / 1e6;
      lastWait = wait;
      lastHold = hold;
      samples.add(new Sample(recorder.second(), clients.active(), s.total(), s.active(),
          s.idle(), s.waiting(), s.overflowInUse(), s.maxSize(), s.acquired(), s.timeouts(),
          clients.failures(), waitP99, holdP99, health.status().name()));
      if (lastMaxSize >= 0 && s.maxSize() != lastMaxSize) {
        recorder.record(SimEvent.Kind.RESIZE, pool.poolName() + ": maxSize " + lastMaxSize
            + " -> " + s.maxSize() + " (" + s.active() + " active, " + s.waiting()
            + " waiting)");
      }
      lastMaxSize = s.maxSize();
      if (health.status() != lastHealth) {
        recorder.record(SimEvent.Kind.HEALTH, pool.poolName() + ": " + lastHealth + " -> "
            + health.status() + (health.alerts().isEmpty() ? ""
            : ": " + String.join("; ", health.alerts())));
        lastHealth = health.status();
      }
      Ansi ansi = console.out().ansi();
      String healthText = health.status() == HealthStatus.UP ? "UP"
          : ansi.paint(Ansi.Style.YELLOW, health.status().name());
      console.tick(PoolGauge.gauge(s, ansi), PoolGauge.line(s, ansi)
          + ansi.paint(Ansi.Style.DIM, " | clients ") + clients.active()
          + ansi.paint(Ansi.Style.DIM, " failed ") + clients.failures()
          + ansi.paint(Ansi.Style.DIM, " health ") + healthText);
    } catch (RuntimeException e) {
      console.out().event(Ansi.Style.RED, "STATS", "could not read the pool: " + e);
    }
  }

  /** Stops sampling after one last sample, so the charts end where the run ended. */
  @Override
  public void close() {
    if (scheduler.isShutdown()) {
      return;
    }
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }
}
