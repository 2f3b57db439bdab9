package io.cenote.examples.simulator;

import io.cenote.examples.console.Format;
import io.cenote.pool.PoolConfig;
import io.cenote.resilience.BreakerSettings;
import io.cenote.resilience.BreakerState;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.resilience.ResilientPool;
import io.cenote.testkit.fault.FaultTrigger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A host stops answering: every call hangs until its query timeout, the circuit breaker opens,
 * and callers fail at once instead; when the host answers again, half-open probes close the
 * breaker.
 */
final class BreakerScenario implements Scenario {

  /**
   * The network timeout each call sets (as a driver's socket timeout would): how long a call
   * to the hung host waits before its connection is given up as broken.
   */
  static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(1);

  @Override
  public String name() {
    return "breaker";
  }

  @Override
  public String title() {
    return "a host stops answering: its breaker opens, callers fail fast, probes close it";
  }

  @Override
  public Knobs defaults() {
    return Knobs.SEED.withClients(4).withSeconds(30).withTimeout(Duration.ofSeconds(2));
  }

  @Override
  public Outcome run(Run run) throws Exception {
    Knobs k = run.knobs();
    Duration openWait = Duration.ofMillis(Math.max(1000, k.seconds() * 1000L / 10));
    PoolConfig config = run.pool(name()).build();
    ResilientPool guarded = run.closeLater(ResilientPool.start(config, ResilienceConfig.builder()
        .breaker(BreakerSettings.builder().slidingWindowSize(10).minimumNumberOfCalls(4)
            .failureRateThreshold(50).waitDurationInOpenState(openWait)
            .permittedCallsInHalfOpenState(2).build())
        .maxAttempts(1)
        .probeInterval(Duration.ofMillis(250))
        .listener(run.recorder())
        .build()));
    AtomicLong slowFailures = new AtomicLong();
    AtomicLong slowNanos = new AtomicLong();
    AtomicLong fastFailures = new AtomicLong();
    AtomicLong fastNanos = new AtomicLong();
    run.phase(k.clients() + " clients read through a breaker (opens at 50% failures of the"
        + " last 10 calls, probes after " + openWait.toMillis() + " ms)");
    run.load(guarded.pool(), client -> {
      boolean open = guarded.resilience().state(config.poolName()) != BreakerState.CLOSED;
      long start = System.nanoTime();
      try {
        guarded.read(c -> {
          c.setNetworkTimeout(Runnable::run, (int) NETWORK_TIMEOUT.toMillis());
          Requests.work(c, 0.0);
          return null;
        });
        Requests.hold(20);
      } catch (Exception e) {
        long took = System.nanoTime() - start;
        (open ? fastFailures : slowFailures).incrementAndGet();
        (open ? fastNanos : slowNanos).addAndGet(took);
        throw e;
      }
    }, k.clients(), k.clients());
    run.at(0.25);
    run.fault("the host stops answering: every call hangs until its "
        + NETWORK_TIMEOUT.toMillis() + " ms network timeout (fault driver)");
    run.target().primaryFaults().hang(FaultTrigger.always());
    run.at(0.6);
    run.fault("the host answers again");
    run.target().primaryFaults().hang(FaultTrigger.never());
    run.at(1.0);
    run.stopLoad();
    long opened = run.recorder().events().stream().filter(e -> e.kind() == SimEvent.Kind.BREAKER
        && e.message().endsWith("-> OPEN")).count();
    List<SimEvent> transitions = run.recorder().events().stream()
        .filter(e -> e.kind() == SimEvent.Kind.BREAKER).toList();
    String last = transitions.isEmpty() ? "CLOSED"
        : transitions.get(transitions.size() - 1).message().replaceAll(".*-> ", "");
    double slowMean = mean(slowNanos, slowFailures);
    double fastMean = mean(fastNanos, fastFailures);
    return new Outcome(List.of(
        Findings.count("breakerOpened", "times the breaker opened", opened, ""),
        Findings.count("failedSlowly", "failures while closed", slowFailures.get(),
            "mean " + Format.nanos((long) (slowMean * 1e6)) + " each"),
        Findings.count("failedFast", "failures while open or half-open", fastFailures.get(),
            "mean " + Format.nanos((long) (fastMean * 1e6)) + " each"),
        new Finding("slowFailureMillis", "mean time of a failure while closed", slowMean,
            Format.nanos((long) (slowMean * 1e6)), ""),
        new Finding("fastFailureMillis", "mean time of a failure while open", fastMean,
            Format.nanos((long) (fastMean * 1e6)), ""),
        Findings.text("finalState", "breaker state at the end", last)),
        String.format(Locale.ROOT, "While the breaker was closed, %d calls to the hung host"
            + " failed after %s on average; once it opened (%d time(s)), %s calls failed in %s"
            + " without touching the pool, so callers got their answer at once and the host"
            + " was not hammered. When the host came back, half-open probes closed the breaker"
            + " (it ended %s).", slowFailures.get(), Format.nanos((long) (slowMean * 1e6)),
            opened, Format.count(fastFailures.get()), Format.nanos((long) (fastMean * 1e6)),
            last));
  }

  private static double mean(AtomicLong nanos, AtomicLong count) {
    return count.get() == 0 ? 0 : nanos.get() / 1e6 / count.get();
  }
}
