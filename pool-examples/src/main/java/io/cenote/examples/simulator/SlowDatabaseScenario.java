package io.cenote.examples.simulator;

import io.cenote.examples.console.Format;
import io.cenote.pool.ConnectionPool;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Seed 000's "database slowness": every statement becomes slow for a while. Connections are
 * held longer, borrowers wait, the pool's health turns DEGRADED, and UP again once the
 * database is fast and the health window has passed.
 */
final class SlowDatabaseScenario implements Scenario {

  /** The latency every statement gets while the database is slow. */
  static final Duration SLOWNESS = Duration.ofMillis(400);
  /** Each client starts a request this often, slow database or not. */
  static final long PERIOD_MILLIS = 100;

  @Override
  public String name() {
    return "slow-db";
  }

  @Override
  public String title() {
    return "the database slows down: hold and wait times rise, health DEGRADED, then UP";
  }

  @Override
  public Knobs defaults() {
    return Knobs.SEED.withClients(10).withSeconds(30).withPool(5, 0);
  }

  @Override
  public Outcome run(Run run) throws InterruptedException {
    Knobs k = run.knobs();
    ConnectionPool pool = run.open(run.pool(name()).build());
    run.phase(k.clients() + " clients each send a request every " + PERIOD_MILLIS
        + " ms; queries are fast");
    run.load(pool, Requests.paced(Requests.on(pool, 20, 0.1), PERIOD_MILLIS), k.clients(),
        k.clients());
    run.at(0.3);
    run.fault("every statement now takes " + SLOWNESS.toMillis() + " ms longer (fault driver)");
    double slowFrom = run.recorder().second();
    run.target().primaryFaults().statementLatency(SLOWNESS);
    run.at(0.6);
    run.fault("the database is fast again");
    double slowTo = run.recorder().second();
    run.target().primaryFaults().statementLatency(Duration.ZERO);
    run.at(1.0);
    run.stopLoad();
    List<Sample> samples = run.samples();
    double holdFast = maxHold(samples, 0, slowFrom);
    double holdSlow = maxHold(samples, slowFrom, slowTo + 1);
    long degraded = run.recorder().events().stream().filter(e -> e.kind() == SimEvent.Kind.HEALTH
        && e.message().contains("-> DEGRADED")).count();
    String endHealth = samples.isEmpty() ? "UP" : samples.get(samples.size() - 1).health();
    return new Outcome(List.of(
        new Finding("holdP99Fast", "hold p99 while fast (worst second)", holdFast,
            Format.nanos((long) (holdFast * 1e6)), ""),
        new Finding("holdP99Slow", "hold p99 while slow (worst second)", holdSlow,
            Format.nanos((long) (holdSlow * 1e6)), ""),
        Findings.count("degraded", "times health turned DEGRADED", degraded, ""),
        Findings.text("endHealth", "health at the end", endHealth)),
        String.format(Locale.ROOT, "When statements slowed down by %d ms, the p99 hold time"
            + " went from %s to %s and borrowers queued behind them; health turned DEGRADED"
            + " %d time(s) and was %s at the end, after the database was fast again. A slow"
            + " database looks like a pool problem (waits, timeouts) but the fix is in the"
            + " queries: more connections would only add load.", SLOWNESS.toMillis(),
            Format.nanos((long) (holdFast * 1e6)), Format.nanos((long) (holdSlow * 1e6)),
            degraded, endHealth));
  }

  private static double maxHold(List<Sample> samples, double from, double to) {
    return samples.stream().filter(s -> s.second() > from && s.second() <= to)
        .mapToDouble(Sample::holdP99Millis).max().orElse(0);
  }
}
