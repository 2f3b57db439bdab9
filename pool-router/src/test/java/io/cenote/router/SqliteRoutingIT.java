package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.db.TempSqliteDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A SQLite cluster: one writer connection to a file, and read-only connections to the same
 * file as the "replica". SQLite has no roles and no lag, so the health check only validates.
 */
class SqliteRoutingIT {

  private static long count(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void writesGoToTheWriterAndReadsToReadOnlyConnections(@TempSqliteDatabase String url)
      throws SQLException {
    PoolConfig writer = PoolConfig.builder().poolName("cache-writer").jdbcUrl(url)
        .maxSize(1).registerMbean(false).build();
    PoolConfig reader = PoolConfig.builder().poolName("cache-reader").jdbcUrl(url + "?open_mode=1")
        .maxSize(4).readOnly(true).registerMbean(false).build();
    try (PoolManager manager = new PoolManager()) {
      Cluster cache = manager.register(Cluster.start(ClusterConfig.builder("cache").primary(writer)
          .replica(reader)
          .build()));

      cache.write(c -> {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY)");
          return s.executeUpdate("INSERT INTO t VALUES (1), (2)");
        }
      });

      assertThat(cache.dialect()).isSameAs(DatabaseType.SQLITE.dialect());
      long rows = cache.read(SqliteRoutingIT::count);
      assertThat(rows).isEqualTo(2L);
      assertThat(cache.hostStats().get(1).readsRouted()).isEqualTo(1);
      assertThat(cache.hostStats().get(1).healthy()).isTrue();
      assertThatThrownBy(() -> cache.read(c -> {
        try (Statement s = c.createStatement()) {
          return s.executeUpdate("INSERT INTO t VALUES (3)");
        }
      })).isInstanceOf(SQLException.class).hasMessageContaining("readonly");
      assertThat(manager.stats()).containsOnlyKeys("cache-writer", "cache-reader");
    }
  }
}
