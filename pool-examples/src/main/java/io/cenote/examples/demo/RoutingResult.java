package io.cenote.examples.demo;

import io.cenote.router.HostStats;
import io.cenote.router.ServerRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the routing part produced.
 *
 * @param hosts the hosts' statistics after the clients stopped, primary first
 * @param counts what the clients did
 * @param outageRan whether the second replica was taken down
 * @param readmissionExpected whether the recovery phase was long enough that the second replica
 *     must have been re-admitted
 * @param lentAfterClose connections still lent by the cluster's pools after they were closed
 * @param elapsed how long the part took
 * @param firstError the first unexpected client failure, or null
 */
record RoutingResult(List<HostStats> hosts, RoutingWorkload.Counts counts, boolean outageRan,
    boolean readmissionExpected, int lentAfterClose, Duration elapsed, Throwable firstError)
    implements PartResult {

  /**
   * Lists what did not go as designed: unexpected errors, a write that missed the writer, a
   * replica that served no read, an outage the router did not notice or a replica it did not
   * take back, a session read that did not see its own write, connections lent after close.
   *
   * @return the problems, empty when the part ran as designed
   */
  @Override
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (counts.errors() != 0) {
      problems.add(counts.errors() + " unexpected routing client error(s), first: "
          + firstError);
    }
    for (HostStats h : hosts) {
      if (h.configuredRole() == ServerRole.PRIMARY && h.writesRouted() == 0) {
        problems.add("no write reached the writer " + h.name());
      }
      if (h.configuredRole() == ServerRole.REPLICA) {
        if (h.writesRouted() != 0) {
          problems.add(h.writesRouted() + " write(s) reached replica " + h.name());
        }
        if (h.readsRouted() == 0) {
          problems.add("replica " + h.name() + " served no read");
        }
      }
    }
    HostStats downed = host(RoutingCluster.REPLICA_2);
    if (outageRan && downed != null && downed.exclusions() == 0) {
      problems.add(RoutingCluster.REPLICA_2 + " was never excluded during its outage");
    }
    if (readmissionExpected && downed != null && !downed.healthy()) {
      problems.add(RoutingCluster.REPLICA_2 + " was not re-admitted after it came back");
    }
    if (counts.ownReadsOnWriter() != counts.ownReads()) {
      problems.add((counts.ownReads() - counts.ownReadsOnWriter())
          + " read(s) right after a write did not go to the writer");
    }
    if (counts.ownRowsSeen() != counts.ownReads()) {
      problems.add((counts.ownReads() - counts.ownRowsSeen())
          + " session read(s) did not see their own write");
    }
    if (counts.laterReadsOnReplica() != counts.laterReads()) {
      problems.add((counts.laterReads() - counts.laterReadsOnReplica())
          + " session read(s) after the window stayed off the replicas");
    }
    if (lentAfterClose != 0) {
      problems.add(lentAfterClose + " cluster connection(s) were still lent after close");
    }
    return problems;
  }

  @Override
  public String success() {
    return "writes went to the writer, reads to the replicas, and the cluster closed cleanly";
  }

  private HostStats host(String name) {
    for (HostStats h : hosts) {
      if (h.name().equals(name)) {
        return h;
      }
    }
    return null;
  }
}
