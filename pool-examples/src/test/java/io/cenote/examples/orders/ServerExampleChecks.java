package io.cenote.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.router.ExclusionReason;
import io.cenote.router.HostStats;
import io.cenote.testkit.db.DatabaseTarget;
import org.junit.jupiter.api.Test;

/**
 * The checks every example on a real primary/replica pair must pass: its command exits 0 with
 * its wiring and no password in the output, and its run reads orders back, lists them from the
 * replica (or, while the replica lags, from the primary as a fallback) and leaves nothing of the
 * rejected order. Each database's test supplies its servers in {@code @BeforeEach}.
 */
abstract class ServerExampleChecks {

  private ServerExampleRun run;
  private String password;

  /** @return the example's name on the command line, e.g. {@code postgres} */
  abstract String command();

  /** @return the example's database */
  abstract DatabaseKind kind();

  /** @return the start of the wiring line the example prints */
  abstract String wiring();

  /**
   * Prepares a run on the test's servers.
   *
   * @param variablePrefix the prefix of the run's placeholder variables, e.g. {@code PG}
   * @param primary the primary
   * @param replica the replica
   */
  void servers(String variablePrefix, DatabaseTarget primary, DatabaseTarget replica) {
    run = new ServerExampleRun(variablePrefix, primary, replica);
    password = primary.password();
  }

  @Test
  void theCommandRunsWithItsWiringAndPrintsNoPassword() {
    // Act
    int status = OrdersMain.run(new String[] {command(), "--orders", "3"}, run.environment,
        run.outStream(), run.errStream());

    // Assert
    assertThat(status).as(run.output()).isZero();
    assertThat(run.output()).contains("wiring: " + wiring())
        .contains("Orders example on " + command() + " complete.")
        .contains("Meters (SimpleMeterRegistry):");
    // every line but the two URL lines is searched; those show the URLs as configured
    assertThat(run.outputWithoutUrls()).contains("replica <url>").doesNotContain(password);
  }

  @Test
  void ordersAreReadBackListedFromTheReplicaAndTheBadOrderLeavesNothing() throws Exception {
    // Act
    ExampleOutcome outcome = OrdersExample.run(kind(), 3, run.environment, run.outStream());

    // Assert
    assertThat(outcome.readBack()).extracting(Order::id).isEqualTo(outcome.placed());
    assertThat(outcome.readBack()).allSatisfy(o -> assertThat(o.lines()).hasSize(2));
    assertThat(outcome.listed()).extracting(Order::id)
        .containsExactlyInAnyOrderElementsOf(outcome.placed());
    assertThat(outcome.rejectedOrdersLeft()).isZero();
    HostStats primary = outcome.hosts().get(0);
    HostStats replica = outcome.hosts().get(1);
    assertThat(replica.name()).isEqualTo("orders-r1");
    assertThat(replica.writesRouted()).isZero();
    // the count and the listing go to the replica, unless it lags beyond maxReplicationLag
    // (others may load the shared servers); then the router must have fallen back to the primary
    if (replica.exclusion() == ExclusionReason.LAGGING) {
      assertThat(primary.fallbacks()).isGreaterThanOrEqualTo(2);
    } else {
      assertThat(replica.readsRouted()).isGreaterThanOrEqualTo(2);
    }
    assertThat(primary.writesRouted()).isGreaterThanOrEqualTo(5);
    assertThat(run.outputWithoutUrls()).doesNotContain(password);
  }
}
