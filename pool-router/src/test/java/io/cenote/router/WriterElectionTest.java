package io.cenote.router;

import static io.cenote.router.RouterTestSupport.keyOf;
import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.router.RouterTestSupport.RecordingListener;
import io.cenote.router.RouterTestSupport.ScriptedDialect;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes move to another host only on consistent evidence: the write host unreachable (or
 * read-only) and the candidate writable in {@code failoverChecks} consecutive checks. Replica 1
 * reports itself primary throughout, as a MySQL/MariaDB replica without {@code read_only} does.
 * Checks run only when the test calls {@code checkNow()}.
 */
class WriterElectionTest {

  private static final int CHECKS = 3;

  /** Pre-pings every borrow: a write right after a simulated restart gets a fresh connection. */
  private final PoolConfig primary = stub("elect-primary").toBuilder()
      .validationBypassWindow(Duration.ZERO).build();
  private final PoolConfig replica1 = stub("elect-replica-1");
  private final PoolConfig replica2 = stub("elect-replica-2");
  private final ScriptedDialect dialect = new ScriptedDialect();
  private final RecordingListener events = new RecordingListener();
  private Cluster cluster;

  @BeforeEach
  void start() {
    dialect.role(primary, ServerRole.PRIMARY).role(replica1, ServerRole.PRIMARY)
        .role(replica2, ServerRole.REPLICA);
    cluster = Cluster.start(ClusterConfig.builder("elect").primary(primary).replica(replica1)
        .replica(replica2)
        .dialect(dialect).listener(events).failoverChecks(CHECKS)
        .healthCheckInterval(Duration.ofHours(1)).build());
  }

  @AfterEach
  void close() {
    cluster.close();
  }

  private static FaultPlan plan(PoolConfig server) {
    return FaultDriver.plan(server.jdbcUrl());
  }

  private String writeHost() throws SQLException {
    return cluster.write(RouterTestSupport::serverOf);
  }

  private void checkWithPrimaryDown() {
    plan(primary).down().restart();
    cluster.checkNow();
    plan(primary).up();
  }

  @Test
  void aWritableReplicaDoesNotTakeWritesWhenThePrimaryFailsOneCheck() throws SQLException {
    checkWithPrimaryDown();
    assertThat(cluster.hostStats().get(0).exclusion()).isEqualTo(ExclusionReason.DOWN);
    assertThat(writeHost()).isEqualTo(keyOf(primary));

    cluster.checkNow();

    assertThat(writeHost()).isEqualTo(keyOf(primary));
    assertThat(events.events).noneMatch(e -> e.startsWith("writer"));
  }

  @Test
  void anInterruptedRunOfFailedChecksStartsOver() throws SQLException {
    for (int i = 1; i < CHECKS; i++) {
      checkWithPrimaryDown();
    }
    cluster.checkNow();
    for (int i = 1; i < CHECKS; i++) {
      checkWithPrimaryDown();
    }

    assertThat(writeHost()).isEqualTo(keyOf(primary));
    assertThat(events.events).noneMatch(e -> e.startsWith("writer"));
  }

  @Test
  void writesMoveWhenEnoughConsecutiveChecksAgreeAndStayThere() throws SQLException {
    for (int i = 1; i < CHECKS; i++) {
      checkWithPrimaryDown();
      assertThat(writeHost()).as("after %d failed checks", i).isEqualTo(keyOf(primary));
    }
    plan(primary).down().restart();
    cluster.checkNow();

    assertThat(writeHost()).isEqualTo(keyOf(replica1));
    assertThat(events.events).containsOnlyOnce("writer elect-primary -> elect-replica-1");

    // the old primary comes back writable: the host that took over keeps the writes
    plan(primary).up();
    for (int i = 0; i < CHECKS + 1; i++) {
      cluster.checkNow();
    }
    assertThat(writeHost()).isEqualTo(keyOf(replica1));
  }

  @Test
  void aReadOnlyReplicaIsNeverACandidate() throws SQLException {
    dialect.role(replica1, ServerRole.REPLICA);
    for (int i = 0; i < CHECKS + 1; i++) {
      checkWithPrimaryDown();
    }

    assertThat(writeHost()).isEqualTo(keyOf(primary));
  }
}
