package io.cenote.router;

import static io.cenote.router.RouterTestSupport.keyOf;
import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolControl;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LEAST_LOADED reads each replica's live gauges: load is what the pool lends and queues right
 * now, and capacity follows {@code resize()}. Before, capacity came from the configuration
 * (stale after a resize or adaptive sizing) and load from a listener the cluster injected.
 */
class LiveLoadTest {

  private final PoolConfig primary = stub("live-primary");
  private final PoolConfig replica1 = stub("live-replica-1");
  private final PoolConfig replica2 = stub("live-replica-2");
  private final List<Connection> held = new ArrayList<>();
  private Cluster cluster;

  @AfterEach
  void close() throws SQLException {
    for (Connection c : held) {
      c.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private Replica replica(String name) {
    ReplicaSet eligible = cluster.eligibleReplicas();
    for (int i = 0; i < eligible.size(); i++) {
      if (eligible.get(i).name().equals(name)) {
        return eligible.get(i);
      }
    }
    throw new AssertionError(name + " is not eligible");
  }

  @Test
  void loadAndCapacityAreThePoolsGaugesAndFollowAResize() throws SQLException {
    cluster = Cluster.start(ClusterConfig.builder("live").databaseType(DatabaseType.SQLITE)
        .healthCheckInterval(Duration.ofHours(1)).strategy(Strategy.LEAST_LOADED)
        .primary(primary).replica(replica1).replica(replica2).build());
    Replica r1 = replica("live-replica-1");
    PoolControl pool1 = cluster.pools().get(1);
    assertThat(r1.capacity()).isEqualTo(4);
    assertThat(r1.inFlight()).isZero();

    // three reads held open, one at a time: each goes to the least loaded replica
    for (int i = 0; i < 3; i++) {
      held.add(cluster.readConnection());
    }
    assertThat(r1.inFlight() + replica("live-replica-2").inFlight()).isEqualTo(3);
    assertThat(r1.inFlight()).isEqualTo(pool1.activeCount());

    // replica 1 grows to 20: it is now by far the least loaded relative to its capacity
    pool1.resize(1, 20, 0);
    assertThat(r1.capacity()).isEqualTo(20);
    for (int i = 0; i < 3; i++) { // at most 4 of 20 busy there: below any other's 1 of 4
      Connection c = cluster.readConnection();
      held.add(c);
      assertThat(RouterTestSupport.serverOf(c)).isEqualTo(keyOf(replica1));
    }
    assertThat(r1.inFlight()).isEqualTo(pool1.activeCount()).isGreaterThanOrEqualTo(4);
  }
}
