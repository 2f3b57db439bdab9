package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.resilience.BreakerState;
import io.cenote.resilience.HostResilienceStats;
import io.cenote.resilience.Idempotent;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The breakers against the PostgreSQL primary and replica: a host killed under load (the
 * breaker opens, callers fail fast, the other host keeps serving, probes close it after the
 * restart, no session leaks) and a serialization failure retried to success. Servers are always
 * restored.
 */
class PostgresResilienceIT {

  private DatabaseTarget primary;
  private DatabaseTarget replica;
  private String table;
  private OutageScenario scenario;
  private DatabaseTarget killed;

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.POSTGRESQL) DatabaseTarget p,
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.REPLICA)
          DatabaseTarget r) throws SQLException {
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
    if (killed != null) {
      killed.server().start();
    }
    if (table != null) { // null when the databases were missing and setUp never ran
      Sql.execute(primary, "DROP TABLE IF EXISTS " + table);
    }
  }

  private long sessions() throws SQLException {
    return Sql.queryLong(primary, "SELECT count(*) FROM pg_stat_activity WHERE application_name"
        + " = ?", OutageScenario.APP);
  }

  @Test
  void aKilledPrimaryOpensItsBreakerWritesFailFastReadsGoOnAndItRecovers() throws Exception {
    scenario = new OutageScenario("pg-res", primary, replica, table);
    scenario.load(4, 4);

    OutageScenario.PrimaryOutage outage =
        scenario.killThePrimaryAndRecover(primary, down -> killed = down ? primary : null);

    OutageScenario.await("no session leaked", 10_000, () -> {
      try {
        return sessions() <= scenario.cluster.primary().stats().total() + 1;
      } catch (SQLException e) {
        return false;
      }
    });
    long open = sessions();
    long total = scenario.cluster.primary().stats().total();
    System.out.printf("[PostgresResilienceIT] primary kill: breaker open after %d ms, fail-fast"
        + " mean %.1f us max %.1f us, %d write fail-fasts under load, reads meanwhile ok"
        + " (%d failed of %d), closed %d ms after start() began (start() took %d ms); primary sessions %d, pool"
        + " holds %d (+1 health probe)%n", outage.openMs(), outage.failFastMeanMicros(),
        outage.failFastMaxMicros(), scenario.writeFailFasts.sum(), scenario.readFailures.sum(),
        scenario.reads.sum(), outage.closeMs(), outage.startMs(), open, total);
    System.out.println("[PostgresResilienceIT] " + scenario.cluster.resilienceStats());
  }

  @Test
  void aKilledReplicaOpensOnlyItsBreakerReadsMoveToThePrimaryAndItRecovers() throws Exception {
    scenario = new OutageScenario("pg-rep", primary, replica, table);
    scenario.load(6, 1);
    OutageScenario.await("reads flow", 10_000, () -> scenario.reads.sum() > 500);

    long killAt = System.nanoTime();
    killed = replica;
    replica.server().kill();
    OutageScenario.await("the replica's breaker opens", 10_000,
        () -> scenario.openedAt.containsKey("pg-rep-replica"));
    long openMs = (scenario.openedAt.get("pg-rep-replica") - killAt) / 1_000_000;
    long reads = scenario.reads.sum();
    OutageScenario.await("reads go on on the primary", 5_000,
        () -> scenario.reads.sum() > reads + 200);
    assertThat(scenario.resilience.state("pg-rep-primary")).isEqualTo(BreakerState.CLOSED);

    long startBegan = System.nanoTime();
    replica.server().start();
    killed = null;
    long startMs = (System.nanoTime() - startBegan) / 1_000_000;
    OutageScenario.await("the replica's breaker closes", 20_000,
        () -> scenario.closedAt.getOrDefault("pg-rep-replica", 0L) > startBegan);
    long closeMs = (scenario.closedAt.get("pg-rep-replica") - startBegan) / 1_000_000;
    OutageScenario.await("the replica is re-admitted", 10_000,
        () -> scenario.cluster.hostStats().get(1).healthy());
    long replicaReads = scenario.cluster.hostStats().get(1).readsRouted();
    OutageScenario.await("reads return to the replica", 10_000,
        () -> scenario.cluster.hostStats().get(1).readsRouted() > replicaReads + 100);
    scenario.stopLoad();
    System.out.printf("[PostgresResilienceIT] replica kill: breaker open after %d ms, primary"
        + " breaker stayed CLOSED, failed reads %d of %d, closed %d ms after start() began (start() took %d ms)%n",
        openMs, scenario.readFailures.sum(), scenario.reads.sum(), closeMs, startMs);
    System.out.println("[PostgresResilienceIT] " + scenario.cluster.resilienceStats());
  }

  @Test
  void aSerializationFailureIsRetriedToSuccess() throws Exception {
    Sql.execute(primary, "INSERT INTO " + table + " VALUES (1, 0), (2, 0)");
    scenario = new OutageScenario("pg-ser", primary, replica, table);
    CountDownLatch bothRead = new CountDownLatch(2);
    AtomicInteger runs = new AtomicInteger();
    Runnable transfer = () -> {
      try {
        scenario.cluster.write(Idempotent.YES, c -> {
          runs.incrementAndGet();
          c.setAutoCommit(false);
          c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
          long sum;
          try (Statement s = c.createStatement();
               ResultSet rs = s.executeQuery("SELECT sum(v) FROM " + table)) {
            rs.next();
            sum = rs.getLong(1);
          }
          bothRead.countDown();
          try {
            bothRead.await(5, TimeUnit.SECONDS); // both transactions have read: a write skew
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + table + " VALUES (" + (10 + runs.get()) + ", "
                + (sum + 1) + ")");
          }
          c.commit();
          return null;
        });
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
    };
    Thread a = new Thread(transfer);
    Thread b = new Thread(transfer);
    a.start();
    b.start();
    a.join(20_000);
    b.join(20_000);

    HostResilienceStats stats = scenario.cluster.resilienceStats().get(0);
    System.out.printf("[PostgresResilienceIT] serialization conflict: %d runs for 2 units,"
        + " retries %d, retry successes %d, breaker failures %d%n", runs.get(), stats.retries(),
        stats.retrySuccesses(), stats.failedCalls());
    assertThat(Sql.queryLong(primary, "SELECT count(*) FROM " + table)).isEqualTo(4);
    assertThat(runs.get()).isEqualTo(3);
    assertThat(stats.retries()).isEqualTo(1);
    assertThat(stats.retrySuccesses()).isEqualTo(1);
    assertThat(stats.failedCalls()).isZero();
  }
}
