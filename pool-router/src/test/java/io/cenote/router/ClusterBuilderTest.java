package io.cenote.router;

import static io.cenote.router.RouterTestSupport.stub;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every rejected setting names the property and the bad value. */
class ClusterBuilderTest {

  private final ClusterConfig.Builder builder = ClusterConfig.builder("orders");

  @Test
  void durationsMustBePositive() {
    assertThatThrownBy(() -> builder.healthCheckInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("healthCheckInterval must be > 0, but was PT0S");
    assertThatThrownBy(() -> builder.healthCheckTimeout(Duration.ofMillis(-1)))
        .hasMessage("healthCheckTimeout must be > 0, but was PT-0.001S");
    assertThatThrownBy(() -> builder.maxReplicationLag(Duration.ZERO))
        .hasMessage("maxReplicationLag must be > 0, but was PT0S");
    assertThatThrownBy(() -> builder.readYourWritesWindow(Duration.ofSeconds(-1)))
        .hasMessage("readYourWritesWindow must be >= 0, but was PT-1S");
    assertThatThrownBy(() -> builder.maxReplicationLagBytes(-5))
        .hasMessage("maxReplicationLagBytes must be >= 0, but was -5");
  }

  @Test
  void failoverNeedsAtLeastOneCheck() {
    assertThatThrownBy(() -> builder.failoverChecks(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failoverChecks must be >= 1, but was 0");
  }

  @Test
  void theNameIsChecked() {
    assertThatThrownBy(() -> ClusterConfig.builder("my orders"))
        .hasMessage("name must be letters, digits, '.', '_' or '-', but was 'my orders'");
    assertThatThrownBy(() -> ClusterConfig.builder(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aPrimaryIsRequired() {
    assertThatThrownBy(builder::build)
        .hasMessage("primary must be set for cluster 'orders', but was not");
  }

  @Test
  void poolNamesMustDiffer() {
    PoolConfig a = stub("same");
    assertThatThrownBy(() -> builder.primary(a).replica(stub("same"))
        .databaseType(DatabaseType.SQLITE).build())
        .hasMessage("pool name 'same' is used twice in cluster 'orders'");
  }

  @Test
  void theTypeOfAStubCannotBeDetected() {
    assertThatThrownBy(() -> builder.primary(stub("p")).build())
        .hasMessageStartingWith("cannot tell the database type of jdbcUrl 'jdbc:cenote-fault:stub:");
  }

  @Test
  void hostsMustShareTheirType() {
    PoolConfig pg = PoolConfig.builder().poolName("pg")
        .jdbcUrl("jdbc:postgresql://127.0.0.1:5432/appdb?password=secret").build();
    PoolConfig maria = PoolConfig.builder().poolName("maria")
        .jdbcUrl("jdbc:mysql://app:secret@127.0.0.1:3307/appdb").build();
    assertThatThrownBy(() -> builder.primary(pg).replica(maria).build())
        .hasMessage("replica pool 'maria' (jdbc:mysql://app:****@127.0.0.1:3307/appdb) is MYSQL"
            + " but primary pool 'pg' of cluster 'orders' is POSTGRESQL");
  }

  @Test
  void describingLooksUpNoDriverButStartingNamesAMissingOneMasked() {
    PoolConfig oracle = PoolConfig.builder().poolName("ora")
        .jdbcUrl("jdbc:oracle:thin:scott/tiger@//db:1521/orcl").build();
    ClusterConfig config = builder.primary(oracle).build(); // no driver needed to describe

    assertThatThrownBy(() -> Cluster.start(config))
        .hasMessage("no JDBC driver accepts jdbcUrl 'jdbc:oracle:thin:scott/****@//db:1521/orcl'"
            + " of pool 'ora' of cluster 'orders': put oracle.jdbc.OracleDriver on the class"
            + " path");
  }
}
