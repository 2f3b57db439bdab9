package io.cenote.pool;

import io.cenote.testkit.fault.FaultConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.Assumptions;

/** Shared helpers for the pool-core unit tests: a manual ticker, polling, a recording listener. */
final class PoolTestSupport {

  private static final AtomicInteger NAMES = new AtomicInteger();

  /** How long {@link #await} polls before it fails the test. */
  static final Duration AWAIT = Duration.ofSeconds(10);

  private PoolTestSupport() {}

  /** @return a pool name no other test uses, e.g. {@code timing-7} */
  static String uniqueName(String prefix) {
    return prefix + "-" + NAMES.incrementAndGet();
  }

  /**
   * A builder for a small pool over a stub URL: no JMX, one connection, short shutdown grace.
   * Tests override what they exercise.
   */
  static PoolConfig.Builder stubConfig(String prefix, String url) {
    return PoolConfig.builder()
        .poolName(uniqueName(prefix))
        .jdbcUrl(url)
        .registerMbean(false)
        .maxSize(1)
        .minIdle(1)
        .acquireTimeout(Duration.ofSeconds(5))
        .shutdownGracePeriod(Duration.ofMillis(200));
  }

  /** @return the fault driver's physical connection behind a pooled one */
  static FaultConnection physical(Connection pooled) throws SQLException {
    return pooled.unwrap(FaultConnection.class);
  }

  /** Polls {@code condition} every few milliseconds until it holds; fails after {@link #AWAIT}. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + AWAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + AWAIT + " waiting until " + what);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
  }

  /**
   * Checks that {@code condition} holds throughout {@code period}, to show that something does
   * not happen in the background. It can only fail when the pool misbehaves, never by timing.
   */
  static void assertStaysTrue(String what, Duration period, BooleanSupplier condition) {
    long end = System.nanoTime() + period.toNanos();
    do {
      if (!condition.getAsBoolean()) {
        throw new AssertionError("expected to stay true, but did not: " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted checking " + what, e);
      }
    } while (System.nanoTime() - end < 0);
  }

  /** Waits until {@code pool} has exactly {@code n} borrowers queued. */
  static void awaitWaiting(AbstractPool pool, int n) {
    await(n + " borrower(s) waiting in " + pool.poolName(), () -> pool.stats().waiting() == n);
  }

  /** Waits until {@code pool} holds exactly {@code n} open connections. */
  static void awaitTotal(AbstractPool pool, int n) {
    await(n + " connection(s) open in " + pool.poolName(), () -> pool.stats().total() == n);
  }

  /**
   * For tests that count housekeeping passes: every pool also runs a pass of its own once a
   * second, so a test that took longer than that since {@code startedNanos} (a slow machine)
   * may have seen an extra pass; it is then skipped rather than judged.
   */
  static void assumeNoScheduledPassSince(long startedNanos) {
    Assumptions.assumeThat(System.nanoTime() - startedNanos)
        .as("test ran within the first second, before the pool's own housekeeping pass")
        .isLessThan(TimeUnit.MILLISECONDS.toNanos(900));
  }

  /** Runs {@code work} on a new daemon thread; get the result with a timeout. */
  static <T> FutureTask<T> inThread(String name, Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
    return task;
  }

  /** A ticker the test moves by hand. */
  static final class ManualTicker implements Ticker {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    @Override
    public long read() {
      return now.get();
    }

    void advance(Duration d) {
      now.addAndGet(d.toNanos());
    }

    void advanceNanos(long nanos) {
      now.addAndGet(nanos);
    }
  }

  /** One event a {@link RecordingListener} saw. */
  record Event(String type, long connectionId, CloseReason reason, long nanos, Throwable site,
      String poolName, String thread) {}

  /** Records every event, thread-safely, in arrival order. */
  static class RecordingListener implements PoolListener {
    final List<Event> events = new CopyOnWriteArrayList<>();

    private void add(String type, String pool, long id, CloseReason reason, long nanos,
        Throwable site) {
      events.add(new Event(type, id, reason, nanos, site, pool, Thread.currentThread().getName()));
    }

    @Override
    public void onConnect(String poolName, long connectionId, long elapsedNanos) {
      add("connect", poolName, connectionId, null, elapsedNanos, null);
    }

    @Override
    public void onConnectFailure(String poolName, Throwable cause) {
      add("connectFailure", poolName, -1, null, 0, cause);
    }

    @Override
    public void onCheckout(String poolName, long connectionId, long waitNanos) {
      add("checkout", poolName, connectionId, null, waitNanos, null);
    }

    @Override
    public void onCheckin(String poolName, long connectionId, long holdNanos) {
      add("checkin", poolName, connectionId, null, holdNanos, null);
    }

    @Override
    public void onClose(String poolName, long connectionId, CloseReason reason) {
      add("close", poolName, connectionId, reason, 0, null);
    }

    @Override
    public void onDetach(String poolName, long connectionId) {
      add("detach", poolName, connectionId, null, 0, null);
    }

    @Override
    public void onInvalidate(String poolName, long connectionId) {
      add("invalidate", poolName, connectionId, null, 0, null);
    }

    @Override
    public void onLeakSuspected(String poolName, long connectionId, long heldNanos,
        Throwable borrowSite) {
      add("leak", poolName, connectionId, null, heldNanos, borrowSite);
    }

    @Override
    public void onAcquireTimeout(String poolName, long waitedNanos) {
      add("acquireTimeout", poolName, -1, null, waitedNanos, null);
    }

    @Override
    public void onPoolExhausted(String poolName, int waiting) {
      add("exhausted", poolName, -1, null, waiting, null);
    }

    List<Event> ofType(String type) {
      List<Event> out = new ArrayList<>();
      for (Event e : events) {
        if (e.type().equals(type)) {
          out.add(e);
        }
      }
      return out;
    }

    long closes(CloseReason reason) {
      return events.stream().filter(e -> e.type().equals("close") && e.reason() == reason)
          .count();
    }
  }
}
