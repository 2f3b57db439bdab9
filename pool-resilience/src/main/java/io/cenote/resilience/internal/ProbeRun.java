package io.cenote.resilience.internal;

import io.cenote.resilience.SqlFailureClassifier;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's half-open probe run, on a probe worker: up to the breaker's permitted calls in
 * half-open state, each a {@link ProbeCall} with its own deadline; the first failure ends the
 * run. A watchdog on the prober's scheduler ends a call still running at its deadline: the call
 * counts as a failure, its connection is aborted and the worker is interrupted, which ends a
 * borrow still waiting in the pool. The interrupt goes through the run's {@link FutureTask}, which
 * delivers it only while this run is on the thread, never to a task the worker runs later.
 */
final class ProbeRun implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ProbeRun.class);

  private final Prober.Target target;
  private final long timeoutNanos;
  private final SqlFailureClassifier classifier;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers;
  private final FutureTask<Void> task = new FutureTask<>(this, null);
  private final CountDownLatch verdict = new CountDownLatch(1);

  ProbeRun(Prober.Target target, long timeoutNanos, SqlFailureClassifier classifier,
      ScheduledExecutorService scheduler, ExecutorService workers) {
    this.target = target;
    this.timeoutNanos = timeoutNanos;
    this.classifier = classifier;
    this.scheduler = scheduler;
    this.workers = workers;
  }

  /** Hands the run to a worker; the target must be marked in flight. */
  void start() {
    workers.execute(task);
  }

  /** Waits until the run's outcome is recorded: its calls ended, or one of them timed out. */
  void awaitVerdict() throws InterruptedException {
    verdict.await();
  }

  @Override
  public void run() {
    HostState host = target.host();
    boolean watchdogGivesVerdict = false;
    try {
      int permitted = host.breaker().getCircuitBreakerConfig()
          .getPermittedNumberOfCallsInHalfOpenState();
      for (int i = 0; i < permitted && host.halfOpenIfDue(); i++) {
        if (!host.breaker().tryAcquirePermission()) {
          return;
        }
        ProbeCall call = new ProbeCall(host, target.pool(), timeoutNanos, classifier);
        if (!call(call)) {
          watchdogGivesVerdict = call.expired(); // it may still be recording the failure
          return;
        }
      }
    } catch (RejectedExecutionException closing) {
      log.debug("[{}] the prober closed during a half-open probe", host.name());
    } catch (RuntimeException e) {
      log.warn("[{}] half-open probe failed unexpectedly; the next pass runs as scheduled",
          host.name(), e);
    } finally {
      if (!watchdogGivesVerdict) {
        verdict.countDown();
      }
      target.inFlight().set(false);
    }
  }

  private boolean call(ProbeCall call) {
    ScheduledFuture<?> watchdog = scheduler.schedule(() -> expire(call), timeoutNanos,
        TimeUnit.NANOSECONDS);
    try {
      return call.run();
    } finally {
      watchdog.cancel(false);
    }
  }

  private void expire(ProbeCall call) {
    if (call.expire(workers)) {
      verdict.countDown(); // recorded; the worker may take a while to get out
      task.cancel(true);
    }
  }
}
