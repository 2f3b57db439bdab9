package io.cenote.examples.simulator;

import io.cenote.pool.ConnectionPool;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Seed 001's scenario 6: the database restarts under load, first with pre-ping on and then
 * with it off, each on a pool of its own. With pre-ping the pool finds the broken connections
 * when it lends them and replaces them; without it, each broken idle connection fails one
 * request first. The pre-ping setting of the run is ignored: the scenario shows both.
 */
final class RestartScenario implements Scenario {

  @Override
  public String name() {
    return "restart";
  }

  @Override
  public String title() {
    return "the database restarts under load: pre-ping on, then off, and the failed requests";
  }

  @Override
  public Knobs defaults() {
    // more connections than busy clients: the idle ones are what pre-ping saves
    return Knobs.SEED.withClients(3).withSeconds(30).withPool(8, 2)
        .withTimeout(Duration.ofSeconds(10));
  }

  @Override
  public Outcome run(Run run) throws InterruptedException {
    Knobs k = run.knobs();
    Servers servers = run.target().servers();
    long withPrePing = half(run, true, 0.0, servers);
    long withoutPrePing = half(run, false, 0.5, servers);
    long validationFailures = run.recorder().count(SimEvent.Kind.INVALID);
    return new Outcome(List.of(
        Findings.count("failuresWithPrePing", "failed requests, pre-ping on", withPrePing, ""),
        Findings.count("failuresWithoutPrePing", "failed requests, pre-ping off",
            withoutPrePing, ""),
        Findings.count("invalidated", "broken connections found", validationFailures,
            "by validation or by a fatal error")),
        String.format(Locale.ROOT, "Across the same restart (%s), %d requests failed with"
            + " pre-ping on and %d with it off. With pre-ping the pool tested each connection"
            + " as it lent it and replaced the broken ones, so clients only waited; without it"
            + " every broken idle connection was handed to a client once before the pool knew."
            + " Pre-ping costs one round trip per borrow (Cenote skips it within"
            + " validationBypassWindow of the last use, 500 ms by default).",
            servers.how(), withPrePing, withoutPrePing) + (k.poolSize() <= k.clients()
            ? " (With no idle connections, as with these settings, the difference is small.)"
            : ""));
  }

  /** Runs half of the scenario on a fresh pool; returns its failed requests. */
  private static long half(Run run, boolean prePing, double from, Servers servers)
      throws InterruptedException {
    Knobs k = run.knobs();
    String name = prePing ? "restart-preping" : "restart-plain";
    ConnectionPool pool = run.open(run.settings(run.target().primary(name))
        .validateOnBorrow(prePing).validationBypassWindow(Duration.ZERO).build());
    run.phase("pre-ping " + (prePing ? "ON" : "OFF") + ": " + k.clients() + " clients on a"
        + " fresh pool of " + k.poolSize());
    Clients clients = run.load(pool, Requests.on(pool, 20, 0.1), k.clients(), k.clients());
    run.at(from + 0.2);
    run.fault("the database restarts (" + servers.how() + ")");
    servers.restartPrimary();
    run.fault("the database is back");
    run.at(from + 0.5);
    run.stopLoad();
    return clients.failures();
  }
}
