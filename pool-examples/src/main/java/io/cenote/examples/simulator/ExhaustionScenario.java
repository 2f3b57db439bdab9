package io.cenote.examples.simulator;

import io.cenote.examples.console.Format;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolStats;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Seed 001's scenario 3: more demand than the pool and its overflow can serve. Borrowers time
 * out with the exception an application sees, and the pool recovers when the load drops.
 */
final class ExhaustionScenario implements Scenario {

  /** How long a request keeps its connection: long transactions, longer than the timeout. */
  static final long HOLD_MILLIS = 2000;

  @Override
  public String name() {
    return "exhaustion";
  }

  @Override
  public String title() {
    return "demand beyond pool + overflow: acquire timeouts, the caller's exception, recovery";
  }

  @Override
  public Knobs defaults() {
    return Knobs.SEED.withClients(15).withSeconds(30).withPool(5, 5)
        .withTimeout(Duration.ofSeconds(1));
  }

  @Override
  public Outcome run(Run run) throws InterruptedException {
    Knobs k = run.knobs();
    ConnectionPool pool = run.open(run.pool(name()).build());
    run.phase(k.clients() + " clients hold connections about " + HOLD_MILLIS + " ms each:"
        + " more than " + (k.poolSize() + k.maxOverflow()) + " connections can serve within "
        + Format.duration(k.timeout()));
    Clients clients = run.load(pool, Requests.on(pool, HOLD_MILLIS, 0.1), k.clients(),
        k.clients());
    run.at(0.65);
    int calm = Math.max(1, k.poolSize() / 2);
    run.phase("recovery: the load drops to " + calm + " clients");
    long timeoutsBefore = pool.stats().timeouts();
    double recoveryStart = run.recorder().second();
    clients.setActive(calm);
    run.at(1.0);
    run.stopLoad();
    PoolStats s = pool.stats();
    // borrowers already queued when the load dropped may still give up within one timeout
    long lateTimeouts = run.recorder().events().stream()
        .filter(e -> e.kind() == SimEvent.Kind.TIMEOUT
            && e.second() > recoveryStart + k.timeout().toMillis() / 1000.0 + 0.5)
        .count();
    String seen = run.recorder().firstFailures().values().stream().findFirst().orElse("");
    return new Outcome(List.of(
        Findings.count("timeoutsUnderLoad", "timeouts under overload", timeoutsBefore,
            "after waiting " + Format.duration(k.timeout())),
        Findings.count("timeoutsAfterRecovery", "timeouts once recovered", lateTimeouts,
            "more than one timeout after the load dropped"),
        Findings.text("callerSaw", "what the caller saw", seen)),
        String.format(Locale.ROOT, "%d clients wanted more than %d + %d connections could"
            + " serve, so %s borrows gave up after waiting %s; the caller saw \"%s\". Once the"
            + " load dropped to %d clients the queue drained and %d more borrows timed out: a"
            + " timeout is the pool protecting the database and the callers from waiting"
            + " forever; the cure is shorter transactions or more capacity, not a longer"
            + " timeout.", k.clients(), k.poolSize(), k.maxOverflow(),
            Format.count(s.timeouts()), Format.duration(k.timeout()), seen, calm,
            lateTimeouts));
  }
}
