package io.cenote.pool;

import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.db.Sql;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Shared pieces of the real-database integration tests of pool-core: a hand-driven ticker, a
 * listener that records events, polling, and counting a pool's sessions on the server.
 */
final class PoolItSupport {

  /** Backends exit asynchronously after a client closes its socket; this bounds the wait. */
  static final Duration SERVER_CATCH_UP = Duration.ofSeconds(10);

  private PoolItSupport() {}

  /**
   * Returns a name unique to this run, safe as an SQL identifier and as an application name.
   *
   * @param prefix a lower-case prefix
   * @return {@code prefix_} followed by 10 hex digits
   */
  static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
        .toLowerCase(Locale.ROOT);
  }

  /**
   * Returns a builder for a PostgreSQL pool whose sessions carry the given application name, so
   * {@code pg_stat_activity} can count them, with short driver timeouts so nothing hangs.
   */
  static PoolConfig.Builder postgres(DatabaseTarget pg, String applicationName) {
    return PoolConfig.builder()
        .poolName(applicationName)
        .jdbcUrl(pg.jdbcUrl())
        .username(pg.user())
        .password(pg.password())
        .driverProperty("ApplicationName", applicationName)
        .driverProperty("connectTimeout", "2")
        .driverProperty("loginTimeout", "2")
        .driverProperty("socketTimeout", "10")
        .registerMbean(false);
  }

  /** Counts the server sessions whose {@code application_name} is the given one. */
  static long pgSessions(DatabaseTarget pg, String applicationName) throws SQLException {
    return Sql.queryLong(pg,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", applicationName);
  }

  /** Waits until the server shows exactly {@code expected} sessions with the application name. */
  static void awaitPgSessions(DatabaseTarget pg, String applicationName, long expected)
      throws Exception {
    await("pg_stat_activity shows " + expected + " sessions of " + applicationName,
        SERVER_CATCH_UP, () -> pgSessions(pg, applicationName) == expected);
  }

  /**
   * Polls a condition every 20 ms.
   *
   * @throws AssertionError when it does not hold within the timeout
   */
  static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  static long millisSince(long startNanos, long endNanos) {
    return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
  }

  /** One {@code onLeakSuspected} event. */
  record Leak(long connectionId, long heldNanos, Throwable borrowSite) {}


  /** Records the events the tests assert on; safe to call from any pool thread. */
  static final class RecordingListener implements PoolListener {

    record Closed(long connectionId, CloseReason reason) {}

    final List<Long> connects = new CopyOnWriteArrayList<>();
    final List<Closed> closes = new CopyOnWriteArrayList<>();
    final List<Long> invalidated = new CopyOnWriteArrayList<>();
    final List<Leak> leaks = new CopyOnWriteArrayList<>();
    final List<Long> acquireTimeouts = new CopyOnWriteArrayList<>();
    final List<Throwable> connectFailures = new CopyOnWriteArrayList<>();

    @Override
    public void onConnect(String poolName, long connectionId, long elapsedNanos) {
      connects.add(connectionId);
    }

    @Override
    public void onConnectFailure(String poolName, Throwable cause) {
      connectFailures.add(cause);
    }

    @Override
    public void onClose(String poolName, long connectionId, CloseReason reason) {
      closes.add(new Closed(connectionId, reason));
    }

    @Override
    public void onInvalidate(String poolName, long connectionId) {
      invalidated.add(connectionId);
    }

    @Override
    public void onLeakSuspected(String poolName, long connectionId, long heldNanos,
        Throwable borrowSite) {
      leaks.add(new Leak(connectionId, heldNanos, borrowSite));
    }

    @Override
    public void onAcquireTimeout(String poolName, long waitedNanos) {
      acquireTimeouts.add(waitedNanos);
    }

    List<Long> closedWith(CloseReason reason) {
      return closes.stream().filter(c -> c.reason() == reason).map(Closed::connectionId)
          .toList();
    }
  }
}
