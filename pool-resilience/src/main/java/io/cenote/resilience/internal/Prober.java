package io.cenote.resilience.internal;

import io.cenote.pool.ConnectionPool;
import io.cenote.resilience.FailureKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Half-open probes on one daemon thread, {@code cenote-resilience-probe}. Every
 * {@code probeInterval} it looks at each watched host: an open breaker whose wait has passed is
 * moved to half-open, and a half-open breaker gets up to its permitted probe calls, each a
 * borrow from the host's own pool plus {@code isValid}. Probes are what re-admit a replica: its
 * open breaker keeps routed reads away, so no user call could close it.
 */
public final class Prober implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Prober.class);

  private final List<Target> targets = new CopyOnWriteArrayList<>();
  private final ScheduledThreadPoolExecutor scheduler;

  /**
   * Starts the probe thread.
   *
   * @param interval the pause between passes
   */
  public Prober(Duration interval) {
    scheduler = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "cenote-resilience-probe");
      t.setDaemon(true);
      return t;
    });
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    long nanos = interval.toNanos();
    scheduler.scheduleWithFixedDelay(this::pass, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Probes a host's breaker through its pool from now on.
   *
   * @param host the host
   * @param pool its pool
   */
  public void watch(HostState host, ConnectionPool pool) {
    targets.add(new Target(host, pool));
  }

  /** Runs one pass now, on the calling thread (the scheduler and tests). */
  public void pass() {
    for (Target t : targets) {
      try {
        probe(t);
      } catch (RuntimeException e) {
        log.warn("[{}] half-open probe failed unexpectedly; the next pass runs as scheduled",
            t.host.name(), e);
      }
    }
  }

  private static void probe(Target t) {
    if (t.pool.isClosed() || !t.host.halfOpenIfDue()) {
      return;
    }
    int permitted = t.host.breaker().getCircuitBreakerConfig()
        .getPermittedNumberOfCallsInHalfOpenState();
    for (int i = 0; i < permitted && t.host.halfOpenIfDue(); i++) {
      if (!t.host.breaker().tryAcquirePermission()) {
        return;
      }
      long t0 = System.nanoTime();
      try (Connection c = t.pool.getConnection()) {
        if (!c.isValid(1)) {
          throw new SQLException("half-open probe: isValid returned false on host '"
              + t.host.name() + "'", "08006");
        }
        t.host.succeeded(System.nanoTime() - t0);
      } catch (SQLException e) {
        t.host.failed(System.nanoTime() - t0, e, FailureKind.HOST_FAILURE);
        return;
      }
    }
  }

  /** Stops the probe thread. */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  private record Target(HostState host, ConnectionPool pool) {}
}
