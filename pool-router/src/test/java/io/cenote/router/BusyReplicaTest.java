package io.cenote.router;

import static io.cenote.router.RouterTestSupport.keyOf;
import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cenote.pool.AcquireTimeoutException;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.router.RouterTestSupport.ScriptedDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A saturated replica is busy, not down: a read whose borrow timed out there because every
 * connection was lent goes to another replica (or the primary) and the replica stays eligible,
 * its pool untouched. Needs a pool-core whose acquire timeouts say why
 * ({@link AcquireTimeoutException}); {@code FailuresTest} covers the classification alone.
 */
class BusyReplicaTest {

  private final PoolConfig primary = stub("busy-primary");
  private final PoolConfig replica1 = single("busy-replica-1");
  private final PoolConfig replica2 = single("busy-replica-2");
  private final ScriptedDialect dialect = new ScriptedDialect();
  private Cluster cluster;
  private Connection held;

  @BeforeAll
  static void poolCoreTellsBusyFromDown() {
    assumeTrue(acquireTimeoutsCarryAReason(), "the installed pool-core throws a plain"
        + " SQLTransientConnectionException on acquire timeouts, not AcquireTimeoutException");
  }

  @AfterEach
  void close() throws SQLException {
    if (held != null) {
      held.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A replica pool of one connection whose borrows give up quickly. */
  private static PoolConfig single(String name) {
    return stub(name).toBuilder().minIdle(1).maxSize(1).acquireTimeout(Duration.ofMillis(100))
        .build();
  }

  private static boolean acquireTimeoutsCarryAReason() {
    PoolConfig config = single("busy-probe").toBuilder().acquireTimeout(Duration.ofMillis(20))
        .build();
    try (ConnectionPool pool = ConnectionPool.create(config)) {
      Connection only = pool.getConnection();
      try {
        pool.getConnection().close();
        return false;
      } finally {
        only.close();
      }
    } catch (AcquireTimeoutException e) {
      return e.reason() == AcquireTimeoutException.Reason.EXHAUSTED;
    } catch (SQLException e) {
      return false;
    }
  }

  private Cluster start(ClusterConfig.Builder builder) throws SQLException {
    dialect.role(primary, ServerRole.PRIMARY).role(replica1, ServerRole.REPLICA)
        .role(replica2, ServerRole.REPLICA);
    cluster = Cluster.start(builder.primary(primary).dialect(dialect)
        .healthCheckInterval(Duration.ofHours(1))
        .build());
    held = RouterTestSupport.holdReads(cluster, replica1, 1).get(0); // replica 1's only one
    return cluster;
  }

  @Test
  void readsMoveOnFromASaturatedReplicaWithoutExcludingIt() throws SQLException {
    start(ClusterConfig.builder("busy").replica(replica1).replica(replica2));
    long created = cluster.pools().get(1).stats().created();

    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      seen.add(cluster.read(RouterTestSupport::serverOf));
    }

    assertThat(seen).containsExactly(keyOf(replica2));
    assertThat(cluster.hostStats().get(1).healthy()).isTrue();
    assertThat(cluster.hostStats().get(1).exclusions()).isZero();
    held.close();
    held = null;
    cluster.checkNow();
    for (int i = 0; i < 6; i++) {
      seen.add(cluster.read(RouterTestSupport::serverOf));
    }
    assertThat(seen).contains(keyOf(replica1));
    assertThat(cluster.pools().get(1).stats().created()).as("replica 1's pool was not evicted")
        .isEqualTo(created);
  }

  @Test
  void aReadOnASaturatedSoleReplicaFallsBackToThePrimary() throws SQLException {
    start(ClusterConfig.builder("busy-sole").replica(replica1));

    assertThat(cluster.read(RouterTestSupport::serverOf)).isEqualTo(keyOf(primary));
    assertThat(cluster.hostStats().get(1).healthy()).isTrue();
    assertThat(cluster.hostStats().get(0).fallbacks()).isEqualTo(1);
  }

  @Test
  void underFailFastASaturatedSoleReplicaFailsTheReadWithThePoolsTimeout()
      throws SQLException {
    start(ClusterConfig.builder("busy-ff").replica(replica1)
        .noReplicaPolicy(NoReplicaPolicy.FAIL_FAST));

    assertThatThrownBy(() -> cluster.read(RouterTestSupport::serverOf))
        .isInstanceOf(AcquireTimeoutException.class);
    assertThat(cluster.hostStats().get(1).healthy()).isTrue();
  }
}
