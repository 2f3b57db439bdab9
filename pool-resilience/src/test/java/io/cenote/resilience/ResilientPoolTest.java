package io.cenote.resilience;

import static io.cenote.resilience.TestSupport.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.AcquireTimeoutException;
import io.cenote.pool.AcquireTimeoutException.Reason;
import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolControl;
import io.cenote.resilience.TestSupport.Recorder;
import io.cenote.testkit.ManualClock;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import io.cenote.testkit.fault.FaultTrigger;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A plain pool behind its breaker and retry, on fault-driver stub servers. */
class ResilientPoolTest {

  private final ManualClock clock = new ManualClock();
  private final Recorder events = new Recorder();
  private final AtomicInteger runs = new AtomicInteger();
  private ResilientPool resilient;
  private PoolControl pool;
  private String url;
  private Resilience resilience;

  @AfterEach
  void close() {
    if (resilient != null) {
      resilient.close();
    }
  }

  private ResilientPool start(String name, ResilienceConfig.Builder config) {
    return start(name, config, b -> b);
  }

  private ResilientPool start(String name, ResilienceConfig.Builder config,
      UnaryOperator<PoolConfig.Builder> poolConfig) {
    PoolConfig c = poolConfig.apply(TestSupport.stub(name)).build();
    url = c.jdbcUrl();
    resilient = ResilientPool.start(c, config.clock(clock).listener(events)
        .initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(5))
        .probeInterval(Duration.ofHours(1)).build());
    pool = resilient.pool();
    resilience = resilient.resilience();
    return resilient;
  }

  private FaultPlan plan() {
    return FaultDriver.plan(url);
  }

  private int counted(Connection c) throws SQLException {
    runs.incrementAndGet();
    return selectOne(c);
  }

  @Test
  void aBurstOfTransientFailuresIsAbsorbedWithTheExpectedAttempts() throws SQLException {
    ResilientPool p = start("burst", ResilienceConfig.builder().maxAttempts(4));
    plan().failStatements(FaultTrigger.times(3), "08006", "connection reset");

    assertThat(p.read(this::counted)).isEqualTo(1);

    assertThat(runs).hasValue(4);
    assertThat(p.stats().retries()).isEqualTo(3);
    assertThat(p.stats().retrySuccesses()).isEqualTo(1);
    assertThat(events.events).contains("burst retry 1 08006", "burst retry 3 08006",
        "burst succeeded after 4");
  }

  @Test
  void moreFailuresThanAttemptsSurfaceTheLastOriginalError() {
    ResilientPool p = start("exhausted", ResilienceConfig.builder().maxAttempts(2));
    plan().failStatements(FaultTrigger.always(), "57P01", "terminating connection");

    assertThatThrownBy(() -> p.read(this::counted)).isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57P01");
    assertThat(runs).hasValue(2);
  }

  @Test
  void permanentFailuresSurfaceAtOnceWithTheOriginalState() {
    ResilientPool p = start("permanent", ResilienceConfig.builder());
    plan().failStatements(FaultTrigger.always(), "23505", "duplicate key");

    assertThatThrownBy(() -> p.writeIdempotent(this::counted))
        .isInstanceOf(SQLException.class).hasMessageContaining("duplicate key")
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23505");
    assertThat(runs).hasValue(1);
    assertThat(p.stats().failedCalls()).isZero();
  }

  @Test
  void aNonIdempotentWriteThatStartedIsNeverRetried() throws SQLException {
    ResilientPool p = start("non-idempotent", ResilienceConfig.builder());
    plan().failStatements(FaultTrigger.once(), "08006", "connection reset");

    assertThatThrownBy(() -> p.write(this::counted)).isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08006");
    assertThat(runs).hasValue(1);

    plan().failStatements(FaultTrigger.once(), "08006", "connection reset");
    assertThat(p.write(Idempotent.YES, this::counted)).isEqualTo(1);
    assertThat(runs).hasValue(3);
  }

  @Test
  void aWriteWhoseBorrowFailedIsRetriedBecauseItNeverRan() throws SQLException {
    ResilientPool p = start("borrow-retry", ResilienceConfig.builder());
    plan().failConnects(FaultTrigger.times(1));
    pool.softEvictAll();

    assertThat(p.write(this::counted)).isEqualTo(1);
    assertThat(runs).hasValue(1);
  }

  @Test
  void aCommitWithAnUnknownOutcomeIsNeverRetried() {
    ResilientPool p = start("commit", ResilienceConfig.builder());

    assertThatThrownBy(() -> p.writeIdempotent(c -> {
      runs.incrementAndGet();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE t SET v = 1");
      }
      plan().restart(); // the server goes away before the commit's answer arrives
      c.commit();
      return null;
    })).isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState()).asString().startsWith("08");

    assertThat(runs).hasValue(1);
    assertThat(events.events).anyMatch(e -> e.startsWith("commit unknown commit 08"));
  }

  @Test
  void serializationFailuresAreRetriedWithoutCountingAgainstTheBreaker() throws SQLException {
    ResilientPool p = start("conflict", ResilienceConfig.builder().maxAttempts(3));
    plan().failStatements(FaultTrigger.times(2), "40001", "could not serialize access");

    assertThat(p.writeIdempotent(this::counted)).isEqualTo(1);
    assertThat(runs).hasValue(3);
    assertThat(p.stats().failedCalls()).isZero();
    assertThat(p.stats().state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void aSaturatedPoolNeitherTripsItsBreakerNorIsRetriedOnItsOnlyHost() throws SQLException {
    BreakerSettings breaker = BreakerSettings.builder().slidingWindowSize(1)
        .minimumNumberOfCalls(1).build(); // any counted failure would open it
    ResilientPool p = start("saturated", ResilienceConfig.builder().breaker(breaker)
        .maxAttempts(3), b -> b.maxSize(1));

    Connection held = p.getConnection();
    try {
      assertThatThrownBy(p::getConnection).isInstanceOf(AcquireTimeoutException.class)
          .extracting(e -> ((AcquireTimeoutException) e).reason()).isEqualTo(Reason.EXHAUSTED);
      assertThatThrownBy(() -> p.read(this::counted))
          .isInstanceOf(AcquireTimeoutException.class);
    } finally {
      held.close();
    }

    assertThat(pool.stats().timeouts()).isEqualTo(2); // one borrow each: no retry
    assertThat(runs).hasValue(0);
    assertThat(p.stats().state()).isEqualTo(BreakerState.CLOSED);
    assertThat(p.stats().failedCalls()).isZero();
    assertThat(p.stats().retries()).isZero();
    assertThat(p.read(this::counted)).isEqualTo(1);
  }

  @Test
  void anOpenBreakerFailsFastWithoutCallingThePoolAndProbesCloseIt() throws SQLException {
    BreakerSettings breaker = BreakerSettings.builder().slidingWindowSize(2)
        .minimumNumberOfCalls(2).waitDurationInOpenState(Duration.ofSeconds(10)).build();
    ResilientPool p = start("open", ResilienceConfig.builder().breaker(breaker).maxAttempts(3)
        .initialDelay(Duration.ofMillis(1)));
    plan().down();

    assertThatThrownBy(p::getConnection).isInstanceOf(SQLTransientConnectionException.class)
        .hasCauseInstanceOf(CallNotPermittedException.class); // 2 timeouts opened it
    assertThat(p.stats().state()).isEqualTo(BreakerState.OPEN);
    long timeouts = pool.stats().timeouts();

    int calls = 10_000;
    long worst = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      long s = System.nanoTime();
      try {
        p.getConnection().close();
      } catch (SQLTransientConnectionException expected) {
        worst = Math.max(worst, System.nanoTime() - s);
        if (i == 0) {
          assertThat((Throwable) expected)
              .hasMessageContaining("circuit breaker of host 'open' is OPEN")
              .hasCauseInstanceOf(CallNotPermittedException.class);
          assertThat(expected.getSQLState()).isEqualTo("08001");
        }
      }
    }
    double meanMicros = (System.nanoTime() - t0) / 1_000.0 / calls;
    System.out.printf("[ResilientPoolTest] fail-fast over %d calls: mean %.2f us, worst %d us%n",
        calls, meanMicros, worst / 1_000);
    assertThat(meanMicros).isLessThan(100);
    // every borrow that reached the pool would have timed out (the server is down)
    assertThat(pool.stats().timeouts()).isEqualTo(timeouts);
    assertThat(p.stats().failFasts()).isEqualTo(calls + 1);
    // the two timeouts were retried; the fail-fast that ended the third attempt was not
    assertThat(events.count("open retry")).isEqualTo(2);

    plan().up();
    resilience.probeNow();
    assertThat(p.stats().state()).isEqualTo(BreakerState.OPEN); // not yet due
    clock.advance(Duration.ofSeconds(10));
    resilience.probeNow();

    assertThat(p.stats().state()).isEqualTo(BreakerState.CLOSED);
    assertThat(p.read(this::counted)).isEqualTo(1);
    assertThat(events.events).containsSubsequence("open CLOSED->OPEN", "open OPEN->HALF_OPEN",
        "open HALF_OPEN->CLOSED");
  }

  @Test
  void aFailedProbeReopensTheBreaker() {
    BreakerSettings breaker = BreakerSettings.builder().slidingWindowSize(1)
        .minimumNumberOfCalls(1).permittedCallsInHalfOpenState(1)
        .waitDurationInOpenState(Duration.ofSeconds(1)).build();
    ResilientPool p = start("reopen", ResilienceConfig.builder().breaker(breaker).maxAttempts(1));
    plan().down();
    assertThatThrownBy(p::getConnection).isInstanceOf(SQLTransientConnectionException.class);
    assertThat(p.stats().state()).isEqualTo(BreakerState.OPEN);

    clock.advance(Duration.ofSeconds(1));
    resilience.probeNow();

    assertThat(p.stats().state()).isEqualTo(BreakerState.OPEN);
    assertThat(events.events).containsSubsequence("reopen OPEN->HALF_OPEN",
        "reopen HALF_OPEN->OPEN");
  }
}
