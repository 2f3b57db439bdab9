package io.cenote.examples.simulator;

import io.cenote.examples.console.Format;
import io.cenote.router.Cluster;
import io.cenote.router.ClusterConfig;
import io.cenote.router.HostStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A primary and a replica in a cluster: the replica dies and comes back under load (reads
 * move to the primary and back), and on PostgreSQL the primary then dies, the replica is
 * promoted, and writes follow it.
 */
final class ReplicaFailoverScenario implements Scenario {

  /** Pause between the router's health checks: short, so the moves show quickly. */
  static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
  /** Checks in a row that must agree before writes move. */
  static final int FAILOVER_CHECKS = 2;

  @Override
  public String name() {
    return "replica-failover";
  }

  @Override
  public String title() {
    return "a replica dies and returns under load; on PostgreSQL the replica is promoted";
  }

  @Override
  public Knobs defaults() {
    return Knobs.SEED.withClients(6).withSeconds(30).withTimeout(Duration.ofSeconds(2));
  }

  @Override
  public Outcome run(Run run) throws Exception {
    Knobs k = run.knobs();
    Target target = run.target();
    if (!target.hasReplica()) {
      throw new IllegalArgumentException("replica-failover needs a replica: run it with --db"
          + " sqlite, postgres or mariadb rather than --url");
    }
    Servers servers = target.servers();
    boolean promote = servers.canPromote();
    Cluster cluster = run.closeLater(Cluster.start(ClusterConfig.builder("failover")
        .primary(run.settings(target.primary("primary")).build())
        .replica(run.settings(target.replica("replica")).build())
        .healthCheckInterval(CHECK_INTERVAL)
        .failoverChecks(FAILOVER_CHECKS)
        .listener(run.recorder())
        .build()));
    AtomicLong writesAfterFailover = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    AtomicLong writes = new AtomicLong();
    double[] writerMovedAt = {Double.MAX_VALUE};
    run.phase(k.clients() + " clients: 4 of 5 requests read (replica), 1 writes (primary)");
    run.load(cluster.primary(), client -> {
      if (ThreadLocalRandom.current().nextInt(5) == 0) {
        cluster.write(c -> {
          Requests.work(c, 1.0);
          return null;
        });
        writes.incrementAndGet();
        if (run.recorder().second() > writerMovedAt[0]) {
          writesAfterFailover.incrementAndGet();
        }
      } else {
        cluster.read(c -> {
          Requests.work(c, 0.0);
          return null;
        });
        reads.incrementAndGet();
      }
      Requests.hold(10);
    }, k.clients(), k.clients());
    double outageEnd = promote ? 0.45 : 0.6;
    run.at(0.2);
    run.fault("the replica crashes (" + servers.how() + ")");
    long failedBefore = run.failures();
    double outageFrom = run.recorder().second();
    servers.stopReplica();
    run.at(outageEnd);
    run.fault("the replica starts again");
    servers.startReplica();
    long outageFailures = run.failures() - failedBefore;
    long excludedInOutage = exclusionsSince(run, outageFrom);
    long failoverFailures = 0;
    double moveSeconds = -1;
    if (promote) {
      run.at(0.65);
      run.fault("the primary crashes and the replica is promoted (scripts/db.sh kill primary,"
          + " promote replica)");
      double failoverFrom = run.recorder().second();
      long failedBeforeFailover = run.failures();
      servers.failOverToReplica();
      writerMovedAt[0] = run.recorder().second();
      run.at(1.0);
      failoverFailures = run.failures() - failedBeforeFailover;
      moveSeconds = run.recorder().events().stream()
          .filter(e -> e.kind() == SimEvent.Kind.WRITER && e.second() >= failoverFrom)
          .mapToDouble(e -> e.second() - failoverFrom).findFirst().orElse(-1);
    } else {
      run.phase("promotion is shown on PostgreSQL only: run with --db postgres");
    }
    run.at(1.0);
    run.stopLoad();
    List<HostStats> hosts = cluster.hostStats();
    long readmitted = run.recorder().count(SimEvent.Kind.READMITTED);
    long writerChanges = run.recorder().count(SimEvent.Kind.WRITER);
    List<Finding> findings = new ArrayList<>(List.of(
        Findings.count("reads", "reads completed", reads.get(), readsPerHost(hosts)),
        Findings.count("writes", "writes completed", writes.get(), ""),
        Findings.count("excluded", "exclusions during the replica outage", excludedInOutage,
            ""),
        Findings.count("readmitted", "re-admissions", readmitted, ""),
        Findings.count("outageFailures", "requests failed in the replica outage",
            outageFailures, "")));
    if (promote) {
      findings.add(Findings.count("writerChanges", "times writes moved host", writerChanges,
          ""));
      findings.add(new Finding("writerMoveMillis", "writes moved after the promotion",
          moveSeconds * 1000, moveSeconds < 0 ? "never" : Format.nanos((long) (moveSeconds
          * 1e9)), "measured from the crash of the primary"));
      findings.add(Findings.count("failoverFailures", "requests failed in the failover",
          failoverFailures, "until writes moved"));
      findings.add(Findings.count("writesAfterFailover", "writes after the promotion",
          writesAfterFailover.get(), "served by the promoted replica"));
    }
    String lesson = String.format(Locale.ROOT, "When the replica crashed the router excluded"
        + " it and sent reads to the primary, and took it back when it returned (%d"
        + " re-admission(s)); %d requests failed in that outage, because a read that breaks"
        + " on a replica is tried again on another host.", readmitted, outageFailures);
    if (promote) {
      lesson += String.format(Locale.ROOT, " When the primary died and the replica was"
          + " promoted, writes moved to it %s after the crash and %d writes succeeded there;"
          + " %d requests failed before the move. The router follows each server's own"
          + " answer to \"am I a primary?\" once %d checks in a row agree.",
          moveSeconds < 0 ? "never" : Format.nanos((long) (moveSeconds * 1e9)),
          writesAfterFailover.get(), failoverFailures, FAILOVER_CHECKS);
    }
    return new Outcome(findings, lesson);
  }

  private static long exclusionsSince(Run run, double from) {
    return run.recorder().events().stream()
        .filter(e -> e.kind() == SimEvent.Kind.EXCLUDED && e.second() >= from).count();
  }

  private static String readsPerHost(List<HostStats> hosts) {
    StringBuilder b = new StringBuilder();
    for (HostStats h : hosts) {
      b.append(b.length() == 0 ? "" : ", ").append(h.name()).append(' ')
          .append(h.readsRouted());
    }
    return "routed: " + b;
  }
}
