package io.cenote.examples.simulator;

import io.cenote.pool.CloseReason;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolStats;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Seed 001's scenario 4: one client borrows connections and never returns them. The pool
 * reports each leak with the borrower's stack after {@code leakDetectionThreshold} and takes
 * the connection back after {@code leakReclaim}, so the pool does not run dry for good.
 */
final class LeakScenario implements Scenario {

  @Override
  public String name() {
    return "leak";
  }

  @Override
  public String title() {
    return "a client never returns its connections: leak reports with its stack, then reclaim";
  }

  @Override
  public Knobs defaults() {
    return Knobs.SEED.withClients(4).withSeconds(30).withPool(5, 0)
        .withTimeout(Duration.ofSeconds(2));
  }

  @Override
  public Outcome run(Run run) throws InterruptedException {
    Knobs k = run.knobs();
    Duration threshold = Duration.ofMillis(Math.max(1000, k.seconds() * 1000L / 10));
    Duration reclaim = threshold.multipliedBy(2);
    ConnectionPool pool = run.open(run.pool(name()).leakDetectionThreshold(threshold)
        .leakReclaim(reclaim).build());
    List<Connection> leaked = new CopyOnWriteArrayList<>();
    long leakEvery = Math.max(300, k.seconds() * 1000L / 12);
    Clients.Request normal = Requests.on(pool, 20, 0.1);
    run.phase("client 1 borrows a connection every " + leakEvery + " ms and never returns it;"
        + " " + (k.clients() - 1) + " others work normally. Leak threshold "
        + threshold.toMillis() + " ms, reclaim after " + reclaim.toMillis() + " ms");
    run.load(pool, client -> {
      if (client == 1) {
        leaked.add(pool.getConnection());
        Thread.sleep(leakEvery);
      } else {
        normal.run(client);
      }
    }, k.clients(), k.clients());
    run.at(1.0);
    run.stopLoad();
    PoolStats s = pool.stats();
    long detected = run.recorder().leaks();
    long reclaimed = s.destroyed().getOrDefault(CloseReason.LEAK, 0L);
    String site = run.recorder().leakSite();
    return new Outcome(List.of(
        Findings.count("leaked", "connections borrowed, never returned", leaked.size(), ""),
        Findings.count("leaksDetected", "leaks reported", detected,
            "after " + threshold.toMillis() + " ms, with the borrower's stack"),
        Findings.count("leaksReclaimed", "leaked connections reclaimed", reclaimed,
            "closed by the pool after " + reclaim.toMillis() + " ms"),
        Findings.text("leakSite", "borrowed at", site)),
        String.format(Locale.ROOT, "One client took %d connections and returned none. The"
            + " pool reported %d leaks with the line that borrowed them (%s) and reclaimed %d"
            + " of them, so the other clients got connections again (%d acquire timeouts in"
            + " all). In production, leak reports point at the missing close(); reclaiming"
            + " only keeps the pool alive until it is fixed.", leaked.size(), detected, site,
            reclaimed, s.timeouts()));
  }
}
