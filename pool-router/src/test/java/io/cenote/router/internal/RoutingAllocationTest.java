package io.cenote.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import io.cenote.router.ClusterConfig;
import io.cenote.router.DatabaseType;
import io.cenote.router.Strategy;
import io.cenote.testkit.AllocationCounter;
import io.cenote.testkit.fault.FaultDriver;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A routing decision allocates nothing: the thread's allocated-bytes counter does not move over
 * 100,000 decisions once the code is warm. Measured for every strategy, with read-your-writes
 * on, so the session look-up and the ticker are on the path too.
 */
class RoutingAllocationTest {

  private static PoolConfig stub(String name) {
    return PoolConfig.builder().poolName(name).jdbcUrl(FaultDriver.uniqueStubUrl())
        .minIdle(1).maxSize(2).registerMbean(false).build();
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void aDecisionAllocatesNothing(Strategy strategy) throws SQLException {
    AllocationCounter threads = AllocationCounter.forCurrentThread();
    ClusterConfig config = ClusterConfig.builder("alloc-" + strategy)
        .primary(stub("alloc-primary-" + strategy))
        .replica(stub("alloc-r1-" + strategy)).replica(stub("alloc-r2-" + strategy))
        .replica(stub("alloc-r3-" + strategy))
        .databaseType(DatabaseType.SQLITE).strategy(strategy)
        .healthCheckInterval(Duration.ofHours(1)).build();
    try (ClusterCore core = ClusterCore.start(config)) {
      Router router = core.router();
      SessionState session = core.session(null);
      int sink = 0;
      for (int round = 0; round < 20; round++) {
        sink += decide(router, session, 100_000);
      }
      long before = threads.allocatedBytes();
      sink += decide(router, session, 100_000);
      long allocated = threads.allocatedBytes() - before;

      assertThat(sink).isPositive();
      assertThat(allocated).as("bytes allocated by 100,000 routing decisions").isLessThan(1024);
    }
  }

  private static int decide(Router router, SessionState session, int times) throws SQLException {
    int sum = 0;
    for (int i = 0; i < times; i++) {
      sum += router.chooseRead(session).capacity();
    }
    return sum;
  }
}
