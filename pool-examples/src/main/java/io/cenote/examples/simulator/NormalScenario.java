package io.cenote.examples.simulator;

import io.cenote.examples.console.Format;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolStats;
import java.util.List;
import java.util.Locale;

/** Seed 001's scenario 1: a few clients, connections reused, almost every borrow served at once. */
final class NormalScenario implements Scenario {

  @Override
  public String name() {
    return "normal";
  }

  @Override
  public String title() {
    return "typical load: a few clients reuse a few connections, almost nobody waits";
  }

  @Override
  public Knobs defaults() {
    return Knobs.SEED.withClients(3).withSeconds(20);
  }

  @Override
  public Outcome run(Run run) throws InterruptedException {
    Knobs k = run.knobs();
    ConnectionPool pool = run.open(run.pool(name()).build());
    run.phase(k.clients() + " clients: borrow, read a row (one in ten also updates), hold"
        + " about 20 ms, return");
    run.load(pool, Requests.on(pool, 20, 0.1), k.clients(), k.clients());
    run.at(1.0);
    run.stopLoad();
    PoolStats s = pool.stats();
    double reuse = s.created() == 0 ? 0 : (double) s.acquired() / s.created();
    return new Outcome(List.of(
        new Finding("reuse", "borrows per connection opened", reuse,
            String.format(Locale.ROOT, "%.0f", reuse), "each login served this many requests")),
        String.format(Locale.ROOT, "%s borrows were served by %d connections: each was reused"
            + " about %.0f times, so the database saw %d logins instead of %s. %s of borrows found"
            + " an idle connection at once and the p99 wait was %s; %d clients never needed more"
            + " than %d connections.", Format.count(s.acquired()), s.created(), reuse,
            s.created(), Format.count(s.acquired()), Format.percent(s.hitRate()),
            Format.duration(s.waitTime().p99()), k.clients(), s.peakTotal()));
  }
}
