package io.cenote.router;

import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolConfig;
import io.cenote.router.RouterTestSupport.ScriptedDialect;
import io.cenote.testkit.TestDataSource;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The router never calls out while it holds its lock: a pool whose eviction blocks on closing a
 * connection while a replica is being re-admitted does not keep another thread from excluding
 * another replica. (The breaker guard asked at re-admission only reads a breaker's state.) Such
 * an exclusion takes microseconds; the test allows seconds, so only a lock held across the
 * blocked call can make it fail.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RouterLockTest {

  /** How long an exclusion may take while the other thread is blocked. */
  private static final long EXCLUSION_SECONDS = 10;

  private final ScriptedDialect dialect = new ScriptedDialect();
  private final CountDownLatch blocked = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean armed;
  private Cluster cluster;
  private Thread checker;

  @AfterEach
  void close() throws InterruptedException {
    release.countDown();
    if (checker != null) {
      checker.join(30_000);
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Replica 1's role stays UNKNOWN (it may have no URL to script it by): not a candidate. */
  private Cluster start(PoolConfig primary, PoolConfig replica1, PoolConfig replica2) {
    dialect.role(primary, ServerRole.PRIMARY).role(replica2, ServerRole.REPLICA);
    cluster = Cluster.start(ClusterConfig.builder("locks").primary(primary).replica(replica1)
        .replica(replica2)
        .dialect(dialect).healthCheckInterval(Duration.ofHours(1)).build());
    return cluster;
  }

  /** Takes a replica down for one check, so the next passing check re-admits it. */
  private void excludeForOneCheck(FaultPlan server) {
    server.down().restart();
    cluster.checkNow();
    assertThat(cluster.hostStats().get(1).exclusion()).isEqualTo(ExclusionReason.DOWN);
    server.up();
  }

  /** Starts a check that re-admits replica 1 and waits until it is blocked. */
  private void readmitUntilBlocked() throws InterruptedException {
    armed = true;
    checker = new Thread(cluster::checkNow, "locks-checker");
    checker.start();
    assertThat(blocked.await(30, TimeUnit.SECONDS)).as("the re-admission blocked").isTrue();
  }

  /** Fails replica 2 under a read, from another thread, and waits for its exclusion. */
  private void replica2IsExcludedMeanwhile() throws Exception {
    CompletableFuture<Void> read = CompletableFuture.runAsync(() ->
        assertThatThrownBy(() -> cluster.read(c -> {
          throw new SQLException("connection reset", "08006");
        })).isInstanceOf(SQLException.class));
    read.get(EXCLUSION_SECONDS, TimeUnit.SECONDS);
    assertThat(cluster.hostStats().get(2).exclusion()).isEqualTo(ExclusionReason.DOWN);
    assertThat(cluster.hostStats().get(1).exclusion()).as("replica 1, its re-admission blocked")
        .isEqualTo(ExclusionReason.DOWN);
  }

  @Test
  void aPoolIsEvictedOutsideTheRoutersLock() throws Exception {
    BlockingCloseDataSource source = new BlockingCloseDataSource(FaultDriver.uniqueStubUrl());
    PoolConfig replica1 = PoolConfig.builder().poolName("locks-replica-1").dataSource(source)
        .minIdle(1).maxSize(2).acquireTimeout(Duration.ofMillis(300)).registerMbean(false)
        .build();
    start(stub("locks-primary"), replica1, stub("locks-replica-2"));
    excludeForOneCheck(FaultDriver.plan(source.url));

    readmitUntilBlocked(); // re-admission evicts the pool: closing its idle connection blocks

    replica2IsExcludedMeanwhile();
  }

  private void awaitRelease() {
    blocked.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stub connections whose {@code close()} blocks until the test ends once it is armed. */
  private final class BlockingCloseDataSource extends TestDataSource {
    final String url;

    BlockingCloseDataSource(String url) {
      this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection real = DriverManager.getConnection(url);
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("close") && armed) {
              awaitRelease();
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("no credentials for stubs");
    }

  }
}
