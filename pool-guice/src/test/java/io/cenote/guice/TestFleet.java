package io.cenote.guice;

import com.google.inject.BindingAnnotation;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import io.cenote.pool.PoolControl;
import io.cenote.router.PoolManager;
import io.cenote.testkit.CenoteThreads;
import io.cenote.testkit.Polling;
import jakarta.inject.Qualifier;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * The fleet of the unit tests, on SQLite files in a test's directory: clusters {@code alpha}
 * and {@code orders} (a writer and a read-only reader of one file each) and standalone pools
 * {@code cache} and {@code sessions}. So it starts in the order alpha, orders, cache, sessions.
 */
final class TestFleet {

  /** Every member, in start order. */
  static final List<String> START_ORDER = List.of("alpha", "orders", "cache", "sessions");
  /** Every cluster and pool name whose threads are Cenote's. */
  static final List<String> THREAD_OWNERS = List.of("alpha", "orders", "cache", "sessions",
      "billing");
  /**
   * How long Cenote's threads may take to end once a fleet closed or failed to start. They end
   * at once when the code works; the bound is for a loaded 2-core machine.
   */
  static final Duration CLEANUP_BOUND = Duration.ofSeconds(30);
  /** Short, so a start that cannot open a pool fails fast. */
  static final String INITIALIZATION_FAIL_TIMEOUT = "300ms";

  static final TypeLiteral<List<PoolControl>> POOLS = new TypeLiteral<>() {};

  /** An application's own qualifier for the orders cluster. */
  @Qualifier
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
  @interface OrdersDb {}

  /** A Guice binding annotation for the cache pool. */
  @BindingAnnotation
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
  @interface CacheDb {}

  private TestFleet() {}

  /**
   * @param dir where the SQLite files go; the cluster files are created, so that their
   *     read-only readers find them, the pools' are not, so that a test can see whether a pool
   *     opened
   * @return the fleet's properties
   */
  static Properties sqlite(Path dir) throws IOException {
    Properties p = new Properties();
    p.setProperty("cenote.profile", "test");
    p.setProperty("cenote.defaults.initializationFailTimeout", INITIALIZATION_FAIL_TIMEOUT);
    for (String cluster : List.of("alpha", "orders")) {
      Path file = Files.createFile(dir.resolve(cluster + ".db"));
      String prefix = "cenote.clusters." + cluster + ".";
      p.setProperty(prefix + "primary.jdbcUrl", "jdbc:sqlite:" + file);
      p.setProperty(prefix + "replicas.r1.jdbcUrl", "jdbc:sqlite:" + file + "?open_mode=1");
      p.setProperty(prefix + "replicas.r1.readOnly", "true");
    }
    p.setProperty("cenote.pools.cache.jdbcUrl", "jdbc:sqlite:" + dir.resolve("cache.db"));
    p.setProperty("cenote.pools.sessions.jdbcUrl", "jdbc:sqlite:" + dir.resolve("sessions.db"));
    return p;
  }

  static CenoteThreads threads() {
    return new CenoteThreads(THREAD_OWNERS);
  }

  /** Waits until no Cenote thread started since the snapshot is alive. */
  static void awaitNoThread(CenoteThreads threads) {
    Polling.await("Cenote's threads end (left: " + threads.started() + ")", CLEANUP_BOUND,
        () -> threads.started().isEmpty());
  }

  static <T> Key<T> named(Class<T> type, String name) {
    return Key.get(type, Names.named(name));
  }

  static <T> Key<T> named(TypeLiteral<T> type, String name) {
    return Key.get(type, Names.named(name));
  }

  /** Every pool of every member, through the bindings. */
  static List<PoolControl> allPools(Injector injector) {
    List<PoolControl> pools = new ArrayList<>();
    for (String member : START_ORDER) {
      pools.addAll(injector.getInstance(named(POOLS, member)));
    }
    return pools;
  }

  /** Writes a row through a connection and reads the count back; proves the connection works. */
  static long writeAndCount(DataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE IF NOT EXISTS " + table + " (v TEXT)");
      s.executeUpdate("INSERT INTO " + table + " VALUES ('x')");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** A listener that records what it hears as "label:event:argument". */
  static final class Recorder implements FleetListener {
    private final String label;
    private final List<String> log;

    Recorder(String label, List<String> log) {
      this.label = label;
      this.log = log;
    }

    static List<String> log() {
      return new CopyOnWriteArrayList<>();
    }

    @Override
    public void started(PoolManager manager) {
      log.add(label + ":started");
    }

    @Override
    public void stopping(PoolManager manager) {
      log.add(label + ":stopping");
    }

    @Override
    public void memberStopped(String name) {
      log.add(label + ":memberStopped:" + name);
    }
  }
}
