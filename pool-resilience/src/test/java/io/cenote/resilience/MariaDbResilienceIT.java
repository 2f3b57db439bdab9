package io.cenote.resilience;

import static org.assertj.core.api.Assertions.assertThat;

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
 * opens only its own breaker, writes fail fast, and probes close it after the restart. The server
 * is always restored.
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
    Sql.execute(primary, "DROP TABLE IF EXISTS " + table);
  }

  @Test
  void aKilledPrimaryOpensOnlyItsBreakerWritesFailFastAndItRecovers() throws Exception {
    scenario = new OutageScenario("maria-res", primary, replica, table);
    scenario.load(4, 4);
    OutageScenario.await("writes flow", 10_000, () -> scenario.writes.sum() > 200);

    long killAt = System.nanoTime();
    killed = true;
    primary.server().kill();
    OutageScenario.await("the primary's breaker opens", 10_000,
        () -> scenario.openedAt.containsKey("maria-res-primary"));
    long openMs = (scenario.openedAt.get("maria-res-primary") - killAt) / 1_000_000;
    double[] failFast = scenario.failFastMicros(2_000);
    // The replica reports Seconds_Behind_Master NULL once it loses its source; while the
    // primary is down the router keeps it serving reads instead of excluding it as LAGGING.
    long readsDuringOutage = scenario.reads.sum();
    OutageScenario.await("reads go on on the replica", 5_000,
        () -> scenario.reads.sum() > readsDuringOutage + 200);
    assertThat(scenario.resilience.state("maria-res-replica")).isEqualTo(BreakerState.CLOSED);

    long startBegan = System.nanoTime();
    primary.server().start();
    killed = false;
    long startMs = (System.nanoTime() - startBegan) / 1_000_000;
    OutageScenario.await("the primary's breaker closes", 20_000,
        () -> scenario.closedAt.getOrDefault("maria-res-primary", 0L) > startBegan);
    long closeMs = (scenario.closedAt.get("maria-res-primary") - startBegan) / 1_000_000;
    long writes = scenario.writes.sum();
    OutageScenario.await("writes resume", 10_000, () -> scenario.writes.sum() > writes + 100);
    scenario.stopLoad();
    OutageScenario.await("no connection leaked", 10_000,
        () -> scenario.cluster.primary().stats().active() == 0);

    System.out.printf("[MariaDbResilienceIT] primary kill: breaker open after %d ms, fail-fast"
        + " mean %.1f us max %.1f us, reads meanwhile: %d failed of %d, closed %d ms after"
        + " start() began (start() took %d ms)%n", openMs, failFast[0], failFast[1],
        scenario.readFailures.sum(), scenario.reads.sum(), closeMs, startMs);
    System.out.println("[MariaDbResilienceIT] " + scenario.resilient.stats());
    assertThat(failFast[0]).isLessThan(1_000);
  }
}
