package io.cenote.resilience;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.fault.FaultDriver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared helpers: stub pools and a recording listener. */
final class TestSupport {

  private TestSupport() {}

  /** A small pool over its own stub server; borrows time out after 100 ms. */
  static PoolConfig.Builder stub(String name) {
    return PoolConfig.builder().poolName(name).jdbcUrl(FaultDriver.uniqueStubUrl())
        .minIdle(0).maxSize(4).acquireTimeout(Duration.ofMillis(100))
        .initializationFailTimeout(Duration.ofSeconds(-1)).registerMbean(false)
        .shutdownGracePeriod(Duration.ofMillis(100));
  }

  /** Runs {@code SELECT 1}. */
  static int selectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Records events as short strings. */
  static final class Recorder implements ResilienceListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onStateTransition(String host, BreakerState from, BreakerState to) {
      events.add(host + " " + from + "->" + to);
    }

    @Override
    public void onRetry(String host, int attempt, Duration wait, SQLException error) {
      events.add(host + " retry " + attempt + " " + error.getSQLState());
    }

    @Override
    public void onRetrySucceeded(String host, int attempts) {
      events.add(host + " succeeded after " + attempts);
    }

    @Override
    public void onFailFast(String host, BreakerState state) {
      events.add(host + " fail-fast " + state);
    }

    @Override
    public void onFallback(String host) {
      events.add(host + " fallback");
    }

    @Override
    public void onUnknownCommitOutcome(String host, SQLException error) {
      events.add(host + " unknown commit " + error.getSQLState());
    }

    long count(String prefix) {
      return events.stream().filter(e -> e.startsWith(prefix)).count();
    }
  }
}
