package io.cenote.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RoutingWorkloadTest {

  @Test
  void connectionFailuresAreClassEightAnywhereInTheChain() {
    SQLException reset = new SQLException("connection reset", "08006");
    SQLException wrapped = new SQLException("read failed", "HY000", reset);

    assertThat(RoutingWorkload.isConnectionFailure(reset)).isTrue();
    assertThat(RoutingWorkload.isConnectionFailure(wrapped)).isTrue();
  }

  @Test
  void statementFailuresAreNot() {
    assertThat(RoutingWorkload.isConnectionFailure(new SQLException("no such table", "42000")))
        .isFalse();
    assertThat(RoutingWorkload.isConnectionFailure(new SQLException("no state"))).isFalse();
  }
}
