package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.awaitTotal;
import static io.cenote.pool.PoolTestSupport.stubConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.testkit.fault.FaultDriver;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The view of a pool that observes and controls it but can neither lend nor close. */
class PoolControlTest {

  @Test
  void theViewOffersNoWayToBorrowOrToClose() {
    assertThat(AutoCloseable.class.isAssignableFrom(PoolControl.class)).isFalse();
    for (Method m : PoolControl.class.getMethods()) {
      assertThat(m.getName()).as("method of PoolControl")
          .isNotIn("getConnection", "acquire", "close", "unwrap");
      assertThat(m.getReturnType()).as(m.getName() + " returns")
          .isNotIn(Connection.class, ResourcePool.Lease.class, ConnectionPool.class,
              ResourcePool.class);
    }
  }

  @Test
  void aConnectionPoolIsObservedAndControlledThroughTheView() throws SQLException {
    PoolConfig config = stubConfig("control-view", FaultDriver.uniqueStubUrl()).maxSize(2)
        .minIdle(2).build();
    try (ConnectionPool pool = ConnectionPool.create(config)) {
      PoolControl control = pool.control();
      awaitTotal(pool, 2);

      try (Connection c = pool.getConnection()) {
        assertThat(c.isValid(1)).isTrue();
        assertThat(control.activeCount()).isEqualTo(1);
        control.resize(1, 3, 1);
        assertThat(control.capacity()).isEqualTo(4);
        assertThat(control.stats().active()).isEqualTo(1);
      }
      control.suspend();
      assertThat(control.stats().suspended()).isTrue();
      control.resume();

      assertThat(control.poolName()).isEqualTo(config.poolName());
      assertThat(control.config()).isSameAs(config);
      assertThat(control.health().status()).isEqualTo(HealthStatus.UP);
      assertThat(control.isClosed()).isFalse();
    }
  }

  @Test
  void theViewAnOwnerHandsOutCannotBeCastBackIntoThePool() {
    PoolConfig config = stubConfig("control-cast", FaultDriver.uniqueStubUrl()).build();
    ConnectionPool pool = ConnectionPool.create(config);
    PoolControl control = pool.control();

    assertThat(control).isNotInstanceOf(DataSource.class)
        .isNotInstanceOf(AutoCloseable.class).isNotInstanceOf(ConnectionPool.class);
    assertThat(pool.control()).isSameAs(control);
    pool.close();
    assertThat(control.isClosed()).isTrue();
  }

  @Test
  void aResourcePoolOffersItsConfigurationToo() {
    PoolConfig config = PoolConfig.builder().poolName(PoolTestSupport.uniqueName("control-view"))
        .registerMbean(false).maxSize(1).minIdle(1).build();
    try (ResourcePool<ResourcePoolTest.Resource> pool =
        ResourcePool.create(config, new ResourcePoolTest.Factory())) {
      PoolControl control = pool;

      assertThat(control.config()).isSameAs(config);
      assertThat(control.capacity()).isEqualTo(1);
    }
  }

  @Test
  void aClosedPoolSaysSo() {
    ConnectionPool pool = ConnectionPool.create(
        stubConfig("control-view", FaultDriver.uniqueStubUrl()).build());
    PoolControl control = pool;

    pool.close();

    assertThat(control.isClosed()).isTrue();
    assertThat(Arrays.asList(control.activeCount(), control.waitingCount())).containsOnly(0);
  }
}
