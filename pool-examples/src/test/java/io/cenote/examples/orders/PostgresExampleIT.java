package io.cenote.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.router.ExclusionReason;
import io.cenote.router.HostStats;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL example (wired with Guice) end to end against the primary and streaming
 * replica of {@code scripts/db.sh}.
 */
class PostgresExampleIT {

  private ServerExampleRun run;
  private String password;

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.POSTGRESQL) DatabaseTarget primary,
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.REPLICA)
          DatabaseTarget replica) {
    run = new ServerExampleRun("PG", primary, replica);
    password = primary.password();
  }

  @Test
  void theCommandRunsThroughGuiceAndPrintsNoPassword() {
    // Act
    int status = OrdersMain.run(new String[] {"postgres", "--orders", "3"}, run.environment,
        run.outStream(), run.errStream());

    // Assert
    assertThat(status).as(run.output()).isZero();
    assertThat(run.output()).contains("wiring: Guice: CenoteModule")
        .contains("Orders example on postgres complete.")
        .contains("Meters (SimpleMeterRegistry):");
    // every line but the two URL lines is searched; those show the URLs as configured
    assertThat(run.outputWithoutUrls()).contains("replica <url>").doesNotContain(password);
  }

  @Test
  void ordersAreReadBackListedFromTheReplicaAndTheBadOrderLeavesNothing() throws Exception {
    // Act
    ExampleOutcome outcome = OrdersExample.run(DatabaseKind.POSTGRES, 3, run.environment,
        run.outStream());

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
