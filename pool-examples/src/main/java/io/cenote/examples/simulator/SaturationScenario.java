package io.cenote.examples.simulator;

import io.cenote.examples.console.Format;
import io.cenote.pool.CloseReason;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolStats;
import java.util.List;
import java.util.Locale;

/**
 * Seed 001's scenario 2: more clients than connections. Borrowers queue, overflow connections
 * open beyond the pool size, and close again once the load drops.
 */
final class SaturationScenario implements Scenario {

  @Override
  public String name() {
    return "saturation";
  }

  @Override
  public String title() {
    return "more clients than connections: borrowers queue, overflow opens and closes";
  }

  @Override
  public Knobs defaults() {
    return Knobs.SEED.withClients(10).withSeconds(30);
  }

  @Override
  public Outcome run(Run run) throws InterruptedException {
    Knobs k = run.knobs();
    ConnectionPool pool = run.open(run.pool(name()).build());
    run.phase(k.clients() + " clients on " + k.poolSize() + " connections, each holding"
        + " about 100 ms");
    Clients clients = run.load(pool, Requests.on(pool, 100, 0.1), k.clients(), k.clients());
    run.at(0.6);
    int calm = Math.max(1, k.poolSize() / 2);
    run.phase("the load drops to " + calm + " clients: overflow connections come back to an"
        + " empty queue and are closed");
    PoolStats busy = pool.stats();
    clients.setActive(calm);
    run.at(1.0);
    run.stopLoad();
    PoolStats s = pool.stats();
    long overflowOpened = Math.max(0, s.peakTotal() - s.maxSize());
    long closedUnderLoad = busy.destroyed().getOrDefault(CloseReason.OVERFLOW, 0L);
    long overflowClosed = s.destroyed().getOrDefault(CloseReason.OVERFLOW, 0L);
    long waited = Math.round(s.acquired() * (1.0 - s.hitRate()));
    return new Outcome(List.of(
        Findings.count("overflowPeak", "overflow connections at peak", overflowOpened,
            "beyond maxSize " + s.maxSize()),
        Findings.count("overflowClosed", "overflow connections closed", overflowClosed,
            closedUnderLoad + " of them under load"),
        Findings.count("waited", "borrows that queued", waited,
            Format.percent(s.acquired() == 0 ? 0 : (double) waited / s.acquired())
                + " of borrows")),
        String.format(Locale.ROOT, "With %d clients on %d connections, %s borrows (%s) had to"
            + " queue and the pool opened up to %d overflow connections beyond its size (p99"
            + " wait %s). Overflow is a burst allowance, not capacity: an overflow connection"
            + " that comes back to an empty queue is closed, so under this steady overload the"
            + " pool opened %s connections for %s borrows (%s overflow connections closed"
            + " under load). When the load is steady, raise the pool size; keep overflow for"
            + " bursts.", k.clients(), k.poolSize(), Format.count(waited),
            Format.percent(s.acquired() == 0 ? 0 : (double) waited / s.acquired()),
            overflowOpened, Format.duration(s.waitTime().p99()), Format.count(s.created()),
            Format.count(s.acquired()), Format.count(closedUnderLoad)));
  }
}
