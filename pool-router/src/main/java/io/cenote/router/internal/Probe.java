package io.cenote.router.internal;

import io.cenote.pool.PoolConfig;
import io.cenote.router.Dialect;
import io.cenote.router.ReplicationLag;
import io.cenote.router.ServerRole;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One host's health-check connection, outside the host's pool (a check never takes a pool slot
 * and is never stuck behind borrowers of an exhausted pool), and the questions a check asks on
 * it, bounded as a whole by the check timeout.
 *
 * <p>Design: a check has one deadline. Connecting runs as a {@link ConnectAttempt} on a helper
 * thread, which the check waits for only until the deadline; an attempt still running then is
 * kept for the next check. One that is still running after a whole check is abandoned and a
 * fresh one started, since a partition may have swallowed its packets and healed since; at most
 * {@link #MAX_STALLED_CONNECTS} abandoned ones may still block helper threads, beyond which the
 * check waits for the newest, so a host that never answers holds at most three helper threads. The questions run with the driver's network timeout
 * set to the check timeout and under a watchdog that aborts the connection at the deadline: a
 * host whose socket accepts and then stays silent, or a driver that ignores network timeouts,
 * still ends the check at the deadline. A connection kept from an earlier check that fails (the
 * server may have dropped it while idle) is replaced once, within the same deadline; one that
 * opened too late to be asked anything is kept for the next check. Used by its host's check
 * thread; {@link #close()} may come from another thread.
 */
final class Probe implements AutoCloseable {

  /**
   * Abandoned connects that may still block a helper thread each before a check waits for the
   * newest instead of starting another: two cover a partition that heals while one hangs, and
   * the driver's login timeout (set to the check timeout) ends them soon after.
   */
  static final int MAX_STALLED_CONNECTS = 2;

  private static final int ARMED = 0;
  private static final int DISARMED = 1;
  private static final int FIRED = 2;

  private final PoolConfig config;
  private final Dialect dialect;
  private final long timeoutNanos;
  private final int timeoutMillis;
  private final Executor helpers;
  private final ScheduledExecutorService timer;
  private volatile Connection connection;
  private volatile ConnectAttempt pending;
  /** Abandoned connects whose helper thread is still blocked in the driver. */
  private final AtomicInteger stalled = new AtomicInteger();
  private volatile boolean closed;

  /**
   * Creates the probe; it connects on its first check.
   *
   * @param config the host pool's configuration: URL, credentials, driver properties
   * @param dialect the questions to ask
   * @param timeout how long one check may take
   * @param helpers runs connects and aborts
   * @param timer runs the watchdogs; its tasks must never block
   */
  Probe(PoolConfig config, Dialect dialect, Duration timeout, Executor helpers,
      ScheduledExecutorService timer) {
    this.config = config;
    this.dialect = dialect;
    this.timeoutNanos = timeout.toNanos();
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    this.helpers = helpers;
    this.timer = timer;
  }

  /**
   * Runs one check: the role, then the primary's position (for a configured primary that
   * reports itself primary) or the lag (for a configured replica that does not).
   *
   * @param primary true for the configured primary
   * @param primaryPosition the primary's latest position, for a replica's lag
   * @return what the host answered, or why it did not, within the timeout
   */
  Observation check(boolean primary, Supplier<String> primaryPosition) {
    long deadline = System.nanoTime() + timeoutNanos;
    boolean reused = connection != null;
    try {
      return ask(deadline, primary, primaryPosition);
    } catch (SQLException | RuntimeException e) {
      discard();
      if (!reused || deadline - System.nanoTime() <= 0) {
        return Observation.failed(Failures.describe(e));
      }
    }
    try {
      return ask(deadline, primary, primaryPosition);
    } catch (SQLException | RuntimeException e) {
      discard();
      return Observation.failed(Failures.describe(e));
    }
  }

  private Observation ask(long deadline, boolean primary, Supplier<String> primaryPosition)
      throws SQLException {
    Connection c = connect(deadline);
    if (deadline - System.nanoTime() <= 0) {
      // connected just too late: keep the connection, so the next check can use it at once
      return Observation.failed("connected, but no time was left to ask within " + timeoutMillis
          + " ms");
    }
    Watchdog watchdog = new Watchdog(c, deadline - System.nanoTime());
    try {
      ServerRole role = dialect.role(c);
      String position = null;
      ReplicationLag lag = null;
      if (primary && role != ServerRole.REPLICA) {
        position = dialect.primaryPosition(c);
      } else if (!primary && role != ServerRole.PRIMARY) {
        lag = dialect.lag(c, primaryPosition.get());
      }
      return new Observation(role, position, lag, null);
    } catch (SQLException | RuntimeException e) {
      if (watchdog.fired()) {
        throw new SQLTimeoutException("did not answer within " + timeoutMillis
            + " ms (the check's connection was aborted)", "08006", e);
      }
      throw e;
    } finally {
      if (!watchdog.disarm()) {
        discard(); // aborted at the deadline: useless for the next check
      }
    }
  }

  /** @return the open connection, or a new one if it opens before the deadline */
  private Connection connect(long deadline) throws SQLException {
    Connection c = connection;
    if (c != null) {
      return c;
    }
    ConnectAttempt attempt = pending;
    if (attempt != null && attempt.failed()) {
      // It failed between checks (a driver login timeout during an outage, say): that says
      // nothing about the host now, so try afresh instead of reporting the old failure.
      attempt = null;
    } else if (attempt != null && !attempt.isDone() && attempt.ageNanos() >= timeoutNanos
        && stalled.get() < MAX_STALLED_CONNECTS) {
      // Still running after a whole check: a partition may have swallowed its packets, and the
      // network may have healed since. Try afresh; the old one is aborted if it ever connects.
      stalled.incrementAndGet();
      attempt.abandonThen(stalled::decrementAndGet);
      attempt = null;
    }
    if (attempt == null) {
      attempt = ConnectAttempt.start(this::open, helpers);
      pending = attempt;
    }
    try {
      c = attempt.await(deadline - System.nanoTime());
    } catch (SQLException e) {
      if (attempt.isDone()) {
        pending = null;
      } // else interrupted while it runs: kept, so close() can abandon it
      throw e;
    }
    if (c == null) {
      throw new SQLTimeoutException("connect did not complete within " + timeoutMillis
          + " ms; still trying", "08001");
    }
    pending = null;
    try {
      c.setNetworkTimeout(Runnable::run, timeoutMillis);
    } catch (SQLFeatureNotSupportedException unsupported) {
      // SQLite: a local file, nothing to time out on the network; the watchdog still applies
    }
    connection = c;
    if (closed) {
      discard(); // closed while connecting
      throw new SQLTimeoutException("health checks are stopping", "08003");
    }
    return c;
  }

  private Connection open() throws SQLException {
    if (config.dataSource() != null) {
      return config.dataSource().getConnection();
    }
    Properties properties = new Properties();
    properties.putAll(config.driverProperties());
    dialect.timeoutProperties(Duration.ofNanos(timeoutNanos)).forEach(properties::putIfAbsent);
    if (config.username() != null) {
      properties.setProperty("user", config.username());
    }
    if (config.password() != null) {
      properties.setProperty("password", config.password());
    }
    return DriverManager.getConnection(config.jdbcUrl(), properties);
  }

  /** Drops the connection after a failed check, so the next check opens a fresh one. */
  private void discard() {
    Connection c = connection;
    connection = null;
    abortQuietly(c);
  }

  /**
   * Aborts a connection, ignoring failures: it is broken or unwanted anyway.
   *
   * @param c the connection, or null
   */
  static void abortQuietly(Connection c) {
    if (c != null) {
      try {
        c.abort(Runnable::run);
      } catch (SQLException | RuntimeException ignored) {
        // nothing more to do with it
      }
    }
  }

  /** Closes the connection and gives up a connect still running. */
  @Override
  public void close() {
    closed = true;
    ConnectAttempt attempt = pending;
    pending = null;
    if (attempt != null) {
      attempt.abandon();
    }
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException | RuntimeException ignored) {
        // closing at shutdown; nothing left to do with it
      }
    }
  }

  /** Aborts the check's connection at its deadline unless the check disarms it first. */
  private final class Watchdog implements Runnable {
    private final Connection connection;
    private final AtomicInteger state = new AtomicInteger(ARMED);
    private final ScheduledFuture<?> alarm;

    Watchdog(Connection connection, long nanos) {
      this.connection = connection;
      this.alarm = timer.schedule(this, Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
      if (state.compareAndSet(ARMED, FIRED)) {
        try {
          helpers.execute(() -> abortQuietly(connection)); // the timer thread never blocks
        } catch (RejectedExecutionException stopping) {
          abortQuietly(connection);
        }
      }
    }

    boolean fired() {
      return state.get() == FIRED;
    }

    /** @return true when disarmed before it fired */
    boolean disarm() {
      alarm.cancel(false);
      return state.compareAndSet(ARMED, DISARMED);
    }
  }
}
