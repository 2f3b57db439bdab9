package io.cenote.pool;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Drives a pool with short queries from several threads while a database server restarts, and
 * records every request (start, end, failure) so a test can tell failures while the server was
 * down from failures after it came back.
 *
 * <p>Timeline: {@code warm} of normal load; {@code restart} runs (it returns once the server
 * accepts connections again); then {@code probe} (a fresh connection outside the pool) is polled
 * until it succeeds, which marks the server as back; then {@code settle} more of load.
 */
final class RestartUnderLoad {

  /** One request: borrow, run the query, return. {@code failure} is null when it worked. */
  record Outcome(long startNanos, long endNanos, Throwable failure) {
    boolean ok() {
      return failure == null;
    }
  }

  private final ConnectionPool pool;
  private final int threads;
  private final String query;
  private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private volatile boolean stop;

  long killNanos;
  long restartedNanos;
  long backNanos;
  /** When a fresh connection first worked again after the kill (0 if never seen down). */
  volatile long acceptingNanos;

  RestartUnderLoad(ConnectionPool pool, int threads, String query) {
    this.pool = pool;
    this.threads = threads;
    this.query = query;
  }

  /** Runs the whole timeline; the restart's own exception propagates after the load stops. */
  RestartUnderLoad run(Duration warm, Runnable restart, Callable<Boolean> probe, Duration settle)
      throws Exception {
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(this::work, pool.poolName() + "-client-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    Thread prober = new Thread(() -> watchServer(probe), pool.poolName() + "-prober");
    prober.setDaemon(true);
    try {
      Thread.sleep(warm.toMillis());
      killNanos = System.nanoTime();
      prober.start();
      restart.run();
      restartedNanos = System.nanoTime();
      PoolItSupport.await("a fresh connection to the restarted server works",
          Duration.ofSeconds(30), () -> {
            try {
              return probe.call();
            } catch (SQLException e) {
              return false;
            }
          });
      backNanos = System.nanoTime();
      Thread.sleep(settle.toMillis());
    } finally {
      stop = true;
      prober.join(TimeUnit.SECONDS.toMillis(30));
      for (Thread t : workers) {
        t.join(TimeUnit.SECONDS.toMillis(30));
      }
    }
    return this;
  }

  /**
   * Tries a fresh connection every 20 ms from the kill on and notes when the server first
   * accepts one again after refusing: the moment it was really back, before the script noticed.
   */
  private void watchServer(Callable<Boolean> probe) {
    boolean sawDown = false;
    while (!stop) {
      boolean up;
      try {
        up = probe.call();
      } catch (Exception e) {
        up = false;
      }
      if (!up) {
        sawDown = true;
      } else if (sawDown) {
        acceptingNanos = System.nanoTime();
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  private void work() {
    while (!stop) {
      long start = System.nanoTime();
      Throwable failure = null;
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(query)) {
        if (!rs.next()) {
          failure = new AssertionError("no row from " + query);
        }
      } catch (SQLException | RuntimeException e) {
        failure = e;
      }
      outcomes.add(new Outcome(start, System.nanoTime(), failure));
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  List<Outcome> failuresStartedBefore(long nanos) {
    return outcomes.stream().filter(o -> !o.ok() && o.startNanos() - nanos < 0).toList();
  }

  List<Outcome> failuresStartedFrom(long nanos) {
    return outcomes.stream().filter(o -> !o.ok() && o.startNanos() - nanos >= 0).toList();
  }

  List<Outcome> failuresBetween(long fromNanos, long toNanos) {
    return outcomes.stream().filter(o -> !o.ok() && o.startNanos() - fromNanos >= 0
        && o.startNanos() - toNanos < 0).toList();
  }

  /**
   * The longest stretch without a successful request completing, from the kill on: the outage
   * as the clients saw it. Returns {@code [gapStart, gapEnd]} in nanos; gapEnd is the end of the
   * first successful request after the outage.
   */
  long[] clientOutage() {
    List<Long> okEnds = outcomes.stream().filter(Outcome::ok).map(Outcome::endNanos)
        .sorted(Comparator.naturalOrder()).toList();
    long bestStart = killNanos;
    long bestEnd = killNanos;
    long previous = killNanos;
    for (long end : okEnds) {
      if (end - killNanos < 0) {
        continue;
      }
      if (end - previous > bestEnd - bestStart) {
        bestStart = previous;
        bestEnd = end;
      }
      previous = end;
    }
    return new long[] {bestStart, bestEnd};
  }

  /** Milliseconds from the given moment to the first successful request ending after it. */
  private long firstSuccessEndedAfter(long nanos) {
    return outcomes.stream().filter(o -> o.ok() && o.endNanos() - nanos >= 0)
        .mapToLong(o -> PoolItSupport.millisSince(nanos, o.endNanos())).min().orElse(-1);
  }

  /** The first successful request that started after the server was back, or null. */
  Outcome firstSuccessStartedAfterBack() {
    return outcomes.stream().filter(o -> o.ok() && o.startNanos() - backNanos >= 0)
        .min(Comparator.comparingLong(Outcome::startNanos)).orElse(null);
  }

  /** Counts failures by exception class and SQLState (and the cause's, for timeouts). */
  Map<String, Long> failureKinds() {
    return outcomes.stream().filter(o -> !o.ok())
        .collect(Collectors.groupingBy(o -> kind(o.failure()), TreeMap::new,
            Collectors.counting()));
  }

  private static String kind(Throwable failure) {
    String text = failure.getClass().getSimpleName();
    if (failure instanceof SQLException sql) {
      text += "(" + sql.getSQLState() + ")";
    }
    return failure.getCause() == null ? text : text + " <- " + kind(failure.getCause());
  }

  /** A multi-line summary of the measured numbers, for the test log. */
  String report(String title) {
    long[] outage = clientOutage();
    Outcome firstAfter = firstSuccessStartedAfterBack();
    List<Outcome> all = outcomes();
    List<Outcome> during = failuresBetween(killNanos, backNanos);
    long endingAfterBack = during.stream().filter(o -> o.endNanos() - backNanos >= 0).count();
    long timeouts = during.stream()
        .filter(o -> o.failure() instanceof java.sql.SQLTransientConnectionException).count();
    return String.format(
        "%s%n"
            + "  requests: %d total, %d failed (%d before kill, %d while down [%d acquire timeouts,"
            + " %d other], %d started after server back; %d of the down-window failures ended"
            + " after back)%n"
            + "  restart() took %d ms; fresh probe connection OK %d ms after the kill%n"
            + "  outage seen by clients (no successful request): %d ms, from %+d ms to %+d ms"
            + " relative to the kill%n"
            + "  first pooled success after the outage: %+d ms relative to server back"
            + " (negative: the pool recovered before restart() returned)%n"
            + "  server accepted fresh connections again %s after the kill; first pooled"
            + " success %s after that%n"
            + "  first request started after server back succeeded within %d ms%n"
            + "  failure kinds: %s%n"
            + "  pool: %s",
        title, all.size(), all.stream().filter(o -> !o.ok()).count(),
        failuresStartedBefore(killNanos).size(), during.size(), timeouts,
        during.size() - timeouts, failuresStartedFrom(backNanos).size(), endingAfterBack,
        PoolItSupport.millisSince(killNanos, restartedNanos),
        PoolItSupport.millisSince(killNanos, backNanos),
        PoolItSupport.millisSince(outage[0], outage[1]),
        PoolItSupport.millisSince(killNanos, outage[0]),
        PoolItSupport.millisSince(killNanos, outage[1]),
        PoolItSupport.millisSince(backNanos, outage[1]),
        acceptingNanos == 0 ? "n/a" : PoolItSupport.millisSince(killNanos, acceptingNanos)
            + " ms",
        acceptingNanos == 0 ? "n/a" : firstSuccessEndedAfter(acceptingNanos) + " ms",
        firstAfter == null ? -1 : PoolItSupport.millisSince(backNanos, firstAfter.endNanos()),
        failureKinds(), pool.stats());
  }
}
