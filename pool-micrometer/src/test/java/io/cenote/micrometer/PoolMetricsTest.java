package io.cenote.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cenote.pool.CloseReason;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolStats;
import io.cenote.pool.TimeStats;
import io.cenote.testkit.Polling;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import io.cenote.testkit.fault.FaultTrigger;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pool's meters against its own {@link PoolStats}: after a workload that touches every counter
 * (borrows, waits, a timeout, failed validations and connects, evictions) each meter shows the
 * same figure as the snapshot; percentiles describe a window of the registry's clock; closing
 * the binder removes its meters.
 */
class PoolMetricsTest {

  private static final int MAX_SIZE = 2;
  private static final Duration SETTLE = Duration.ofSeconds(10);
  /** How far a duration may move in Micrometer's round trip through seconds as a double. */
  private static final double NANOS_ROUNDING = 1.0;

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT,
      clock);
  private final AtomicLong ticker = new AtomicLong(1_000_000_000L);
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeAll
  static void driver() {
    FaultDriver.register();
  }

  @AfterEach
  void close() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private ConnectionPool pool(String name, String url) {
    ConnectionPool pool = ConnectionPool.create(PoolConfig.builder()
        .poolName(name)
        .jdbcUrl(url)
        .minIdle(MAX_SIZE)
        .maxSize(MAX_SIZE)
        .acquireTimeout(Duration.ofMillis(500))
        .validationBypassWindow(Duration.ZERO)
        .registerMbean(false)
        .ticker(ticker::get)
        .build());
    toClose.add(pool);
    return pool;
  }

  private double gauge(String name, String pool) {
    return registry.get(name).tag(MeterNames.POOL, pool).gauge().value();
  }

  private double counter(String name, String pool) {
    return registry.get(name).tag(MeterNames.POOL, pool).functionCounter().count();
  }

  @Test
  void afterAKnownWorkloadEveryMeterEqualsThePoolsStatistics() throws Exception {
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url);
    ConnectionPool pool = pool("metered", url);
    PoolMetrics metrics = new PoolMetrics(pool.control());
    toClose.add(metrics);
    metrics.bindTo(registry);

    runWorkload(pool, plan);
    Polling.await("the pool to refill to minIdle", SETTLE,
        () -> pool.stats().total() == MAX_SIZE && pool.stats().waiting() == 0);
    clock.add(Duration.ofSeconds(5)); // past the binder's snapshot age
    PoolStats before = pool.stats();
    double created = counter(MeterNames.OPENED, "metered"); // takes the binder's snapshot
    PoolStats s = pool.stats();

    assertThat(s.created()).isEqualTo(before.created()); // nothing moved while meters were read
    assertThat(s.acquired()).isEqualTo(before.acquired());
    assertThat(created).isEqualTo(s.created());
    assertThat(gauge(MeterNames.CONNECTIONS, "metered")).isEqualTo(s.total());
    assertThat(gauge(MeterNames.ACTIVE, "metered")).isEqualTo(s.active());
    assertThat(gauge(MeterNames.IDLE, "metered")).isEqualTo(s.idle());
    assertThat(gauge(MeterNames.PENDING, "metered")).isEqualTo(s.waiting());
    assertThat(gauge(MeterNames.OVERFLOW, "metered")).isEqualTo(s.overflowInUse());
    assertThat(gauge(MeterNames.MAX, "metered")).isEqualTo(s.maxSize());
    assertThat(gauge(MeterNames.MIN, "metered")).isEqualTo(s.minIdle());
    assertThat(counter(MeterNames.ACQUIRED, "metered")).isEqualTo(s.acquired());
    assertThat(counter(MeterNames.TIMEOUT, "metered")).isEqualTo(s.timeouts());
    assertThat(counter(MeterNames.VALIDATION_FAILURES, "metered"))
        .isEqualTo(s.validationFailures());
    assertThat(counter(MeterNames.CREATION_FAILURES, "metered")).isEqualTo(s.creationFailures());
    for (CloseReason reason : CloseReason.values()) {
      assertThat(registry.get(MeterNames.CLOSED).tag(MeterNames.POOL, "metered")
          .tag(MeterNames.REASON, reason.name().toLowerCase(Locale.ROOT)).functionCounter()
          .count()).as("destroyed, %s", reason)
          .isEqualTo((double) s.destroyed().getOrDefault(reason, 0L));
    }
    assertTimer(MeterNames.ACQUIRE, s.waitTime());
    assertTimer(MeterNames.USAGE, s.holdTime());

    // The workload reached every counter, so the comparisons above compared something.
    assertThat(s.timeouts()).isEqualTo(1);
    assertThat(s.validationFailures()).isGreaterThanOrEqualTo(1);
    assertThat(s.creationFailures()).isGreaterThanOrEqualTo(1);
    assertThat(s.destroyed().get(CloseReason.INVALID)).isGreaterThanOrEqualTo(1);
    assertThat(s.destroyed().get(CloseReason.EVICTED)).isGreaterThanOrEqualTo(1);
    assertThat(s.waitTime().p99()).isPositive();
    assertThat(s.holdTime().max()).isEqualTo(Duration.ofMillis(300));
  }

  private void assertTimer(String name, TimeStats expected) {
    FunctionTimer timer = registry.get(name).tag(MeterNames.POOL, "metered").functionTimer();
    assertThat(timer.count()).as(name + " count").isEqualTo(expected.count());
    // Micrometer keeps seconds as doubles: nanoseconds come back to within rounding.
    assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).as(name + " total")
        .isCloseTo(expected.total().toNanos(), within(NANOS_ROUNDING));
    // The first window holds everything since start, so it agrees with the snapshot.
    assertThat(percentile(name, 0.5)).as(name + " p50")
        .isCloseTo(expected.p50().toNanos(), within(NANOS_ROUNDING));
    assertThat(percentile(name, 0.95)).as(name + " p95")
        .isCloseTo(expected.p95().toNanos(), within(NANOS_ROUNDING));
    assertThat(percentile(name, 0.99)).as(name + " p99")
        .isCloseTo(expected.p99().toNanos(), within(NANOS_ROUNDING));
    assertThat(registry.get(name + MeterNames.MAX_SUFFIX).tag(MeterNames.POOL, "metered")
        .timeGauge().value(TimeUnit.NANOSECONDS)).as(name + " max")
        .isCloseTo(expected.max().toNanos(), within(NANOS_ROUNDING));
    assertThat(registry.get(name + MeterNames.HISTOGRAM_SUFFIX).tag(MeterNames.POOL, "metered")
        .tag(MeterNames.LE, "+Inf").functionCounter().count()).as(name + " +Inf bucket")
        .isEqualTo(expected.count());
  }

  private double percentile(String name, double phi) {
    return registry.get(name + MeterNames.PERCENTILE_SUFFIX).tag(MeterNames.POOL, "metered")
        .tag(MeterNames.PHI, String.valueOf(phi)).timeGauge().value(TimeUnit.NANOSECONDS);
  }

  /**
   * Borrows and returns 50 times (one held 300 ms on the pool's ticker), times out once,
   * makes 4 borrowers queue, fails validations and connects, and evicts everything.
   */
  private void runWorkload(ConnectionPool pool, FaultPlan plan) throws Exception {
    for (int i = 0; i < 50; i++) {
      Connection c = pool.getConnection();
      if (i == 0) {
        ticker.addAndGet(Duration.ofMillis(300).toNanos());
      }
      c.close();
    }
    Connection a = pool.getConnection();
    Connection b = pool.getConnection();
    assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
    a.close();
    b.close();
    queueBorrowers(pool, 4);
    plan.failConnects(FaultTrigger.times(2));
    plan.failValidation(FaultTrigger.times(2));
    for (int i = 0; i < 4; i++) {
      ticker.addAndGet(Duration.ofMillis(1).toNanos()); // past the bypass window: validate
      try (Connection c = pool.getConnection()) {
        assertThat(c.isClosed()).isFalse();
      }
    }
    pool.softEvictAll();
  }

  /** Holds every connection while the borrowers queue, then lets them through. */
  private static void queueBorrowers(ConnectionPool pool, int borrowers) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(borrowers);
    try {
      List<Connection> held = new ArrayList<>();
      for (int i = 0; i < MAX_SIZE; i++) {
        held.add(pool.getConnection());
      }
      CountDownLatch started = new CountDownLatch(borrowers);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < borrowers; i++) {
        done.add(executor.submit(() -> {
          started.countDown();
          for (int attempt = 0; ; attempt++) {
            try {
              pool.getConnection().close();
              return null;
            } catch (SQLTransientConnectionException busyTooLong) {
              if (attempt == 100) {
                throw busyTooLong;
              }
            }
          }
        }));
      }
      started.await();
      Polling.await("borrowers to queue", SETTLE, () -> pool.stats().waiting() > 0);
      for (Connection c : held) {
        c.close();
      }
      for (Future<?> f : done) {
        f.get(SETTLE.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void percentilesDescribeAboutTheLastTwoMinutesOfTheRegistrysClock() throws SQLException {
    ConnectionPool pool = pool("windowed", FaultDriver.uniqueStubUrl());
    PoolMetrics metrics = new PoolMetrics(pool.control());
    toClose.add(metrics);
    metrics.bindTo(registry);

    hold(pool, 10, Duration.ofSeconds(1));
    double early = usageP99("windowed");
    clock.add(Duration.ofSeconds(40)); // a base is kept at the next reading
    double stillEarly = usageP99("windowed");
    hold(pool, 10, Duration.ofMillis(5));
    clock.add(Duration.ofSeconds(120)); // the first base (start) has expired
    double late = usageP99("windowed");

    assertThat(early).isCloseTo(Duration.ofSeconds(1).toNanos(), within(NANOS_ROUNDING));
    assertThat(stillEarly).isEqualTo(early);
    assertThat(late).isBetween(5e6, 5e6 * 1.25); // 5 ms, to the histogram's precision
    assertThat(registry.get(MeterNames.USAGE + MeterNames.HISTOGRAM_SUFFIX)
        .tag(MeterNames.POOL, "windowed").tag(MeterNames.LE, "0.008388607").functionCounter()
        .count()).isEqualTo(10); // cumulative: the 5 ms holds, at the 2^23 - 1 ns bound
    assertThat(registry.get(MeterNames.USAGE + MeterNames.HISTOGRAM_SUFFIX)
        .tag(MeterNames.POOL, "windowed").tag(MeterNames.LE, "1.073741823").functionCounter()
        .count()).isEqualTo(20);
  }

  private double usageP99(String pool) {
    return registry.get(MeterNames.USAGE + MeterNames.PERCENTILE_SUFFIX)
        .tag(MeterNames.POOL, pool).tag(MeterNames.PHI, "0.99").timeGauge()
        .value(TimeUnit.NANOSECONDS);
  }

  private void hold(ConnectionPool pool, int times, Duration each) throws SQLException {
    for (int i = 0; i < times; i++) {
      Connection c = pool.getConnection();
      ticker.addAndGet(each.toNanos());
      c.close();
    }
  }

  @Test
  void aStandalonePoolIsTaggedAsSuchWithTheExtraTags() {
    ConnectionPool pool = pool("tagged", FaultDriver.uniqueStubUrl());
    PoolMetrics metrics = new PoolMetrics(pool.control(), Tags.of("app", "shop"));
    toClose.add(metrics);

    metrics.bindTo(registry);

    assertThat(registry.get(MeterNames.ACTIVE).gauge().getId().getTags())
        .containsExactlyInAnyOrder(Tag.of(MeterNames.POOL, "tagged"),
        Tag.of(MeterNames.CLUSTER, MeterNames.NO_CLUSTER),
        Tag.of(MeterNames.HOST, "tagged"),
        Tag.of(MeterNames.ROLE, MeterNames.STANDALONE),
        Tag.of("app", "shop"));
  }

  @Test
  void closingTheBinderRemovesEveryMeterItRegistered() {
    ConnectionPool pool = pool("removed", FaultDriver.uniqueStubUrl());
    PoolMetrics metrics = new PoolMetrics(pool.control());
    metrics.bindTo(registry);
    int bound = registry.getMeters().size();

    metrics.close();
    metrics.close();

    assertThat(bound).isGreaterThan(50);
    assertThat(registry.getMeters()).isEmpty();
  }
}
