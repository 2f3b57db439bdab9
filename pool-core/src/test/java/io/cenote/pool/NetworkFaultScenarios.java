package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.net.Direction;
import io.cenote.testkit.net.NetworkFaultProxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.locks.LockSupport;

/**
 * The network-fault scenarios shared by the PostgreSQL and MariaDB integration tests: a pool
 * behind a {@link NetworkFaultProxy}, a black hole on a warm pool, and a chaos run of cuts,
 * refusals, latency and black holes under load. The engines differ only in how the server's
 * sessions of the pool are counted and in the query a client runs.
 */
final class NetworkFaultScenarios {

  /** Counts the sessions the server has open for the pool under test. */
  @FunctionalInterface
  interface SessionCounter {
    long count() throws SQLException;
  }

  /** Scheduling slack on a loaded 2-core machine beside two database servers. */
  static final Duration SLACK = Duration.ofMillis(1500);
  /** A failed client pauses this long before its next request, so it does not spin. */
  private static final long CLIENT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** How long after the network heals a failure is still the outage's. */
  static final Duration SETTLE = Duration.ofSeconds(3);

  private final String label;
  private final SessionCounter sessions;
  private final String query;

  NetworkFaultScenarios(String label, SessionCounter sessions, String query) {
    this.label = label;
    this.sessions = sessions;
    this.query = query;
  }

