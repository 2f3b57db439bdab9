package io.cenote.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.resilience.TestSupport.Recorder;
import io.cenote.testkit.ManualClock;
import io.cenote.testkit.Polling;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import io.cenote.testkit.fault.FaultTrigger;
import io.cenote.testkit.fault.NetworkCall;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Half-open probes under network faults, on fault-driver stub servers: a black-holed host (its
 * connects never answer, every network call hangs) behind a pool whose {@code acquireTimeout} is
 * far longer than any test. The breakers' open time runs on a manual clock; only the probe
 * timeout is real time, because it must end real blocking.
 */
class HalfOpenProbeTest {

  /** Far beyond every wait in these tests: a probe that waited for it would never end. */
  private static final Duration POOL_ACQUIRE_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration OPEN_WAIT = Duration.ofSeconds(5);
  /** Generous bound of the polls: what they wait for takes milliseconds when it works. */
  private static final Duration POLL = Duration.ofSeconds(20);

  private final ManualClock clock = new ManualClock();
  private final Recorder events = new Recorder();
  private final List<ConnectionPool> pools = new ArrayList<>();
  private Resilience resilience;

  @AfterEach
  void close() {
    if (resilience != null) {
      resilience.close(); // interrupts probes still hanging
    }
    for (ConnectionPool p : pools) {
      FaultDriver.plan(p.config().jdbcUrl()).reset();
      p.close(); // interrupts a connect still hanging
    }
  }

  private void start(UnaryOperator<ResilienceConfig.Builder> settings) {
    resilience = Resilience.start("probes", settings.apply(ResilienceConfig.builder()
        .breaker(BreakerSettings.builder().slidingWindowSize(1).minimumNumberOfCalls(1)
            .waitDurationInOpenState(OPEN_WAIT).build())
        .maxAttempts(1).clock(clock).listener(events)).build());
  }

  /** A host of the shared instance: its breaker and its pool, which the prober borrows from. */
  private record Host(HostCircuit circuit, ConnectionPool pool) {
    HostResilienceStats stats() {
      return circuit.stats();
    }
  }

  /** A watched host whose breaker one failed borrow has opened. */
  private Host openHost(String name, UnaryOperator<PoolConfig.Builder> pool)
      throws SQLException {
    ConnectionPool p = ConnectionPool.create(pool.apply(TestSupport.stub(name)
        .acquireTimeout(POOL_ACQUIRE_TIMEOUT)).build());
    pools.add(p);
    resilience.watch(name, p);
    Host host = new Host(resilience.host(name), p);
    host.circuit().permit(false);
    host.circuit().failed(0, new SQLException("connection reset", "08006"));
    assertThat(host.stats().state()).isEqualTo(BreakerState.OPEN);
    return host;
  }

  private static FaultPlan plan(Host host) {
    return FaultDriver.plan(host.pool().config().jdbcUrl());
  }

  /** No answer at all: connects never complete, and no idle connection is left to lend. */
  private static void blackHole(Host host) {
    plan(host).connectLatency(Duration.ofHours(1)).hang(FaultTrigger.always());
    host.pool().softEvictAll();
  }

