package io.cenote.examples.simulator;

import io.cenote.examples.console.Format;
import io.cenote.pool.CloseReason;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolStats;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Seed 001's scenario 5: connections are retired by age ({@code maxLifetime}, SQLAlchemy's
 * {@code pool_recycle}) and by use ({@code maxUses}) and replaced, while clients notice
 * nothing. Under load the busy connections reach maxUses first; once the load drops, the idle
 * ones reach maxLifetime.
 */
final class RecycleScenario implements Scenario {

  /** Borrows after which a connection is retired. */
  static final long MAX_USES = 40;

  @Override
  public String name() {
    return "recycle";
  }

  @Override
  public String title() {
    return "maxLifetime and maxUses retire connections without a caller noticing";
  }

  @Override
  public Knobs defaults() {
    // seed 001 recycles after 3600 s; a few seconds shows the same within one run
    return Knobs.SEED.withClients(3).withSeconds(20).withRecycle(Duration.ofSeconds(4));
  }

  @Override
  public Outcome run(Run run) throws InterruptedException {
    Knobs k = run.knobs();
    ConnectionPool pool = run.open(run.pool(name()).maxUses(MAX_USES).build());
    run.phase(k.clients() + " clients; connections retire after "
        + (k.recycle().isZero() ? "(no maxLifetime)" : k.recycle().toMillis() + " ms")
        + " or " + MAX_USES + " borrows");
    Clients clients = run.load(pool, Requests.on(pool, 20, 0.1), k.clients(), k.clients());
    run.at(0.5);
    run.phase("the load drops to 1 client: most connections sit idle until they are too old");
    clients.setActive(1);
    run.at(1.0);
    run.stopLoad();
    PoolStats s = pool.stats();
    long byAge = s.destroyed().getOrDefault(CloseReason.LIFETIME, 0L);
    long byUse = s.destroyed().getOrDefault(CloseReason.MAX_USES, 0L);
    long failures = run.failures();
    return new Outcome(List.of(
        Findings.count("retiredByAge", "retired by maxLifetime", byAge, ""),
        Findings.count("retiredByUse", "retired by maxUses (" + MAX_USES + ")", byUse, "")),
        String.format(Locale.ROOT, "Under load the busy connections reached %d borrows and"
            + " %d were retired by use; once the load dropped, %d idle ones were retired by age"
            + " (maxLifetime %s). The pool opened %d connections in all while %d requests"
            + " failed: a connection is retired when it is returned or idle, never under a"
            + " caller. Recycling keeps connections younger than a firewall's or the server's"
            + " idle cut-off and spreads them over servers behind a load balancer.", MAX_USES,
            byUse, byAge, k.recycle().isZero() ? "off" : Format.duration(k.recycle()),
            s.created(), failures));
  }
}