  /**
   * A warm pool of 4 (acquireTimeout 2 s, validationTimeout 1 s) behind a proxy that starts to
   * black-hole both directions: {@code getConnection()} answers within its timeout, and after
   * the proxy heals the pool serves again at once.
   *
   * @param base the pool's configuration with its URL pointing at the proxy
   */
  void blackHoleOnAWarmPool(PoolConfig.Builder base, NetworkFaultProxy proxy) throws Exception {
    ConnectionPool pool = ConnectionPool.create(base.maxSize(4).minIdle(4)
        .acquireTimeout(Duration.ofSeconds(2)).validationTimeout(Duration.ofSeconds(1))
        .connectTimeout(Duration.ofMillis(500)).build());
    try {
      PoolItSupport.await("the pool warms up", Duration.ofSeconds(10),
          () -> pool.stats().idle() == 4);
      Thread.sleep(600); // past validationBypassWindow: every borrow now pre-pings
      proxy.blackHole(Direction.BOTH);

      long t0 = System.nanoTime();
      SQLException thrown = null;
      try (Connection c = pool.getConnection()) {
        c.isValid(1);
      } catch (SQLException e) {
        thrown = e;
      }
      long answeredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      System.out.printf("[%s] black hole on a warm pool of 4: getConnection() answered after"
          + " %d ms (acquireTimeout 2000 ms): %s%n", label, answeredMillis, thrown);
      assertThat((Throwable) thrown).isInstanceOf(AcquireTimeoutException.class);
      assertThat(((AcquireTimeoutException) thrown).reason().hostUnreachable()).isTrue();
      assertThat(answeredMillis).isBetween(1_999L, 2_000L + SLACK.toMillis());

      proxy.heal();
      long healed = System.nanoTime();
      borrowUntilServed(pool, Duration.ofSeconds(10));
      long servedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healed);
      System.out.printf("[%s] after healing, the pool served again in %d ms%n", label,
          servedMillis);
      assertThat(servedMillis).as("served again after healing, ms")
          .isLessThan(1_000L + SLACK.toMillis());
    } finally {
      pool.close();
    }
    proxy.close(); // ends connects the black hole left hanging in the driver
    PoolItSupport.await("no session of the pool is left on the server",
        PoolItSupport.SERVER_CATCH_UP, () -> sessions.count() == 0);
  }

  private void borrowUntilServed(ConnectionPool pool, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    for (;;) {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(query)) {
        rs.next();
        return;
      } catch (SQLException e) {
        if (System.nanoTime() - deadline > 0) {
          throw e;
        }
      }
    }
  }

  /** The faults a chaos phase may switch on, one at a time. */
  private enum Fault { CUT, REFUSE, LATENCY, BLACK_HOLE_UP, BLACK_HOLE_DOWN, BLACK_HOLE_BOTH }

  /** One request of a chaos client: when it started and whether it failed. */
  private record Request(long startNanos, long acquireNanos, Throwable failure) {}

  /** A period in which a fault was on. */
  private record Outage(long fromNanos, long toNanos, Fault fault) {}

  /**
   * 16 clients for 20 s while the proxy switches faults on and off at random: the server never
   * sees more sessions than the pool may open, no borrower waits past its deadline, requests
   * fail only while the network is broken (or within {@link #SETTLE} after), none fails once it
   * has healed, every connection comes back, and none is left on the server after close.
   */
  void chaos(PoolConfig.Builder base, NetworkFaultProxy proxy) throws Exception {
    int maxSize = 4;
    int maxOverflow = 2;
    Duration acquireTimeout = Duration.ofSeconds(1);
    ConnectionPool pool = ConnectionPool.create(base.maxSize(maxSize).minIdle(maxSize)
        .maxOverflow(maxOverflow).acquireTimeout(acquireTimeout)
        .validationTimeout(Duration.ofMillis(500)).connectTimeout(Duration.ofSeconds(2))
        .build());
    Random random = new Random(Long.getLong("cenote.chaos.seed", System.nanoTime()));
    ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    List<Outage> outages = new ArrayList<>();
    LongAccumulator peakSessions = new LongAccumulator(Math::max, 0);
    AtomicLong sessionSamples = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(17);
    long healedAt;
    try {
      PoolItSupport.await("the pool warms up", Duration.ofSeconds(10),
          () -> pool.stats().total() == maxSize);
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        work.add(clients.submit(() -> runClient(pool, requests, stop)));
      }
      work.add(clients.submit(() -> {
        while (!stop.get()) {
          peakSessions.accumulate(sessions.count());
          sessionSamples.incrementAndGet();
          Thread.sleep(50);
        }
        return null;
      }));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() - end < 0) {
        Thread.sleep(500 + random.nextInt(1000));
        Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
        long from = System.nanoTime();
        apply(proxy, fault, random);
        Thread.sleep(300 + random.nextInt(1200));
        proxy.heal();
        outages.add(new Outage(from, System.nanoTime(), fault));
      }
      healedAt = System.nanoTime();
      Thread.sleep(SETTLE.toMillis() + 2000); // clients keep going on a healed network
      stop.set(true);
      for (Future<?> f : work) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      stop.set(true);
      clients.shutdownNow();
    }
    PoolStats stats = pool.stats();
    try {
      report(requests, outages, peakSessions.get(), sessionSamples.get(), stats, healedAt);
      assertThat(peakSessions.get()).as("server sessions at most maxSize + maxOverflow")
          .isLessThanOrEqualTo(maxSize + maxOverflow);
      long limit = acquireTimeout.plus(SLACK).toNanos();
      assertThat(requests).as("no borrower waits past its deadline")
          .allSatisfy(r -> assertThat(r.acquireNanos()).isLessThan(limit));
      assertThat(requests).filteredOn(r -> r.failure() != null)
          .as("failures only while the network is broken or just after")
          .allSatisfy(r -> assertThat(duringOrJustAfter(r, outages)).as(String.valueOf(r))
              .isTrue());
      assertThat(requests).filteredOn(r -> r.startNanos() - healedAt > SETTLE.toNanos())
          .as("requests after the network healed").isNotEmpty()
          .allSatisfy(r -> assertThat(r.failure()).isNull());
      assertThat(stats.active()).as("every connection came back").isZero();
      assertThat(stats.released()).isEqualTo(stats.acquired());
    } finally {
      pool.close();
    }
    proxy.close();
    PoolItSupport.await("no session of the pool is left on the server",
        PoolItSupport.SERVER_CATCH_UP, () -> sessions.count() == 0);
  }

  private static void apply(NetworkFaultProxy proxy, Fault fault, Random random) {
    switch (fault) {
      case CUT -> proxy.cutAll();
      case REFUSE -> proxy.refuseNew().cutAll();
      case LATENCY -> proxy.latency(Direction.BOTH, Duration.ofMillis(5 + random.nextInt(40)));
      case BLACK_HOLE_UP -> proxy.blackHole(Direction.UPSTREAM);
      case BLACK_HOLE_DOWN -> proxy.blackHole(Direction.DOWNSTREAM);
      case BLACK_HOLE_BOTH -> proxy.blackHole(Direction.BOTH);
    }
  }

  private Void runClient(ConnectionPool pool, ConcurrentLinkedQueue<Request> requests,
      AtomicBoolean stop) {
    while (!stop.get()) {
      long start = System.nanoTime();
      long acquired = -1;
      Throwable failure = null;
      try (Connection c = pool.getConnection()) {
        acquired = System.nanoTime() - start;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
          rs.next();
        }
      } catch (SQLException | RuntimeException e) {
        failure = e;
      }
      if (acquired < 0) {
        acquired = System.nanoTime() - start; // the borrow itself failed
      }
      requests.add(new Request(start, acquired, failure));
      if (failure != null) {
        LockSupport.parkNanos(CLIENT_PAUSE_NANOS); // a failing client does not spin
      }
    }
    return null;
  }

  private static boolean duringOrJustAfter(Request r, List<Outage> outages) {
    for (Outage o : outages) {
      if (r.startNanos() - o.fromNanos() >= -SLACK.toNanos()
          && r.startNanos() - o.toNanos() <= SETTLE.toNanos()) {
        return true;
      }
    }
    return false;
  }

  private void report(ConcurrentLinkedQueue<Request> requests, List<Outage> outages,
      long peakSessions, long samples, PoolStats stats, long healedAt) {
    long failed = requests.stream().filter(r -> r.failure() != null).count();
    long maxAcquire = requests.stream().mapToLong(Request::acquireNanos).max().orElse(0);
    long afterHeal = requests.stream()
        .filter(r -> r.startNanos() - healedAt > SETTLE.toNanos()).count();
    StringBuilder faults = new StringBuilder();
    for (Outage o : outages) {
      faults.append(o.fault()).append(' ')
          .append(TimeUnit.NANOSECONDS.toMillis(o.toNanos() - o.fromNanos())).append("ms, ");
    }
    System.out.printf("[%s] chaos, 16 clients, 20 s: %d requests, %d failed (all during or"
        + " within %d s of an outage), %d after healing, 0 of them failed; longest borrow %d ms"
        + " (acquireTimeout 1000 ms); server sessions peaked at %d in %d samples (cap 6);"
        + " pool created %d, destroyed %s, timeouts %d%n  outages: %s%n", label,
        requests.size(), failed, SETTLE.toSeconds(), afterHeal,
        TimeUnit.NANOSECONDS.toMillis(maxAcquire), peakSessions, samples, stats.created(),
        stats.destroyed(), stats.timeouts(), faults);
  }
}
