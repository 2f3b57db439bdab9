package io.cenote.resilience.internal;

import io.cenote.pool.ConnectionPool;
import io.cenote.resilience.SqlFailureClassifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Half-open probes, each bounded by the probe timeout and run per host, so that a dead or
 * black-holed host never delays the probes of the others. Probes are what re-admit a replica:
 * its open breaker keeps routed reads away, so no user call could close it.
 *
 * <p>Design: one daemon thread, {@code <owner>-probe}, makes a pass every
 * {@code probeInterval}. Each watched host whose breaker is due (open past its wait, which moves
 * it to half-open, or half-open) and that has no probe in flight gets a {@link ProbeRun} on a
 * worker thread ({@code <owner>-probe-worker-N}, daemon, from a cached pool). A host's
 * in-flight flag is set when its run starts and cleared only when the run's thread is done, so a
 * host whose probe thread is stuck is never probed twice at once and never holds more than one
 * thread: there are at most as many busy workers as hosts, plus short-lived aborts. The same
 * scheduler thread runs each probe call's watchdog, which only records the outcome and hands the
 * abort to a worker, so it never waits on a driver.
 */
public final class Prober implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Prober.class);

  private final List<Target> targets = new CopyOnWriteArrayList<>();
  private final long timeoutNanos;
  private final SqlFailureClassifier classifier;
  private final ScheduledThreadPoolExecutor scheduler;
  private final ExecutorService workers;

  /**
   * Starts the probe thread.
   *
   * @param owner the name of the cluster or pool the probes belong to, for thread names
   * @param interval the pause between passes
   * @param timeout how long one probe call may take
   * @param classifier decides whether a failed probe counts against the host
   */
  public Prober(String owner, Duration interval, Duration timeout,
      SqlFailureClassifier classifier) {
    this.timeoutNanos = timeout.toNanos();
    this.classifier = classifier;
    scheduler = new ScheduledThreadPoolExecutor(1, daemon(() -> owner + "-probe"));
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    scheduler.setRemoveOnCancelPolicy(true); // a watchdog is cancelled by every call that ends
    AtomicInteger workerIds = new AtomicInteger();
    workers = Executors.newCachedThreadPool(
        daemon(() -> owner + "-probe-worker-" + workerIds.incrementAndGet()));
    long nanos = interval.toNanos();
    scheduler.scheduleWithFixedDelay(this::pass, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private static ThreadFactory daemon(Supplier<String> names) {
    return r -> {
      Thread t = new Thread(r, names.get());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Probes a host's breaker through its pool from now on.
   *
   * @param host the host
   * @param pool its pool
   */
  public void watch(HostState host, ConnectionPool pool) {
    targets.add(new Target(host, pool, new AtomicBoolean()));
  }

  /**
   * Runs one pass now and waits until the probes it started have ended (each call at most the
   * probe timeout; hosts are probed in parallel). A host whose probe is already running is left
   * to it. For tests and operators; does nothing once closed.
   */
  public void probeNow() {
    for (ProbeRun run : pass()) {
      try {
        run.awaitVerdict();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Starts a probe of every due host that has none in flight; returns the runs it started. */
  List<ProbeRun> pass() {
    List<ProbeRun> started = new ArrayList<>();
    for (Target t : targets) {
      try {
        if (!t.pool().isClosed() && t.host().halfOpenIfDue()
            && t.inFlight().compareAndSet(false, true)) {
          ProbeRun run = new ProbeRun(t, timeoutNanos, classifier, scheduler, workers);
          run.start();
          started.add(run);
        }
      } catch (RejectedExecutionException closed) {
        t.inFlight().set(false); // the prober is closing: probes have stopped
      } catch (RuntimeException e) {
        log.warn("[{}] half-open probe could not start; the next pass tries again",
            t.host().name(), e);
      }
    }
    return started;
  }

  /** Stops the probe thread and interrupts probes in flight. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    workers.shutdownNow();
  }

  /** A watched host: its breaker, its pool and whether a probe of it is running. */
  record Target(HostState host, ConnectionPool pool, AtomicBoolean inFlight) {}
}
