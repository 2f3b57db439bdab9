package io.cenote.guice;

import io.cenote.router.ClusterConfig;
import io.cenote.router.FleetConfig;
import io.cenote.router.PoolManager;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the fleet that a {@link CenoteModule} describes; one per injector, bound as a
 * singleton. Creating the injector opens nothing: {@link #start()} starts every cluster, then
 * every standalone pool, each in name order, through a {@link PoolManager} this object owns, and
 * {@link #stop()} closes them one by one in reverse start order.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(Stage.PRODUCTION,
 *     CenoteModule.builder().file(Path.of("/etc/shop/fleet.properties")).build(),
 *     new ShopModule());
 * CenoteLifecycle fleet = injector.getInstance(CenoteLifecycle.class);
 * fleet.start();                 // opens the pools; throws FleetStartException naming a failure
 * try {
 *   runApplication(injector);
 * } finally {
 *   fleet.stop();                // closes them, newest first
 * }
 * }</pre>
 *
 * <p>A start that fails part-way closes what it had started, in reverse order, so that no pool,
 * thread or server session is left, and throws {@link FleetStartException} naming the member at
 * fault with its failure as cause; a later {@code start()} may try again. {@link #stop()} is
 * final: a stopped lifecycle does not start again (build a new injector for that), so that a use
 * racing with shutdown cannot open the pools anew.
 *
 * <p>With {@link CenoteModule.Builder#startOnFirstUse()} the first use of a bound
 * {@code DataSource}, {@code Cluster}, {@code PoolControl} or {@code PoolManager} calls
 * {@code start()}; with {@link CenoteModule.Builder#shutdownHook()} a successful start registers
 * a JVM shutdown hook that stops the fleet, and {@code stop()} removes it.
 *
 * <p>Thread-safe: starting and stopping take one lock, so concurrent starts start the fleet
 * once; {@link #isRunning()} and {@link #manager()} take none. Logs on
 * {@code io.cenote.guice.CenoteLifecycle}.
 */
public final class CenoteLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CenoteLifecycle.class);
  private static final long NANOS_PER_MILLI = 1_000_000;

  private enum State { NEW, RUNNING, STOPPED }

  /** A member of the fleet, before it starts. */
  private record Plan(String kind, String name, Function<PoolManager, AutoCloseable> start) {}

  /** A started member, which this lifecycle closes. */
  private record Member(String name, AutoCloseable resource) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final List<Plan> plan;
  private final Collection<FleetListener> configuredListeners;
  private final Provider<? extends Collection<FleetListener>> boundListeners;
  private final boolean withShutdownHook;

  private volatile State state = State.NEW;
  private volatile PoolManager manager;
  private volatile List<String> startOrder = List.of();
  // guarded by lock
  private List<Member> members = List.of();
  private Listeners listeners;
  private ShutdownHook hook;

  /**
   * @param fleet the fleet to start
   * @param configuredListeners the builder's listeners, called first
   * @param boundListeners the multibound listeners, resolved at each start (not at creation, so
   *     that a listener may depend on this lifecycle)
   * @param withShutdownHook whether a start registers a JVM shutdown hook
   */
  CenoteLifecycle(FleetConfig fleet, Collection<FleetListener> configuredListeners,
      Provider<? extends Collection<FleetListener>> boundListeners, boolean withShutdownHook) {
    this.plan = plan(Objects.requireNonNull(fleet, "fleet"));
    this.configuredListeners = List.copyOf(configuredListeners);
    this.boundListeners = Objects.requireNonNull(boundListeners, "boundListeners");
    this.withShutdownHook = withShutdownHook;
  }

  private static List<Plan> plan(FleetConfig fleet) {
    List<Plan> plan = new ArrayList<>();
    for (Map.Entry<String, ClusterConfig> c : fleet.clusters().entrySet()) {
      plan.add(new Plan("cluster", c.getKey(), m -> m.register(c.getValue())));
    }
    fleet.pools().forEach((name, pool) -> plan.add(new Plan("pool", name, m -> m.register(pool))));
    return List.copyOf(plan);
  }

  /**
   * Starts the fleet: every cluster, then every standalone pool, each in name order; then
   * tells the listeners and, when configured, registers the shutdown hook. Does nothing when
   * the fleet is running.
   *
   * @throws FleetStartException naming the member that failed, with its failure as cause, after
   *     the members started before it were closed again
   * @throws IllegalStateException when the lifecycle was stopped
   * @throws RuntimeException a listener's failure in {@link FleetListener#started}, after the
   *     fleet was stopped again
   */
  public void start() {
    lock.lock();
    try {
      if (state == State.RUNNING) {
        return;
      }
      if (state == State.STOPPED) {
        throw new IllegalStateException("the Cenote fleet was stopped; it does not start again"
            + " (create a new injector to start it anew)");
      }
      long began = System.nanoTime();
      // resolved before anything opens: a listener that cannot be provided fails the start alone
      Listeners run = new Listeners(configuredListeners, boundListeners.get());
      PoolManager started = new PoolManager();
      members = startMembers(started);
      startOrder = members.stream().map(Member::name).toList();
      listeners = run;
      manager = started;
      state = State.RUNNING;
      announce(started);
      log.info("Cenote fleet started in {} ms: {}", (System.nanoTime() - began) / NANOS_PER_MILLI,
          startOrder);
    } finally {
      lock.unlock();
    }
  }

  private List<Member> startMembers(PoolManager started) {
    List<Member> up = new ArrayList<>();
    for (Plan next : plan) {
      try {
        up.add(new Member(next.name(), next.start().apply(started)));
      } catch (RuntimeException e) {
        throw rollBack(new FleetStartException(next.kind(), next.name(), up.size(), e), up,
            started);
      } catch (Error e) {
        throw rollBack(e, up, started);
      }
    }
    return List.copyOf(up);
  }

  /** Closes what a failed start had started; returns the failure, with close failures added. */
  private <T extends Throwable> T rollBack(T failure, List<Member> up, PoolManager started) {
    List<Throwable> closing = new ArrayList<>();
    closeInReverse(up, started, null, closing);
    closing.forEach(failure::addSuppressed);
    startOrder = up.stream().map(Member::name).toList();
    log.warn("Cenote fleet did not start; closed again {}: {}", startOrder, failure.toString());
    return failure;
  }

  /**
   * Tells the listeners and registers the hook; when either fails, the fleet stops again and
   * the start fails.
   */
  private void announce(PoolManager started) {
    try {
      listeners.started(started);
      if (withShutdownHook) {
        hook = ShutdownHook.register(this::stop);
      }
    } catch (RuntimeException | Error e) {
      log.warn("Cenote fleet: a FleetListener failed in started(), or the JVM is exiting;"
          + " stopping the fleet: {}", e.toString());
      state = State.NEW; // a failed start, which a later start() may retry
      shutDown().forEach(e::addSuppressed);
      throw e;
    }
  }

  /**
   * Stops the fleet: tells the listeners ({@link FleetListener#stopping}), closes every member in
   * reverse start order (each followed by {@link FleetListener#memberStopped}), closes the
   * manager and removes the shutdown hook. Idempotent; after it the lifecycle does not start
   * again. Every member is closed even when a listener or a close fails.
   *
   * @throws IllegalStateException after everything was closed, when a listener or a close
   *     failed (the first failure as cause, the others suppressed)
   */
  public void stop() {
    lock.lock();
    try {
      State was = state;
      state = State.STOPPED;
      if (was != State.RUNNING) {
        return;
      }
      List<Throwable> failures = shutDown();
      if (hook != null) {
        hook.remove();
        hook = null;
      }
      log.info("Cenote fleet stopped: {}", startOrder);
      if (!failures.isEmpty()) {
        IllegalStateException failure = new IllegalStateException("stopping the Cenote fleet: "
            + failures.size() + " failure(s); every member was closed anyway", failures.get(0));
        failures.subList(1, failures.size()).forEach(failure::addSuppressed);
        throw failure;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Closes the running fleet; the caller holds the lock and sets the state. */
  private List<Throwable> shutDown() {
    PoolManager running = manager;
    manager = null; // uses from now on fail clearly instead of reaching closing pools
    List<Throwable> failures = new ArrayList<>();
    listeners.stopping(running, failures);
    closeInReverse(members, running, listeners, failures);
    members = List.of();
    return failures;
  }

  private static void closeInReverse(List<Member> started, PoolManager owner,
      Listeners listeners, List<Throwable> failures) {
    for (int i = started.size() - 1; i >= 0; i--) {
      Member member = started.get(i);
      try {
        member.resource().close();
      } catch (Exception e) {
        failures.add(e);
      }
      if (listeners != null) {
        listeners.memberStopped(member.name(), failures);
      }
    }
    try {
      owner.close(); // its members are closed; this only ends the manager
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  /** @return true from a successful {@link #start()} until {@link #stop()} */
  public boolean isRunning() {
    return state == State.RUNNING;
  }

  /**
   * Returns the manager of the running fleet: every cluster and pool by name, statistics,
   * runtime control.
   *
   * @return the manager
   * @throws IllegalStateException when the fleet is not running, saying why
   */
  public PoolManager manager() {
    PoolManager running = manager;
    if (running == null) {
      throw new IllegalStateException(state == State.STOPPED
          ? "the Cenote fleet was stopped by CenoteLifecycle.stop()"
          : "the Cenote fleet has not been started; call CenoteLifecycle.start() first");
    }
    return running;
  }

  /**
   * Returns the names of the members the last {@link #start()} started, in start order (cluster
   * and standalone pool names as in the fleet file); when that start failed, those it started
   * before the failure (and closed again).
   *
   * @return the names; empty before the first start
   */
  public List<String> startOrder() {
    return startOrder;
  }

  /** @return the registered shutdown hook's thread, or null; for tests */
  Thread shutdownHookThread() {
    lock.lock();
    try {
      return hook == null ? null : hook.thread();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "CenoteLifecycle{" + state + ", " + plan.stream().map(Plan::name).toList() + "}";
  }
}
