package io.cenote.pool;

import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.Sql;
import io.cenote.testkit.net.NetworkFaultProxy;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool behind a network fault proxy in front of the real MariaDB primary. As in
 * {@link MariaDbPoolIT}, every connection registers its server thread id through
 * {@code connectionInitSql}, and {@code information_schema.PROCESSLIST} tells which are open.
 */
class MariaDbNetworkFaultIT {

  private DatabaseTarget maria;
  private NetworkFaultProxy proxy;
  private String table;
  private NetworkFaultScenarios scenarios;

  @BeforeEach
  void startProxy(@Database(engine = DatabaseEngine.MARIADB, role = DatabaseRole.PRIMARY)
      DatabaseTarget target) throws SQLException {
    maria = target;
    table = PoolItSupport.uniqueName("cenote_net_sessions");
    Sql.execute(maria, "CREATE TABLE " + table + " (id BIGINT NOT NULL)");
    proxy = NetworkFaultProxy.forJdbcUrl("mariadb", maria.jdbcUrl());
    scenarios = new NetworkFaultScenarios("MariaDbNetworkFaultIT", this::openSessions,
        "SELECT 1");
  }

  @AfterEach
  void stopProxyAndDropRegistry() throws SQLException {
    if (proxy != null) {
      proxy.close();
    }
    if (maria != null) {
      Sql.execute(maria, "DROP TABLE IF EXISTS " + table);
    }
  }

  private PoolConfig.Builder config() {
    return PoolConfig.builder()
        .poolName(table.replace('_', '-'))
        .jdbcUrl(proxy.rewrite(maria.jdbcUrl()))
        .username(maria.user())
        .password(maria.password())
        .driverProperty("connectTimeout", "2000")
        .driverProperty("socketTimeout", "2000")
        .connectionInitSql("INSERT INTO " + table + " (id) VALUES (CONNECTION_ID())")
        .registerMbean(false);
  }

  private long openSessions() throws SQLException {
    return Sql.queryLong(maria, "SELECT count(*) FROM information_schema.PROCESSLIST"
        + " WHERE ID IN (SELECT id FROM " + table + ")");
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
