package io.cenote.router;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.db.Database;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
  PoolConfig.Builder labelled(PoolConfig.Builder builder, String label) {
    return builder.driverProperty("ApplicationName", label);
  }

  /**
   * Every check of the primary ends with the position query, so the {@code query_start} of the
   * labelled session running it moves at each check.
   */
  @Override
  List<Long> primaryCheckTimes(String label, long millis) throws Exception {
    Set<Long> seen = new HashSet<>();
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() - end < 0) {
      long at = Sql.queryLong(primary, "SELECT COALESCE((extract(epoch FROM max(query_start))"
          + " * 1000)::bigint, 0) FROM pg_stat_activity WHERE application_name = ? AND query"
          + " LIKE '%pg_current_wal_lsn%'", label);
      if (at > 0) {
        seen.add(at);
      }
      Thread.sleep(50);
    }
    List<Long> times = new ArrayList<>(seen);
    times.sort(null);
    return times;
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
