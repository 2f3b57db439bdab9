package io.cenote.router.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every host of a cluster, each on its own schedule and thread ({@link HostCheck}), so
 * one dead or black-holed host delays no other host's checks.
 *
 * <p>Threads, all daemons: one per host, {@code <cluster>-health-<pool name>}; one timer,
 * {@code <cluster>-health-timer}, which only fires the watchdogs that end overdue checks; and
 * helpers, {@code <cluster>-health-helper-<n>}, started on demand for connects (at most one per
 * host at a time) and aborts, ending a minute after their last task.
 */
final class HealthChecker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

  /** How long {@link #close()} waits for the check threads to end. */
  private static final long STOP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** How long idle helper threads stay. */
  private static final long HELPER_KEEP_ALIVE_SECONDS = 60;
  /** Beyond two check timeouts, for scheduling on a loaded machine. */
  private static final long CHECK_NOW_SLACK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final String cluster;
  private final HostCheck[] checks;
  private final ScheduledExecutorService timer;
  private final ExecutorService helpers;
  private final long checkNowWaitNanos;

  HealthChecker(ClusterSettings settings, Router router, Host primary, Host[] replicas,
      Events events) {
    this.cluster = settings.name();
    ScheduledThreadPoolExecutor watchdogs =
        new ScheduledThreadPoolExecutor(1, daemons(cluster + "-health-timer", false));
    watchdogs.setRemoveOnCancelPolicy(true);
    this.timer = watchdogs;
    this.helpers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, HELPER_KEEP_ALIVE_SECONDS,
        TimeUnit.SECONDS, new SynchronousQueue<>(), daemons(cluster + "-health-helper", true));
    AtomicReference<String> position = new AtomicReference<>();
    this.checks = new HostCheck[replicas.length + 1];
    for (int i = 0; i < checks.length; i++) {
      Host host = i == 0 ? primary : replicas[i - 1];
      Probe probe = new Probe(host.connectionPool().config(), settings.dialect(),
          settings.healthCheckTimeout(), helpers, timer);
      checks[i] = new HostCheck(settings, host, primary, probe, router, events, position,
          daemons(cluster + "-health-" + host.name(), false));
    }
    // a check may wait for a scheduled one of the same host, then runs its own
    this.checkNowWaitNanos = 2 * settings.healthCheckTimeout().toNanos() + CHECK_NOW_SLACK_NANOS;
  }

  private static ThreadFactory daemons(String name, boolean numbered) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, numbered ? name + "-" + count.incrementAndGet() : name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Starts the periodic checks of every host. */
  void start(Duration interval) {
    for (HostCheck check : checks) {
      check.start(interval);
    }
  }

  /**
   * Checks every host now: the primary first, then the replicas concurrently, so that their lag
   * is measured against the position the primary just gave and the lag rule sees whether it is
   * down now. Waits until all are done; each check is bounded by the check timeout, and one
   * that blocks beyond (in a host guard, or evicting a pool) is waited for only so long.
   */
  void checkNow() {
    long deadline = System.nanoTime() + checkNowWaitNanos;
    if (!await(checks[0].submit(), deadline)) {
      return;
    }
    List<Future<?>> running = new ArrayList<>(checks.length - 1);
    for (int i = 1; i < checks.length; i++) {
      running.add(checks[i].submit());
    }
    deadline = System.nanoTime() + checkNowWaitNanos;
    for (Future<?> check : running) {
      if (!await(check, deadline)) {
        return;
      }
    }
  }

  /** @return false when interrupted (the flag is kept) */
  private boolean await(Future<?> check, long deadline) {
    try {
      check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      log.error("[{}] a health check failed", cluster, e.getCause());
    } catch (TimeoutException e) {
      log.warn("[{}] a health check is still running after {} ms; not waiting longer",
          cluster, TimeUnit.NANOSECONDS.toMillis(checkNowWaitNanos));
    }
    return true;
  }

  /** Stops every thread, interrupting checks and connects under way, and closes the probes. */
  @Override
  public void close() {
    for (HostCheck check : checks) {
      check.stop();
    }
    long deadline = System.nanoTime() + STOP_WAIT_NANOS;
    try {
      for (HostCheck check : checks) {
        if (!check.awaitStop(Math.max(0, deadline - System.nanoTime()))) {
          log.warn("[{}] a health-check thread did not stop within {} ms", cluster,
              TimeUnit.NANOSECONDS.toMillis(STOP_WAIT_NANOS));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (HostCheck check : checks) {
      check.close();
    }
    helpers.shutdownNow();
    timer.shutdownNow();
  }
}