  @Test
  void aHostWhoseProbeHangsDoesNotDelayTheProbesOfAnother() throws SQLException {
    start(b -> b.probeInterval(Duration.ofMillis(10)).probeTimeout(Duration.ofMinutes(1)));
    // watched first, so a prober that probes hosts one after another reaches it first
    Host dead = openHost("probe-dead", p -> p);
    Host alive = openHost("probe-alive", p -> p);
    blackHole(dead);

    clock.advance(OPEN_WAIT);
    long t0 = System.nanoTime();
    Polling.await("the healthy host's breaker closed", POLL,
        () -> alive.stats().state() == BreakerState.CLOSED);
    long closedMs = (System.nanoTime() - t0) / 1_000_000;

    assertThat(dead.stats().state()).isEqualTo(BreakerState.HALF_OPEN); // its probe still hangs
    // the listener hears of a transition just after the state changed: wait for the event too
    Polling.await("the healthy host's closing reported", POLL,
        () -> events.events.contains("probe-alive HALF_OPEN->CLOSED"));
    assertThat(events.events).containsSubsequence("probe-alive OPEN->HALF_OPEN",
        "probe-alive HALF_OPEN->CLOSED");
    Polling.await("the hung host's probe waits in its pool", POLL,
        () -> dead.pool().stats().waiting() == 1);
    // more passes: the hung host's probe is in flight, so none starts a second one
    resilience.probeNow();
    resilience.probeNow();
    assertThat(dead.stats().state()).isEqualTo(BreakerState.HALF_OPEN);
    assertThat(dead.pool().stats().waiting()).isEqualTo(1);
    System.out.printf("[HalfOpenProbeTest] healthy host closed %d ms after both were due, while"
        + " the other host's probe hung%n", closedMs);
  }

  @Test
  void aHungProbeEndsByTheProbeTimeoutAndTheHostIsProbedAgainLater() throws SQLException {
    Duration probeTimeout = Duration.ofMillis(200);
    start(b -> b.probeInterval(Duration.ofMillis(10)).probeTimeout(probeTimeout));
    Host dead = openHost("probe-hung", p -> p);
    blackHole(dead);

    clock.advance(OPEN_WAIT);
    long t0 = System.nanoTime();
    Polling.await("the hung probe re-opened the breaker", POLL,
        () -> events.count("probe-hung HALF_OPEN->OPEN") == 1);
    long endedMs = (System.nanoTime() - t0) / 1_000_000;

    assertThat(endedMs).isGreaterThanOrEqualTo(probeTimeout.toMillis());
    assertThat(dead.stats().state()).isEqualTo(BreakerState.OPEN);
    assertThat(dead.stats().failedCalls()).isEqualTo(2); // the borrow that opened it, the probe
    // the probe's borrow was interrupted: it does not wait out the pool's acquireTimeout
    Polling.await("the probe's borrow stopped waiting", POLL,
        () -> dead.pool().stats().waiting() == 0);

    clock.advance(OPEN_WAIT);
    Polling.await("a second probe ended", POLL,
        () -> events.count("probe-hung HALF_OPEN->OPEN") == 2);
    System.out.printf("[HalfOpenProbeTest] a probe of a black-holed host ended after %d ms"
        + " (probeTimeout %d ms, pool acquireTimeout %d s)%n", endedMs, probeTimeout.toMillis(),
        POOL_ACQUIRE_TIMEOUT.toSeconds());
  }

  @Test
  void aProbeWhoseValidationHangsEndsByTheProbeTimeoutAndClosesItsConnection()
      throws SQLException {
    Duration probeTimeout = Duration.ofMillis(200);
    start(b -> b.probeInterval(Duration.ofHours(1)).probeTimeout(probeTimeout));
    // no pre-ping: the pool lends at once and the probe's own validation is what hangs
    Host host = openHost("probe-validation", p -> p.validateOnBorrow(false));
    plan(host).hang(FaultTrigger.always(), NetworkCall.IS_VALID);

    clock.advance(OPEN_WAIT);
    long t0 = System.nanoTime();
    resilience.probeNow();
    long endedMs = (System.nanoTime() - t0) / 1_000_000;

    assertThat(endedMs).isGreaterThanOrEqualTo(probeTimeout.toMillis());
    assertThat(host.stats().state()).isEqualTo(BreakerState.OPEN);
    assertThat(events.events).containsSubsequence("probe-validation OPEN->HALF_OPEN",
        "probe-validation HALF_OPEN->OPEN");
    Polling.await("the hung connection was closed", POLL,
        () -> plan(host).openConnections().isEmpty() && host.pool().stats().active() == 0);
    System.out.printf("[HalfOpenProbeTest] a probe whose isValid hung ended after %d ms"
        + " (probeTimeout %d ms)%n", endedMs, probeTimeout.toMillis());
  }
}
