package io.cenote.router.internal;

import io.cenote.router.Dialect;
import io.cenote.router.ExclusionReason;
import io.cenote.router.ReplicationLag;
import io.cenote.router.ServerRole;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every host of a cluster, one pass per {@code healthCheckInterval}, on one daemon thread
 * named {@code <cluster>-health}.
 *
 * <p>A pass probes the primary first (role, and its change-stream position for lag), then each
 * replica (role and lag), each on the {@link Probe}'s own connection, and applies each result
 * at once: a failed or timed-out probe excludes the host as {@code DOWN}; a replica that reports
 * itself primary is excluded as {@code ROLE_CHANGED}; one whose lag exceeds the limits as
 * {@code LAGGING}; a host that passes is re-admitted. A probe whose connection was open from an
 * earlier pass is retried once on a fresh connection before the host counts as down, so a
 * connection the server dropped while idle does not exclude a healthy host. After the pass the
 * write host is chosen from the reported roles.
 */
final class HealthChecker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

  private final String cluster;
  private final Router router;
  private final Host primary;
  private final Host[] replicas;
  private final Probe[] probes;
  private final Dialect dialect;
  private final Duration maxLag;
  private final long maxLagBytes;
  private final Events events;
  private final ReentrantLock passLock = new ReentrantLock();
  private final ScheduledExecutorService scheduler;

  HealthChecker(ClusterSettings settings, Router router, Host primary, Host[] replicas,
      Events events) {
    this.cluster = settings.name();
    this.router = router;
    this.primary = primary;
    this.replicas = replicas.clone();
    this.dialect = settings.dialect();
    this.maxLag = settings.maxReplicationLag();
    this.maxLagBytes = settings.maxReplicationLagBytes();
    this.events = events;
    this.probes = new Probe[replicas.length + 1];
    probes[0] = new Probe(primary.pool().config(), dialect, settings.healthCheckTimeout());
    for (int i = 0; i < replicas.length; i++) {
      probes[i + 1] = new Probe(replicas[i].pool().config(), dialect,
          settings.healthCheckTimeout());
    }
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, cluster + "-health");
      t.setDaemon(true);
      return t;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.scheduler = executor;
  }

  /** Starts the periodic checks. */
  void start(Duration interval) {
    long nanos = interval.toNanos();
    scheduler.scheduleWithFixedDelay(this::scheduledPass, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private void scheduledPass() {
    try {
      checkNow();
    } catch (RuntimeException e) {
      log.error("[{}] health check pass failed; the next one runs as scheduled", cluster, e);
    }
  }

  /** Runs one pass now, on the calling thread; passes never overlap. */
  void checkNow() {
    passLock.lock();
    try {
      String position = checkPrimary();
      boolean primaryDown = primary.exclusion == ExclusionReason.DOWN;
      for (int i = 0; i < replicas.length; i++) {
        checkReplica(replicas[i], probes[i + 1], position, primaryDown);
      }
      router.electWriter();
    } finally {
      passLock.unlock();
    }
  }

  /** @return the primary's position for lag, or null */
  private String checkPrimary() {
    long version = primary.version;
    Probe probe = probes[0];
    try {
      ServerRole role = role(probe);
      primary.reportedRole = role;
      if (role == ServerRole.REPLICA) {
        router.exclude(primary, ExclusionReason.ROLE_CHANGED, "the primary reports itself a"
            + " replica (read-only); writes stop going there");
        return null;
      }
      String position = dialect.primaryPosition(probe.connection());
      router.admit(primary, version, "role " + role);
      return position;
    } catch (SQLException | RuntimeException e) {
      probe.discard();
      router.exclude(primary, ExclusionReason.DOWN, Failures.describe(e));
      return null;
    }
  }

  /**
   * Checks one replica. While the primary is down, lag limits are not applied: a replica's
   * replication stops or falls behind exactly because its source is gone (MariaDB reports
   * {@code Seconds_Behind_Master} NULL), reads could only fall back to the dead primary, and
   * possibly stale reads beat failing ones. The replica is still reported as lagging.
   */
  private void checkReplica(Host replica, Probe probe, String primaryPosition,
      boolean primaryDown) {
    long version = replica.version;
    try {
      ServerRole role = role(probe);
      replica.reportedRole = role;
      if (role == ServerRole.PRIMARY) {
        router.exclude(replica, ExclusionReason.ROLE_CHANGED,
            "the replica reports itself primary (promoted, or not replicating)");
        return;
      }
      ReplicationLag lag = dialect.lag(probe.connection(), primaryPosition);
      replica.lastLag = lag;
      if (lag.exceeds(maxLag, maxLagBytes)) {
        events.lagging(replica, lag);
        if (!primaryDown) {
          router.exclude(replica, ExclusionReason.LAGGING, lag.detail());
          return;
        }
        router.admit(replica, version, lag.detail() + "; kept serving reads while the primary"
            + " is down");
        return;
      }
      router.admit(replica, version, lag.detail());
    } catch (SQLException | RuntimeException e) {
      probe.discard();
      router.exclude(replica, ExclusionReason.DOWN, Failures.describe(e));
    }
  }

  /** Asks the role, retrying once on a fresh connection if an old one failed. */
  private ServerRole role(Probe probe) throws SQLException {
    boolean reused = probe.connected();
    try {
      return dialect.role(probe.connection());
    } catch (SQLException | RuntimeException e) {
      probe.discard();
      if (!reused) {
        throw e;
      }
      return dialect.role(probe.connection());
    }
  }

  /** Stops the thread and closes the probes' connections. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("[{}] health-check thread did not stop within 5 s", cluster);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    passLock.lock();
    try {
      for (Probe p : probes) {
        p.close();
      }
    } finally {
      passLock.unlock();
    }
  }
}
