package io.cenote.examples.simulator;

import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolControl;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link Scenario} works with while it runs: the settings, the database, the pools it
 * opens, the simulated clients, the clock and the record of what happened. Everything opened
 * through a run is closed by {@link #close()}, clients first, so no thread outlives it.
 */
final class Run implements AutoCloseable {

  /** The average pause between a client's requests. */
  static final long THINK_MILLIS = 10;

  private final Knobs knobs;
  private final Target target;
  private final Recorder recorder;
  private final ConsoleView console;
  private final long startNanos = System.nanoTime();
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private final List<Clients> allClients = new ArrayList<>();
  private final List<Sampler> samplers = new ArrayList<>();
  private Clients clients;
  private Sampler sampler;

  /**
   * Creates the run; its clock starts now.
   *
   * @param knobs the settings to run with
   * @param target the database
   * @param recorder where events go
   * @param console where lines are printed
   */
  Run(Knobs knobs, Target target, Recorder recorder, ConsoleView console) {
    this.knobs = knobs;
    this.target = target;
    this.recorder = recorder;
    this.console = console;
  }

  /** @return the settings */
  Knobs knobs() {
    return knobs;
  }

  /** @return the database */
  Target target() {
    return target;
  }

  /** @return the event record */
  Recorder recorder() {
    return recorder;
  }

  /**
   * A pool configuration on the primary with the run's settings: maxSize, maxOverflow, acquire
   * timeout, maxLifetime and pre-ping (validated on every borrow, not only after a quiet
   * spell), the recorder as listener, and a health window short enough for the run to see a
   * pool recover.
   *
   * @param name the pool's name
   * @return the builder, for the scenario to adjust
   */
  PoolConfig.Builder pool(String name) {
    return settings(target.primary(name));
  }

  /**
   * Applies the run's settings to a pool configuration.
   *
   * @param b a builder from the target
   * @return the same builder
   */
  PoolConfig.Builder settings(PoolConfig.Builder b) {
    b.maxSize(knobs.poolSize()).maxOverflow(knobs.maxOverflow())
        .acquireTimeout(knobs.timeout())
        .maxLifetime(knobs.recycle())
        .validateOnBorrow(knobs.prePing())
        .healthWindow(Duration.ofSeconds(Math.max(1, Math.min(60, knobs.seconds() / 8))))
        .shutdownGracePeriod(Duration.ofSeconds(1))
        .listener(recorder);
    if (knobs.prePing()) {
      b.validationBypassWindow(Duration.ZERO);
    }
    return b;
  }

  /**
   * Opens a pool that the run closes.
   *
   * @param config its configuration
   * @return the pool
   */
  ConnectionPool open(PoolConfig config) {
    ConnectionPool pool = ConnectionPool.create(config);
    opened.push(pool);
    return pool;
  }

  /**
   * Keeps something the scenario opened (a cluster, a resilient pool) to be closed with the
   * run.
   *
   * @param resource what to close
   * @param <T> its type
   * @return the resource
   */
  <T extends AutoCloseable> T closeLater(T resource) {
    opened.push(resource);
    return resource;
  }

  /**
   * Starts the clients and the once-a-second gauges of a pool. A scenario that compares two
   * pools calls it again: the previous load stops first, and its samples and tallies are kept.
   *
   * @param watched the pool the gauges show
   * @param request what each request does
   * @param max clients that can ever run
   * @param active how many run from now
   * @return the clients, to change the load
   */
  Clients load(PoolControl watched, Clients.Request request, int max, int active) {
    stopLoad();
    clients = new Clients(request, recorder, THINK_MILLIS);
    sampler = new Sampler(watched, recorder, console, clients);
    allClients.add(clients);
    samplers.add(sampler);
    clients.start(max, active);
    sampler.start();
    recorder.observer().watching(recorder.scenario(), watched);
    return clients;
  }

  /**
   * Records the start of a phase.
   *
   * @param text what happens now
   */
  void phase(String text) {
    recorder.record(SimEvent.Kind.PHASE, text);
  }

  /**
   * Records a fault the scenario causes.
   *
   * @param text what it does to the database
   */
  void fault(String text) {
    recorder.record(SimEvent.Kind.FAULT, text);
  }

  /**
   * Sleeps until a share of the run time has passed since the run started.
   *
   * @param fraction 0.0 to 1.0 of {@link Knobs#seconds()}
   * @throws InterruptedException when interrupted
   */
  void at(double fraction) throws InterruptedException {
    long due = startNanos + (long) (fraction * knobs.seconds() * 1e9);
    long left = due - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }

  /** @return the clients, once {@link #load} started them */
  Clients clients() {
    return clients;
  }

  /** @return the samples of every load so far, in time order */
  List<Sample> samples() {
    return samplers.stream().flatMap(s -> s.samples().stream()).toList();
  }

  /** @return each client's requests, failures and waits, added up over every load */
  List<ClientTally> tallies() {
    Map<Integer, ClientTally> sum = new TreeMap<>();
    for (Clients c : allClients) {
      for (ClientTally t : c.tallies()) {
        sum.merge(t.client(), t, (a, b) -> new ClientTally(a.client(),
            a.requests() + b.requests(), a.failures() + b.failures(),
            a.waitMillis() + b.waitMillis()));
      }
    }
    return List.copyOf(sum.values());
  }

  /** @return requests completed over every load */
  long requests() {
    return allClients.stream().mapToLong(Clients::requests).sum();
  }

  /** @return requests failed over every load */
  long failures() {
    return allClients.stream().mapToLong(Clients::failures).sum();
  }

  /** @return the pool the gauges watch now, or null before {@link #load} */
  PoolControl watched() {
    return sampler == null ? null : sampler.pool();
  }

  /** Stops the clients and then the gauges, which take a last sample; pools stay open. */
  void stopLoad() {
    if (clients != null) {
      clients.close();
    }
    if (sampler != null) {
      sampler.close();
    }
  }

  /** Stops the load and closes everything opened through the run, last opened first. */
  @Override
  public void close() {
    stopLoad();
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        console.out().print("simulate: closing failed: " + e);
      }
    }
  }
}
