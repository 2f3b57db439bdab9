package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cenote.resilience.FailureKind;
import io.cenote.resilience.SqlFailureClassifier;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.Sql;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The breakers against the MariaDB primary and its GTID replica: the primary killed under load
 * opens only its own breaker, writes fail fast, and probes close it after the restart; a write
 * on the read-only replica is recognised from the real driver's error. The server is always
 * restored.
 */
class MariaDbResilienceIT {

  private DatabaseTarget primary;
  private DatabaseTarget replica;
  private String table;
  private OutageScenario scenario;
  private boolean killed;

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.MARIADB) DatabaseTarget p,
      @Database(engine = DatabaseEngine.MARIADB, role = DatabaseRole.REPLICA) DatabaseTarget r)
      throws SQLException {
    primary = p;
    replica = r;
    table = "resilience_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4);
    Sql.execute(primary, "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v BIGINT)");
  }

  @AfterEach
  void restore() throws Exception {
    if (scenario != null) {
      scenario.close();
    }
    if (killed) {
      primary.server().start();
    }
    if (table != null) { // null when the databases were missing and setUp never ran
      Sql.execute(primary, "DROP TABLE IF EXISTS " + table);
    }
  }

  /** Connector/J reports it as a plain {@code java.sql.SQLException}: HY000 and code 1290. */
  @Test
  void aWriteOnTheReadOnlyReplicaIsAReadOnlyServerError() {
    SQLException refused = catchThrowableOfType(SQLException.class,
        () -> Sql.execute(replica, "CREATE TABLE " + table + "_ro (id BIGINT)"));

    assertThat((Throwable) refused).as("the replica runs with read_only = ON").isNotNull();
    System.out.printf("[MariaDbResilienceIT] write on the replica: %s, SQLState %s, code %d%n",
        refused.getClass().getName(), refused.getSQLState(), refused.getErrorCode());
    assertThat(SqlFailureClassifier.standard().classify(refused))
        .isEqualTo(FailureKind.READ_ONLY_SERVER);
  }

  @Test
  void aKilledPrimaryOpensOnlyItsBreakerWritesFailFastReadsGoOnAndItRecovers() throws Exception {
    scenario = new OutageScenario("maria-res", primary, replica, table);
    scenario.load(4, 4);

    // The replica reports Seconds_Behind_Master NULL once it loses its source; while the
    // primary is down the router keeps it serving reads instead of excluding it as LAGGING.
    OutageScenario.PrimaryOutage outage =
        scenario.killThePrimaryAndRecover(primary, down -> killed = down);
    OutageScenario.await("no connection leaked", 10_000,
        () -> scenario.cluster.primary().stats().active() == 0);

    System.out.printf("[MariaDbResilienceIT] primary kill: breaker open after %d ms, fail-fast"
        + " mean %.1f us max %.1f us, reads meanwhile: %d failed of %d, closed %d ms after"
        + " start() began (start() took %d ms)%n", outage.openMs(), outage.failFastMeanMicros(),
        outage.failFastMaxMicros(), scenario.readFailures.sum(), scenario.reads.sum(),
        outage.closeMs(), outage.startMs());
    System.out.println("[MariaDbResilienceIT] " + scenario.cluster.resilienceStats());
  }
}
