package io.cenote.pool;

import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.net.NetworkFaultProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool behind a network fault proxy in front of the real PostgreSQL primary. */
class PostgresNetworkFaultIT {

  private DatabaseTarget pg;
  private NetworkFaultProxy proxy;
  private String application;
  private NetworkFaultScenarios scenarios;

  @BeforeEach
  void startProxy(@Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.PRIMARY)
      DatabaseTarget target) {
    pg = target;
    proxy = NetworkFaultProxy.forJdbcUrl("pg", pg.jdbcUrl());
    application = PoolItSupport.uniqueName("cenote_net");
    scenarios = new NetworkFaultScenarios("PostgresNetworkFaultIT",
        () -> PoolItSupport.pgSessions(pg, application), "SELECT 1");
  }

  @AfterEach
  void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  /** The shared PostgreSQL settings, with the URL rewritten to go through the proxy. */
  private PoolConfig.Builder config() {
    return PoolItSupport.postgres(pg, application).poolName(application)
        .jdbcUrl(proxy.rewrite(pg.jdbcUrl())).driverProperty("socketTimeout", "2");
  }

  @Test
  void aBlackHoleOnAWarmPoolIsAnsweredWithinTheAcquireTimeout() throws Exception {
    scenarios.blackHoleOnAWarmPool(config(), proxy);
  }

  @Test
  void chaosOfCutsRefusalsLatencyAndBlackHolesKeepsEveryInvariant() throws Exception {
    scenarios.chaos(config(), proxy);
  }
}
