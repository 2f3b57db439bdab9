package io.cenote.examples.demo;

import static io.cenote.examples.demo.RoutingTestHosts.down;
import static io.cenote.examples.demo.RoutingTestHosts.replica;
import static io.cenote.examples.demo.RoutingTestHosts.writer;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.router.HostStats;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingResultTest {

  private static final RoutingWorkload.Counts GOOD =
      new RoutingWorkload.Counts(100, 500, 200, 10, 10, 10, 10, 10, 0, 0);

  private static RoutingResult result(List<HostStats> hosts, RoutingWorkload.Counts counts,
      boolean readmissionExpected, int lent) {
    return new RoutingResult(hosts, counts, true, readmissionExpected, lent,
        Duration.ofSeconds(12), counts.errors() == 0 ? null : new SQLException("boom"));
  }

  @Test
  void aRunThatRoutedAndRecoveredAsDesignedHasNoProblems() {
    RoutingResult r = result(List.of(writer(10, 100), replica("replica-1", 300, 0),
        replica("replica-2", 200, 1)), GOOD, true, 0);

    assertThat(r.problems()).isEmpty();
  }

  @Test
  void anUnnoticedOutageAndAMissedReadmissionAreProblems() {
    RoutingResult unnoticed = result(List.of(writer(10, 100), replica("replica-1", 300, 0),
        replica("replica-2", 200, 0)), GOOD, true, 0);
    RoutingResult stillOut = result(List.of(writer(10, 100), replica("replica-1", 300, 0),
        down("replica-2", 200)), GOOD, true, 0);
    RoutingResult tooShortToTell = result(List.of(writer(10, 100), replica("replica-1", 300, 0),
        down("replica-2", 200)), GOOD, false, 0);

    assertThat(unnoticed.problems()).containsExactly(
        "replica-2 was never excluded during its outage");
    assertThat(stillOut.problems()).containsExactly(
        "replica-2 was not re-admitted after it came back");
    assertThat(tooShortToTell.problems()).isEmpty();
  }

  @Test
  void misroutedReadsAndWritesAreProblems() {
    RoutingWorkload.Counts strayed =
        new RoutingWorkload.Counts(100, 500, 200, 10, 8, 9, 10, 7, 0, 0);
    RoutingResult r = result(List.of(writer(10, 0), replica("replica-1", 0, 0),
        replica("replica-2", 200, 1)), strayed, true, 0);

    assertThat(r.problems()).containsExactly(
        "no write reached the writer writer",
        "replica replica-1 served no read",
        "2 read(s) right after a write did not go to the writer",
        "1 session read(s) did not see their own write",
        "3 session read(s) after the window stayed off the replicas");
  }

  @Test
  void errorsAndConnectionsLentAfterCloseAreProblems() {
    RoutingWorkload.Counts failed =
        new RoutingWorkload.Counts(100, 500, 200, 10, 10, 10, 10, 10, 0, 2);
    RoutingResult r = result(List.of(writer(10, 100), replica("replica-1", 300, 0),
        replica("replica-2", 200, 1)), failed, true, 1);

    assertThat(r.problems()).containsExactly(
        "2 unexpected routing client error(s), first: java.sql.SQLException: boom",
        "1 cluster connection(s) were still lent after close");
  }
}
