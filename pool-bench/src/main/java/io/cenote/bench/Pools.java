package io.cenote.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import io.cenote.testkit.fault.FaultDriver;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Opens the pools under comparison with identical settings: same URL, size (minIdle = maxSize),
 * auto-commit off, pre-ping with a 500 ms bypass window (HikariCP's built-in default), leak
 * detection off, no JMX.
 */
final class Pools {

  /** The stub database of the fault driver: costs almost nothing per call. */
  static final String STUB_URL = FaultDriver.stubUrl("bench");

  private Pools() {}

  static DataSource open(String kind, String url, Properties credentials, int maxSize) {
    FaultDriver.register();
    switch (kind) {
      case "cenote":
        PoolConfig.Builder b = PoolConfig.builder()
            .poolName("bench-cenote")
            .jdbcUrl(url)
            .maxSize(maxSize)
            .minIdle(maxSize)
            .autoCommit(false)
            .validateOnBorrow(true)
            .validationBypassWindow(Duration.ofMillis(500))
            .acquireTimeout(Duration.ofSeconds(30))
            .registerMbean(false);
        for (String name : credentials.stringPropertyNames()) {
          b.driverProperty(name, credentials.getProperty(name));
        }
        return ConnectionPool.create(b.build());
      case "hikari":
        HikariConfig h = new HikariConfig();
        h.setPoolName("bench-hikari");
        h.setJdbcUrl(url);
        h.setMaximumPoolSize(maxSize);
        h.setMinimumIdle(maxSize);
        h.setAutoCommit(false);
        h.setConnectionTimeout(30_000);
        h.setDataSourceProperties(credentials);
        return new HikariDataSource(h);
      default:
        throw new IllegalArgumentException("pool must be cenote or hikari, but was " + kind);
    }
  }

  static DataSource openStub(String kind, int maxSize) {
    return open(kind, STUB_URL, new Properties(), maxSize);
  }

  static void close(DataSource ds) {
    if (ds instanceof AutoCloseable) {
      try {
        ((AutoCloseable) ds).close();
      } catch (Exception e) {
        throw new IllegalStateException("closing " + ds + " failed", e);
      }
    }
  }
}
