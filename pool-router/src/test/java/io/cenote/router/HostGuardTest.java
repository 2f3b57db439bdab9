package io.cenote.router;

import static io.cenote.router.RouterTestSupport.keyOf;
import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolConfig;
import io.cenote.router.RouterTestSupport.ScriptedDialect;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultTrigger;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link HostGuard} extension point: admission, refused borrows, reported outcomes. */
class HostGuardTest {

  private final PoolConfig primary = stub("guard-primary");
  private final PoolConfig replica1 = stub("guard-replica-1");
  private final PoolConfig replica2 = stub("guard-replica-2");
  private final ScriptedDialect dialect = new ScriptedDialect();
  private final TestGuard guard = new TestGuard();
  private Cluster cluster;

  @BeforeEach
  void start() {
    dialect.role(primary, ServerRole.PRIMARY).role(replica1, ServerRole.REPLICA)
        .role(replica2, ServerRole.REPLICA);
    cluster = Cluster.builder("guarded").primary(primary).replica(replica1).replica(replica2)
        .dialect(dialect).healthCheckInterval(Duration.ofHours(1)).build();
    cluster.installHostGuard(guard);
  }

  @AfterEach
  void close() {
    cluster.close();
  }

  @Test
  void aRefusedReplicaIsExcludedUntilTheGuardAdmitsItAgain() throws SQLException {
    guard.closed.add("guard-replica-1");
    cluster.reconsiderHosts();

    assertThat(cluster.hostStats().get(1).exclusion()).isEqualTo(ExclusionReason.CIRCUIT_OPEN);
    for (int i = 0; i < 10; i++) {
      assertThat(cluster.read(RouterTestSupport::serverOf)).isEqualTo(keyOf(replica2));
    }
    cluster.checkNow(); // a passing health check does not override the guard
    assertThat(cluster.hostStats().get(1).exclusion()).isEqualTo(ExclusionReason.CIRCUIT_OPEN);

    guard.closed.remove("guard-replica-1");
    cluster.reconsiderHosts();

    assertThat(cluster.hostStats().get(1).healthy()).isTrue();
    assertThat(cluster.eligibleReplicas().size()).isEqualTo(2);
  }

  @Test
  void aReplicaRefusedAtBorrowTimeIsSkippedWithoutCallingItsPool() throws SQLException {
    guard.refuse.add("guard-replica-1");
    guard.refuse.add("guard-replica-2");

    assertThat(cluster.read(RouterTestSupport::serverOf)).isEqualTo(keyOf(primary));
    assertThat(cluster.hostStats()).extracting(HostStats::exclusion)
        .containsExactly(null, ExclusionReason.CIRCUIT_OPEN, ExclusionReason.CIRCUIT_OPEN);
    assertThat(cluster.hostStats().get(1).readsRouted()).isZero();
    assertThat(guard.borrows).containsExactly("guard-primary ok");
  }

  @Test
  void aRefusedPrimaryFailsWritesWithTheGuardsException() {
    guard.refuse.add("guard-primary");

    assertThatThrownBy(() -> cluster.write(RouterTestSupport::serverOf))
        .isInstanceOf(SQLTransientConnectionException.class).hasMessage("refused guard-primary");
    assertThat(guard.borrows).isEmpty();
  }

  @Test
  void borrowAndWorkOutcomesAreReported() throws SQLException {
    FaultDriver.plan(primary.jdbcUrl()).failStatements(FaultTrigger.once(), "08006", "gone");

    assertThatThrownBy(() -> cluster.write(RouterTestSupport::queryServer))
        .isInstanceOf(SQLException.class);
    cluster.read(RouterTestSupport::serverOf);

    assertThat(guard.borrows).hasSize(2).first().isEqualTo("guard-primary ok");
    assertThat(guard.work).containsExactly("guard-primary 08006");
  }

  @Test
  void onlyOneGuardPerCluster() {
    assertThatThrownBy(() -> cluster.installHostGuard(new TestGuard()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has a host guard");
  }

  /** Admits hosts not in {@code closed}, refuses borrows from hosts in {@code refuse}. */
  private static final class TestGuard implements HostGuard {
    final Set<String> closed = ConcurrentHashMap.newKeySet();
    final Set<String> refuse = ConcurrentHashMap.newKeySet();
    final List<String> borrows = new CopyOnWriteArrayList<>();
    final List<String> work = new CopyOnWriteArrayList<>();

    @Override
    public boolean admits(String host) {
      return !closed.contains(host);
    }

    @Override
    public void beforeBorrow(String host) throws SQLException {
      if (refuse.contains(host)) {
        throw new SQLTransientConnectionException("refused " + host, "08001");
      }
    }

    @Override
    public void afterBorrow(String host, long nanos, SQLException error) {
      borrows.add(host + (error == null ? " ok" : " " + error.getSQLState()));
    }

    @Override
    public void workFailed(String host, SQLException error) {
      work.add(host + " " + error.getSQLState());
    }
  }
}
