package io.cenote.router;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link ReplicaPairTests} on the PostgreSQL primary and its streaming replica: how to tell
 * them apart, the driver's timeouts, and when the replica serves (hot standby answers).
 */
abstract class PostgresPairTests extends ReplicaPairTests {

  static final String IN_RECOVERY = "SELECT pg_is_in_recovery()";

  @BeforeEach
  void setUp(@Database(engine = DatabaseEngine.POSTGRESQL) DatabaseTarget p,
      @Database(engine = DatabaseEngine.POSTGRESQL, role = DatabaseRole.REPLICA)
          DatabaseTarget r) throws SQLException {
    useServers(p, r);
  }

  @Override
  String roleQuery() {
    return IN_RECOVERY;
  }

  @Override
  String onReplica() {
    return "t";
  }

  @Override
  String onPrimary() {
    return "f";
  }

  @Override
  PoolConfig.Builder withDriverTimeouts(PoolConfig.Builder builder) {
    return builder.driverProperty("connectTimeout", "2").driverProperty("socketTimeout", "10");
  }

  @Override
  boolean servesAsReplica(Connection c) throws SQLException {
    return "t".equals(query(c, IN_RECOVERY));
  }

  @Override
  Map<String, String> probeTimeouts() {
    return Map.of("connectTimeout", "1", "socketTimeout", "2");
  }
}
