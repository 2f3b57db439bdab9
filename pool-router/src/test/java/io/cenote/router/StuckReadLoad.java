package io.cenote.router;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Reader threads that run one query through {@link Cluster#read} in a loop and count, per
 * reader, the reads that were stuck (took at least {@link #STUCK_READ_MILLIS}) during an outage:
 * a read of a healthy host takes milliseconds, so a stuck one waited on a dead host.
 */
final class StuckReadLoad {

  /**
   * A read this slow waited on an unreachable host. A read that meets the dead replica waits
   * out the replica pool's 1 s acquire timeout (or its driver's socket timeout), while a healthy
   * read takes milliseconds; but with 16 readers on two cores a healthy read can stall for
   * hundreds of milliseconds (651 ms seen, on the primary, 5 s after the replica was excluded),
   * so the bar sits just under the acquire timeout, not halfway to it.
   */
  static final long STUCK_READ_MILLIS = 900;

  /**
   * The pause between one reader's reads. Sixteen readers in tight loops saturate two cores
   * (390,000 reads in 6 s were seen) and starve everything else: the primary's health checks
   * then drift by seconds, which is not what the tests that use this load are about. With the
   * pause the load is about 14,000 reads a second here, still far beyond what a replica outage
   * needs to show.
   */
  private static final long READ_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLongArray stuck;
  private volatile long outageStart = Long.MAX_VALUE;
  private volatile long outageEnd = Long.MAX_VALUE;
  final LongAdder reads = new LongAdder();
  final List<Throwable> failures = new CopyOnWriteArrayList<>();

  StuckReadLoad(Cluster cluster, int readers, String query) {
    this.stuck = new AtomicLongArray(readers);
    for (int i = 0; i < readers; i++) {
      int reader = i;
      Thread t = new Thread(() -> {
        while (running.get()) {
          long start = System.nanoTime();
          try {
            cluster.read(c -> {
              try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
                rs.next();
                return rs.getString(1);
              }
            });
            reads.increment();
          } catch (SQLException | RuntimeException e) {
            failures.add(e);
          }
          long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          if (tookMs >= STUCK_READ_MILLIS && start - outageStart >= 0 && outageEnd - start > 0) {
            stuck.incrementAndGet(reader);
          }
          LockSupport.parkNanos(READ_PAUSE_NANOS);
        }
      }, "stuck-read-load-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /** Marks the start of the outage; a read begun just before it may be caught in it too. */
  void outageFrom(long nanos) {
    outageStart = nanos - TimeUnit.MILLISECONDS.toNanos(STUCK_READ_MILLIS);
  }

  /** Marks the end of the outage. */
  void outageUntil(long nanos) {
    outageEnd = nanos;
  }

  /** @return the most stuck reads any one reader had in the outage */
  long maxStuckPerReader() {
    long max = 0;
    for (int i = 0; i < stuck.length(); i++) {
      max = Math.max(max, stuck.get(i));
    }
    return max;
  }

  /** Stops the readers and waits for them. */
  void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(30_000);
    }
  }
}
