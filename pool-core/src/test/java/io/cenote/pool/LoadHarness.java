package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.ThreadMode;
import io.cenote.testkit.fault.FaultConnection;
import io.cenote.testkit.fault.FaultPlan;
import io.cenote.testkit.fault.FaultStats;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link ConnectionPool} on the fault driver with many borrowers and checks the pool's
 * invariants while they run, not only at the end.
 *
 * <p>Each borrower loops: borrow (timed), claim the physical connection with a compare-and-set
 * on an owner slot keyed by the driver's connection id (a second borrower of the same physical
 * connection fails the claim), optionally run a statement, hold it for a random time, release
 * the claim and return it. A monitor thread samples the fault driver's open count and the pool's
 * gauges every half millisecond. Whatever breaks an invariant is collected as a violation
 * message; {@link Result#assertNoViolations()} fails the test with all of them.
 *
 * <p>Deadlines. A borrow may end later than {@code acquireTimeout} by
 * {@link #DEADLINE_TOLERANCE}: a waiter's timed park has to expire and the thread be scheduled
 * again, and on a 2-core CI machine with 32 (or 1000 virtual) runnable borrowers, a monitor and
 * GC that can take tens of milliseconds. A waiter that missed its deadline (lost in the queue,
 * parked without a wake-up) would come back a whole timeout late or never, so the tolerance
 * still catches it. Tests add to it what the pool documents as beyond its control (a pre-ping
 * hung in the driver rounds up to whole seconds).
 */
final class LoadHarness {

  /** How much later than its {@code acquireTimeout} a borrow may end; see the class comment. */
  static final Duration DEADLINE_TOLERANCE = Duration.ofMillis(500);

  private static final int MAX_MESSAGES = 20;
  private static final long MONITOR_PERIOD_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  private final ConnectionPool pool;
  private final FaultPlan plan;
  private final int cap;
  private final long acquireTimeoutNanos;
  private final ConcurrentHashMap<Long, AtomicReference<Object>> owners =
      new ConcurrentHashMap<>();

  private ThreadMode mode = ThreadMode.PLATFORM;
  private int borrowers = 32;
  private long cyclesPerBorrower = Long.MAX_VALUE;
  private HoldProfile hold = HoldProfile.STRESS;
  private int statementPercent;
  private int networkTimeoutMillis;
  private long toleranceNanos = DEADLINE_TOLERANCE.toNanos();
  private boolean stopWhenClosed;
  private boolean wakeUpCheck = true;

  /**
   * @param pool the pool under test, on a fault driver URL
   * @param plan the fault plan of that URL
   */
  LoadHarness(ConnectionPool pool, FaultPlan plan) {
    this.pool = pool;
    this.plan = plan;
    this.cap = pool.config().maxSize() + pool.config().maxOverflow();
    this.acquireTimeoutNanos = pool.config().acquireTimeout().toNanos();
  }

  LoadHarness mode(ThreadMode mode) {
    this.mode = mode;
    return this;
  }

  LoadHarness borrowers(int borrowers) {
    this.borrowers = borrowers;
    return this;
  }

  /** Each borrower stops after this many cycles (else it runs until {@link Run#stop}). */
  LoadHarness cyclesPerBorrower(long cycles) {
    this.cyclesPerBorrower = cycles;
    return this;
  }

  LoadHarness hold(HoldProfile hold) {
    this.hold = hold;
    return this;
  }

  /** Runs {@code SELECT 1} in this share of cycles. */
  LoadHarness statementPercent(int percent) {
    this.statementPercent = percent;
    return this;
  }

  /** Sets this network timeout on half of the borrowed connections (so hung calls end). */
  LoadHarness networkTimeoutMillis(int millis) {
    this.networkTimeoutMillis = millis;
    return this;
  }

  /** Adds to {@link #DEADLINE_TOLERANCE} what a test knows may legitimately delay a borrow. */
  LoadHarness extraTolerance(Duration extra) {
    this.toleranceNanos = DEADLINE_TOLERANCE.plus(extra).toNanos();
    return this;
  }

  /**
   * Disables the missed wake-up check (see {@link Run}): for loads whose borrows may
   * legitimately stall inside {@code getConnection} while others go on (a pre-ping hung in the
   * driver), or end near their deadline anyway (timeouts of a few milliseconds).
   */
  LoadHarness withoutMissedWakeUpCheck() {
    this.wakeUpCheck = false;
    return this;
  }

  /** A borrower refused because the pool closed stops instead of counting an error. */
  LoadHarness stopWhenClosed() {
    this.stopWhenClosed = true;
    return this;
  }

  /** Starts the borrowers and the monitor. */
  Run start() {
    return new Run();
  }

  /** Runs until every borrower finished its cycles (or the safety limit passed). */
  Result runToCompletion(Duration safetyLimit) throws InterruptedException {
    Run run = start();
    return run.await(safetyLimit);
  }

  // ---- one run ------------------------------------------------------------------------------

  /**
   * A run in progress.
   *
   * <p>Missed wake-up check: each borrow notes how many borrows were served between its start
   * and its own service. Waiters are served in arrival order, so that number stays around the
   * number of borrowers, plus what others do while a thread that was handed a connection waits
   * for a CPU (up to ~12k seen on 2 cores). A waiter that missed its wake-up sleeps until its
   * deadline and is then served by the entry handed to it long ago, while everybody else went
   * on. So a borrow served only after half its acquireTimeout and after more than
   * {@code max(1000, 10 * borrowers)} later borrows is reported; the first condition alone
   * could be a slow machine, the second alone a scheduling hiccup.
   */
  final class Run {
    private final long startedAt = System.nanoTime();
    private final ExecutorService executor = mode.newExecutor("borrower");
    private final AtomicReferenceArray<Thread> threads = new AtomicReferenceArray<>(borrowers);
    private final AtomicInteger running = new AtomicInteger(borrowers);
    private final Thread monitor;
    private volatile boolean stop;
    private volatile boolean monitorStop;
    private final AtomicLong servedSequence = new AtomicLong();
    private final long overtakenLimit = wakeUpCheck ? Math.max(1000, 10L * borrowers)
        : Long.MAX_VALUE;

    final LongAdder served = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder interrupted = new LongAdder();
    final LongAdder refusedClosed = new LongAdder();
    final LongAdder useFailures = new LongAdder();
    final LongAdder unexpected = new LongAdder();
    final LongAccumulator maxServedNanos = new LongAccumulator(Math::max, 0);
    final LongAccumulator maxTimedOutNanos = new LongAccumulator(Math::max, 0);
    final LongAccumulator maxOvershootNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);
    final LongAccumulator maxOvertaken = new LongAccumulator(Math::max, 0);
    final LongAccumulator lastFailureAt = new LongAccumulator(Math::max, Long.MIN_VALUE);
    final LongAccumulator lastFinishedAt = new LongAccumulator(Math::max, Long.MIN_VALUE);
    final LongAccumulator maxOpenSampled = new LongAccumulator(Math::max, 0);
    final LongAccumulator maxTotalSampled = new LongAccumulator(Math::max, 0);
    final LongAccumulator maxWaitingSampled = new LongAccumulator(Math::max, 0);
    final LongAdder samples = new LongAdder();
    final Queue<String> violations = new ConcurrentLinkedQueue<>();
    final AtomicInteger violationCount = new AtomicInteger();
    final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();

    private Run() {
      monitor = new Thread(this::monitor, "invariant-monitor");
      monitor.setDaemon(true);
      monitor.start();
      for (int i = 0; i < borrowers; i++) {
        int index = i;
        executor.execute(() -> borrowLoop(index));
      }
      executor.shutdown();
    }

    /** @return the borrower threads still running (null slots for finished ones) */
    AtomicReferenceArray<Thread> threads() {
      return threads;
    }

    /** @return borrowers that have not finished */
    int running() {
      return running.get();
    }

    /** Asks every borrower to stop after its current cycle and waits for them. */
    Result stop(Duration safetyLimit) throws InterruptedException {
      stop = true;
      return await(safetyLimit);
    }

    /** Waits for the borrowers to finish, then stops the monitor. */
    Result await(Duration safetyLimit) throws InterruptedException {
      if (!executor.awaitTermination(safetyLimit.toMillis(), TimeUnit.MILLISECONDS)) {
        stop = true;
        violation("borrowers still running after the safety limit of %d s; threads: %s",
            safetyLimit.getSeconds(), describeThreads());
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      }
      long elapsed = System.nanoTime() - startedAt;
      monitorStop = true;
      monitor.join(TimeUnit.SECONDS.toMillis(10));
      return new Result(this, elapsed);
    }

    private String describeThreads() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < threads.length(); i++) {
        Thread t = threads.get(i);
        if (t != null && sb.length() < 4000) {
          sb.append("\n  ").append(t).append(' ').append(t.getState());
          for (StackTraceElement e : t.getStackTrace()) {
            sb.append("\n    at ").append(e);
          }
        }
      }
      return sb.toString();
    }

    private void borrowLoop(int index) {
      threads.set(index, Thread.currentThread());
      Object me = new Object();
      try {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long i = 0; i < cyclesPerBorrower && !stop; i++) {
          if (!cycle(random, me)) {
            break;
          }
        }
      } catch (Throwable t) {
        error(t);
      } finally {
        threads.set(index, null);
        lastFinishedAt.accumulate(System.nanoTime());
        running.decrementAndGet();
      }
    }

    /** One borrow; false when the pool refused because it is closed. */
    private boolean cycle(ThreadLocalRandom random, Object me) {
      long t0 = System.nanoTime();
      long servedBefore = servedSequence.get();
      Connection c;
      try {
        c = pool.getConnection();
      } catch (SQLTransientConnectionException e) {
        long took = System.nanoTime() - t0;
        timeouts.increment();
        maxTimedOutNanos.accumulate(took);
        checkDeadline("timed out", took);
        failed();
        return true;
      } catch (SQLNonTransientConnectionException e) {
        long took = System.nanoTime() - t0;
        if (stopWhenClosed && "08003".equals(e.getSQLState()) && pool.isClosed()) {
          refusedClosed.increment();
          checkDeadline("was refused at shutdown", took);
          return false;
        }
        error(e);
        return true;
      } catch (SQLException e) {
        long took = System.nanoTime() - t0;
        if ("HY008".equals(e.getSQLState())) {
          // The interrupted borrower must find its flag still set; clear it for the next cycle.
          if (!Thread.interrupted()) {
            violation("an interrupted borrower got %s but lost its interrupt flag", e);
          }
          interrupted.increment();
          checkDeadline("was interrupted", took);
          return true;
        }
        error(e);
        return true;
      }
      long took = System.nanoTime() - t0;
      served.increment();
      maxServedNanos.accumulate(took);
      checkDeadline("was served", took);
      long overtaken = servedSequence.incrementAndGet() - servedBefore - 1;
      maxOvertaken.accumulate(overtaken);
      if (overtaken > overtakenLimit && took > acquireTimeoutNanos / 2) {
        violation("a borrower was served after %.1f ms while %d later borrows were served:"
            + " a missed wake-up", took / 1e6, overtaken);
      }
      try {
        use(c, random, me);
      } catch (SQLException e) {
        useFailures.increment();
        failed();
      } finally {
        try {
          c.close();
        } catch (SQLException | RuntimeException e) {
          error(e);
        }
      }
      return true;
    }

    private void use(Connection c, ThreadLocalRandom random, Object me) throws SQLException {
      long physical = c.unwrap(FaultConnection.class).id();
      AtomicReference<Object> owner = owners.computeIfAbsent(physical,
          id -> new AtomicReference<>());
      if (!owner.compareAndSet(null, me)) {
        violation("physical connection %d was lent to two borrowers at once", physical);
        return;
      }
      try {
        if (networkTimeoutMillis > 0 && random.nextBoolean()) {
          c.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
        }
        if (statementPercent > 0 && random.nextInt(100) < statementPercent) {
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            if (!rs.next()) {
              violation("SELECT 1 returned no row on connection %d", physical);
            }
          }
        }
        hold.pause(random);
      } finally {
        if (!owner.compareAndSet(me, null)) {
          violation("physical connection %d changed owner while lent", physical);
        }
      }
    }

    private void checkDeadline(String outcome, long tookNanos) {
      long overshoot = tookNanos - acquireTimeoutNanos;
      maxOvershootNanos.accumulate(overshoot);
      if (overshoot > toleranceNanos) {
        violation("a borrower %s after %.1f ms; acquireTimeout is %d ms, tolerance %d ms",
            outcome, tookNanos / 1e6, TimeUnit.NANOSECONDS.toMillis(acquireTimeoutNanos),
            TimeUnit.NANOSECONDS.toMillis(toleranceNanos));
      }
    }

    private void failed() {
      lastFailureAt.accumulate(System.nanoTime());
    }

    private void error(Throwable t) {
      unexpected.increment();
      failed();
      if (errors.size() < MAX_MESSAGES) {
        errors.add(t);
      }
    }

    void violation(String format, Object... args) {
      if (violationCount.incrementAndGet() <= MAX_MESSAGES) {
        violations.add(String.format(Locale.ROOT, format, args));
      }
    }

    private void monitor() {
      while (!monitorStop) {
        long open = plan.counters().open();
        PoolStats s = pool.stats();
        samples.increment();
        maxOpenSampled.accumulate(open);
        maxTotalSampled.accumulate(s.total());
        maxWaitingSampled.accumulate(s.waiting());
        if (open > cap) {
          violation("the driver had %d connections open; the cap is %d", open, cap);
        }
        if (s.total() > cap || s.peakTotal() > cap) {
          violation("the pool had total=%d, peakTotal=%d; the cap is %d", s.total(),
              s.peakTotal(), cap);
        }
        if (s.active() + s.idle() > s.total() || s.active() < 0 || s.waiting() < 0) {
          violation("inconsistent gauges: %s", s.gauges());
        }
        LockSupport.parkNanos(MONITOR_PERIOD_NANOS);
      }
    }
  }

  // ---- results ------------------------------------------------------------------------------

  /** What a run counted and measured. */
  static final class Result {
    final long elapsedNanos;
    final long served;
    final long timeouts;
    final long interrupted;
    final long refusedClosed;
    final long useFailures;
    final long unexpected;
    final long maxServedNanos;
    final long maxTimedOutNanos;
    final long maxOvershootNanos;
    final long maxOvertaken;
    final long lastFailureAt;
    final long lastFinishedAt;
    final long maxOpenSampled;
    final long maxTotalSampled;
    final long maxWaitingSampled;
    final long samples;
    final List<String> violations;
    final int violationCount;
    final List<Throwable> errors;

    private Result(Run run, long elapsedNanos) {
      this.elapsedNanos = elapsedNanos;
      this.served = run.served.sum();
      this.timeouts = run.timeouts.sum();
      this.interrupted = run.interrupted.sum();
      this.refusedClosed = run.refusedClosed.sum();
      this.useFailures = run.useFailures.sum();
      this.unexpected = run.unexpected.sum();
      this.maxServedNanos = run.maxServedNanos.get();
      this.maxTimedOutNanos = run.maxTimedOutNanos.get();
      this.maxOvershootNanos = run.maxOvershootNanos.get();
      this.maxOvertaken = run.maxOvertaken.get();
      this.lastFailureAt = run.lastFailureAt.get();
      this.lastFinishedAt = run.lastFinishedAt.get();
      this.maxOpenSampled = run.maxOpenSampled.get();
      this.maxTotalSampled = run.maxTotalSampled.get();
      this.maxWaitingSampled = run.maxWaitingSampled.get();
      this.samples = run.samples.sum();
      this.violations = List.copyOf(run.violations);
      this.violationCount = run.violationCount.get();
      this.errors = List.copyOf(run.errors);
    }

    /** @return borrows attempted: served, timed out, interrupted or refused */
    long cycles() {
      return served + timeouts + interrupted + refusedClosed + unexpected;
    }

    double opsPerSecond() {
      return cycles() / (elapsedNanos / 1e9);
    }

    /** Fails with every invariant violation and unexpected error the run collected. */
    void assertNoViolations() {
      if (violationCount > 0 || !errors.isEmpty()) {
        AssertionError e = new AssertionError(violationCount + " invariant violations, "
            + unexpected + " unexpected errors:\n  " + String.join("\n  ", violations));
        errors.forEach(e::addSuppressed);
        throw e;
      }
    }

    /** Prints the numbers worth quoting. */
    void print(String label, ConnectionPool pool, FaultPlan plan) {
      PoolStats s = pool.stats();
      FaultStats f = plan.stats();
      System.out.printf(Locale.ROOT, "[%s] %d cycles in %.2f s = %,.0f ops/s on %s%n", label,
          cycles(), elapsedNanos / 1e9, opsPerSecond(), Runtime.version());
      System.out.printf(Locale.ROOT, "[%s]   served=%d timeouts=%d interrupted=%d"
              + " refusedClosed=%d useFailures=%d unexpected=%d violations=%d%n", label, served,
          timeouts, interrupted, refusedClosed, useFailures, unexpected, violationCount);
      System.out.printf(Locale.ROOT, "[%s]   max acquire served=%.2f ms, timed out=%.2f ms,"
              + " max beyond acquireTimeout=%.2f ms (timeout %d ms); max borrows served while"
              + " one waited=%d%n", label, maxServedNanos / 1e6, maxTimedOutNanos / 1e6,
          maxOvershootNanos / 1e6, pool.config().acquireTimeout().toMillis(), maxOvertaken);
      System.out.printf(Locale.ROOT, "[%s]   open connections: driver peak=%d, max sampled=%d,"
              + " pool peakTotal=%d, max total sampled=%d, cap=%d; max waiting=%d;"
              + " %d monitor samples%n", label, f.peakOpen(), maxOpenSampled, s.peakTotal(),
          maxTotalSampled, pool.config().maxSize() + pool.config().maxOverflow(),
          maxWaitingSampled, samples);
      System.out.printf(Locale.ROOT, "[%s]   stats: wait p50=%s p99=%s max=%s; hold p99=%s;"
              + " hitRate=%.3f; created=%d destroyed=%s%n", label, ms(s.waitTime().p50()),
          ms(s.waitTime().p99()), ms(s.waitTime().max()), ms(s.holdTime().p99()), s.hitRate(),
          s.created(), s.destroyed());
      System.out.printf(Locale.ROOT, "[%s]   driver: %s%n", label, f);
    }
  }

  static String ms(Duration d) {
    return String.format(Locale.ROOT, "%.3fms", d.toNanos() / 1e6);
  }

  // ---- hold times ---------------------------------------------------------------------------

  /**
   * How long a borrower keeps a connection: mostly not at all, sometimes a busy spin of a few
   * microseconds, rarely a park of up to a millisecond or more.
   *
   * @param spinPercent share of cycles that spin
   * @param maxSpinNanos longest spin
   * @param parkPercent share of cycles that park
   * @param maxParkNanos longest park
   */
  record HoldProfile(int spinPercent, long maxSpinNanos, int parkPercent, long maxParkNanos) {

    /** 70% zero, 25% spin 1-20 us, 5% park 50 us - 1 ms. */
    static final HoldProfile STRESS = new HoldProfile(25, 20_000, 5, 1_000_000);
    /** Holds long enough that a 32-borrower queue exceeds a few milliseconds. */
    static final HoldProfile HEAVY = new HoldProfile(30, 50_000, 30, 3_000_000);

    void pause(ThreadLocalRandom random) {
      int p = random.nextInt(100);
      if (p < spinPercent) {
        long end = System.nanoTime() + random.nextLong(1_000, maxSpinNanos + 1);
        while (System.nanoTime() - end < 0) {
          Thread.onSpinWait();
        }
      } else if (p < spinPercent + parkPercent) {
        LockSupport.parkNanos(random.nextLong(50_000, maxParkNanos + 1));
      }
    }
  }

  // ---- checks at rest -----------------------------------------------------------------------

  /**
   * Waits until the pool is at rest (nothing lent, nobody waiting, every connection idle, the
   * driver's open count equal to the pool's total) and checks the counters: everything the test
   * borrowed was returned, created minus destroyed is what is open, the cap was never exceeded.
   * Then borrows {@code maxSize + maxOverflow} connections at once, which fails when a slot was
   * lost.
   *
   * @param servedByTest successful borrows the test counted since the pool started
   * @return the pool's stats at rest, before the final borrow-them-all check
   */
  static PoolStats assertAtRestAndWhole(ConnectionPool pool, FaultPlan plan, long servedByTest)
      throws SQLException, InterruptedException {
    int cap = pool.config().maxSize() + pool.config().maxOverflow();
    PoolStats s = awaitRest(pool, plan);
    FaultStats f = plan.stats();
    assertThat(s.active()).as("active at rest: %s", s).isZero();
    assertThat(s.waiting()).as("waiting at rest: %s", s).isZero();
    assertThat(s.idle()).as("idle == total at rest: %s", s).isEqualTo(s.total());
    assertThat(f.open()).as("driver open == pool total: %s / %s", f, s).isEqualTo(s.total());
    assertThat(s.acquired()).as("acquired == borrows the test counted").isEqualTo(servedByTest);
    assertThat(s.released()).as("released == acquired").isEqualTo(s.acquired());
    assertThat(s.created() - s.destroyedTotal()).as("created - destroyed == total: %s", s)
        .isEqualTo(s.total());
    assertThat(s.peakTotal()).as("pool peakTotal").isLessThanOrEqualTo(cap);
    assertThat(f.peakOpen()).as("driver peakOpen").isLessThanOrEqualTo(cap);

    List<Connection> all = new ArrayList<>();
    Set<Long> ids = new HashSet<>();
    try {
      for (int i = 0; i < cap; i++) {
        Connection c = borrowWhileConnectsAreUnderWay(pool);
        all.add(c);
        ids.add(c.unwrap(FaultConnection.class).id());
      }
      assertThat(ids).as("distinct physical connections lent at once").hasSize(cap);
      assertThat(pool.stats().active()).isEqualTo(cap);
      assertThat(plan.counters().open()).isLessThanOrEqualTo(cap);
    } finally {
      for (Connection c : all) {
        c.close();
      }
    }
    PoolStats after = awaitRest(pool, plan);
    assertThat(after.acquired()).isEqualTo(servedByTest + cap);
    assertThat(after.released()).isEqualTo(after.acquired());
    return s;
  }

  /**
   * Borrows, asking again while the pool's answer is only that a connection it is opening has
   * not arrived within the test pool's short acquireTimeout: the check that uses it is about
   * which connections are lent, not how fast, and a loaded two-core machine can take longer than
   * a few milliseconds to open one.
   */
  private static Connection borrowWhileConnectsAreUnderWay(ConnectionPool pool)
      throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return pool.getConnection();
      } catch (AcquireTimeoutException e) {
        if (e.reason() != AcquireTimeoutException.Reason.CONNECT_PENDING
            || System.nanoTime() - deadline > 0) {
          throw e;
        }
      }
    }
  }

  /** Waits up to 10 s for nothing lent, nobody waiting, idle == total == driver open. */
  static PoolStats awaitRest(ConnectionPool pool, FaultPlan plan) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int stableSamples = 0;
    PoolStats s;
    do {
      s = pool.stats();
      boolean rest = s.active() == 0 && s.waiting() == 0 && s.idle() == s.total()
          && plan.counters().open() == s.total();
      stableSamples = rest ? stableSamples + 1 : 0;
      if (stableSamples >= 20) {
        return s;
      }
      Thread.sleep(5);
    } while (System.nanoTime() - deadline < 0);
    return s;
  }

  /** Closes the pool and checks that the driver has no connection of it open any more. */
  static void assertClosedClean(ConnectionPool pool, FaultPlan plan) {
    pool.close();
    PoolStats s = pool.stats();
    assertThat(s.total()).as("pool total after close: %s", s).isZero();
    assertThat(plan.stats().open()).as("driver open after close").isZero();
    assertThat(plan.openConnections()).isEmpty();
    assertThat(s.created()).as("created == destroyed after close: %s", s)
        .isEqualTo(s.destroyedTotal());
  }
}
