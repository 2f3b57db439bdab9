package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.db.Sql;
import io.cenote.testkit.net.Direction;
import io.cenote.testkit.net.NetworkFaultProxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL replica behind a network fault proxy that black-holes it (a partition: the
 * socket stays open, nothing comes back) under 16 readers: reads go on through the primary, the
 * replica is excluded, no reader waits on it more than once in the outage, and the primary's
 * health checks keep their interval meanwhile.
 */
class PostgresReplicaBlackHoleIT extends PostgresPairTests {

  private static final int READERS = 16;
  private static final long OUTAGE_MILLIS = 6_000;
  /** A read this slow waited on the black-holed replica (a healthy one takes milliseconds). */
  private static final long STUCK_READ_MILLIS = 500;
  /** The read query: not the health check's, so the check's queries can be told apart. */
  private static final String READ = "SELECT 1";

  @Test
  void readsGoOnAndThePrimarysChecksKeepTheirIntervalWhileAReplicaIsBlackHoled()
      throws Exception {
    String checkedApp = "cenote_bh_" + Long.toHexString(System.nanoTime());
    TimingListener timing = new TimingListener();
    try (NetworkFaultProxy proxy = NetworkFaultProxy.forJdbcUrl("pg-bh", replica.jdbcUrl())) {
      PoolConfig primaryPool = withDriverTimeouts(PoolConfig.builder().poolName("bh-primary")
          .jdbcUrl(primary.jdbcUrl()).username(primary.user()).password(primary.password())
          .driverProperty("ApplicationName", checkedApp).minIdle(2).maxSize(16)
          .acquireTimeout(java.time.Duration.ofSeconds(1)).registerMbean(false)).build();
      PoolConfig replicaPool = PoolConfig.builder().poolName("bh-replica")
          .jdbcUrl(proxy.rewrite(replica.jdbcUrl())).username(replica.user())
          .password(replica.password()).driverProperty("connectTimeout", "2")
          .driverProperty("socketTimeout", "2").minIdle(2).maxSize(16)
          .acquireTimeout(java.time.Duration.ofSeconds(1)).registerMbean(false).build();
      cluster = Cluster.builder("pg-bh").primary(primaryPool).replica(replicaPool)
          .listener(timing).build();
      Readers readers = new Readers(cluster);
      try {
        TimingListener.await("reads reach the replica", 10_000,
            () -> cluster.hostStats().get(1).readsRouted() > 100);
        long holed = System.nanoTime();
        readers.outageFrom(holed);
        proxy.blackHole(Direction.BOTH);
        List<Long> checks = primaryCheckTimes(checkedApp, OUTAGE_MILLIS);
        readers.outageUntil(System.nanoTime());
        proxy.heal();

        assertThat(timing.excludedAt).containsKey("bh-replica");
        long excludedMs = (timing.excludedAt.get("bh-replica") - holed) / 1_000_000;
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < checks.size(); i++) {
          gaps.add(checks.get(i) - checks.get(i - 1));
        }
        log(String.format("replica black-holed for %d ms under %d readers: excluded after %d ms;"
            + " %d reads, %d failed; most stuck reads per reader %d (threshold %d ms);"
            + " primary checked %d times, gaps %s ms", OUTAGE_MILLIS, READERS, excludedMs,
            readers.reads.sum(), readers.failures.size(), readers.maxStuckPerReader(),
            STUCK_READ_MILLIS, checks.size(), gaps));

        assertThat(readers.failures).as("failed reads").isEmpty();
        assertThat(readers.maxStuckPerReader()).as("reads stuck on the replica, per reader")
            .isLessThanOrEqualTo(1);
        assertThat(excludedMs).isLessThan(HEALTH_CHECK_INTERVAL_MILLIS + 1_000
            + READMISSION_SLACK_MILLIS);
        assertThat(checks).as("primary checks seen in %d ms", OUTAGE_MILLIS).hasSizeGreaterThan(3);
        assertThat(gaps).as("ms between the primary's checks")
            .allSatisfy(g -> assertThat(g).isLessThan(HEALTH_CHECK_INTERVAL_MILLIS + 1_500));
      } finally {
        readers.stop();
      }
    }
  }

  /**
   * Watches the primary's health-check session in {@code pg_stat_activity} for the given time
   * and returns when (in ms since the epoch, server time) each of its checks ran: every check of
   * the primary ends with the position query, whose {@code query_start} moves each time.
   */
  private List<Long> primaryCheckTimes(String app, long millis) throws Exception {
    Set<Long> seen = new HashSet<>();
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() - end < 0) {
      long at = Sql.queryLong(primary, "SELECT (extract(epoch FROM max(query_start)) * 1000)"
          + "::bigint FROM pg_stat_activity WHERE application_name = ? AND query LIKE"
          + " '%pg_current_wal_lsn%'", app);
      if (at > 0) {
        seen.add(at);
      }
      Thread.sleep(50);
    }
    List<Long> times = new ArrayList<>(seen);
    times.sort(null);
    return times;
  }

  /** Readers that note, per reader, the reads that were stuck during the outage. */
  private static final class Readers {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLongArray stuck = new AtomicLongArray(READERS);
    private volatile long outageStart = Long.MAX_VALUE;
    private volatile long outageEnd = Long.MAX_VALUE;
    final LongAdder reads = new LongAdder();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    Readers(Cluster cluster) {
      for (int i = 0; i < READERS; i++) {
        int reader = i;
        Thread t = new Thread(() -> {
          while (running.get()) {
            long start = System.nanoTime();
            try {
              cluster.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(READ)) {
                  rs.next();
                  return rs.getString(1);
                }
              });
              reads.increment();
            } catch (SQLException | RuntimeException e) {
              failures.add(e);
            }
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (tookMs >= STUCK_READ_MILLIS && start - outageStart >= 0
                && outageEnd - start > 0) {
              stuck.incrementAndGet(reader);
            }
          }
        }, "bh-reader-" + i);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
    }

    void outageFrom(long nanos) {
      outageStart = nanos - TimeUnit.MILLISECONDS.toNanos(STUCK_READ_MILLIS);
    }

    void outageUntil(long nanos) {
      outageEnd = nanos;
    }

    long maxStuckPerReader() {
      long max = 0;
      for (int i = 0; i < READERS; i++) {
        max = Math.max(max, stuck.get(i));
      }
      return max;
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(30_000);
      }
    }
  }
}
