package io.cenote.router.internal;

import io.cenote.router.ExclusionReason;
import io.cenote.router.ReplicationLag;
import io.cenote.router.ServerRole;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health checks of one host, on a thread of its own, so a host that does not answer delays
 * no other host's checks. Checks start at a fixed rate (a check that overruns delays only the
 * next check of the same host); {@link #submit()} queues one more on the same thread, so the
 * checks of a host never overlap and its {@link Probe} has one user.
 *
 * <p>A check asks the probe (bounded by the check timeout) and applies the answer through the
 * {@link Router}: a failed check excludes the host as {@code DOWN}; a replica that reports
 * itself primary is excluded as {@code ROLE_CHANGED}, as is a primary that reports itself a
 * replica; a replica whose lag exceeds the limits as {@code LAGGING} (unless the primary is
 * down); a host that passes is re-admitted. Every check also reports the role it saw to the
 * writer election. The primary's check publishes its position; a replica's lag uses the most
 * recent one, never waiting for the primary's check.
 */
final class HostCheck implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HostCheck.class);

  private final String cluster;
  private final Host host;
  private final Host primary;
  private final boolean isPrimary;
  private final Probe probe;
  private final Router router;
  private final Events events;
  private final Duration maxLag;
  private final long maxLagBytes;
  private final AtomicReference<String> primaryPosition;
  private final ScheduledThreadPoolExecutor thread;

  HostCheck(ClusterSettings settings, Host host, Host primary, Probe probe, Router router,
      Events events, AtomicReference<String> primaryPosition, ThreadFactory threads) {
    this.cluster = settings.name();
    this.host = host;
    this.primary = primary;
    this.isPrimary = host == primary;
    this.probe = probe;
    this.router = router;
    this.events = events;
    this.maxLag = settings.maxReplicationLag();
    this.maxLagBytes = settings.maxReplicationLagBytes();
    this.primaryPosition = primaryPosition;
    this.thread = new ScheduledThreadPoolExecutor(1, threads);
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Starts the periodic checks, the first one interval from now. */
  void start(Duration interval) {
    long nanos = interval.toNanos();
    thread.scheduleAtFixedRate(this::scheduledCheck, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /** @return a check queued on this host's thread; done at once when checks have stopped */
  Future<?> submit() {
    try {
      return thread.submit(this::check);
    } catch (RejectedExecutionException stopped) {
      return CompletableFuture.completedFuture(null);
    }
  }

  private void scheduledCheck() {
    try {
      check();
    } catch (RuntimeException e) {
      // an escaping exception would cancel the schedule for good
      log.error("[{}] health check of {} failed; the next one runs as scheduled", cluster,
          host.name(), e);
    }
  }

  private void check() {
    long version = host.version;
    Observation seen = probe.check(isPrimary, primaryPosition::get);
    if (Thread.currentThread().isInterrupted()) {
      return; // the checks are stopping: what the check saw is the shutdown, not the host
    }
    if (isPrimary) {
      applyPrimary(seen, version);
    } else {
      applyReplica(seen, version);
    }
    router.checked(host, seen.role());
  }

  private void applyPrimary(Observation seen, long version) {
    if (seen.hasFailed()) {
      primaryPosition.set(null);
      router.exclude(host, ExclusionReason.DOWN, seen.failure());
    } else if (seen.role() == ServerRole.REPLICA) {
      primaryPosition.set(null);
      router.exclude(host, ExclusionReason.ROLE_CHANGED, "the primary reports itself a"
          + " replica (read-only); writes stop going there");
    } else {
      primaryPosition.set(seen.position());
      router.admit(host, version, "role " + seen.role());
    }
  }

  /**
   * While the primary is down, lag limits are not applied: a replica's replication stops or
   * falls behind exactly because its source is gone (MariaDB reports
   * {@code Seconds_Behind_Master} NULL), reads could only fall back to the dead primary, and
   * possibly stale reads beat failing ones. The replica is still reported as lagging.
   */
  private void applyReplica(Observation seen, long version) {
    if (seen.hasFailed()) {
      router.exclude(host, ExclusionReason.DOWN, seen.failure());
      return;
    }
    if (seen.role() == ServerRole.PRIMARY) {
      router.exclude(host, ExclusionReason.ROLE_CHANGED,
          "the replica reports itself primary (promoted, or not replicating)");
      return;
    }
    ReplicationLag lag = seen.lag();
    host.lastLag = lag;
    if (!lag.exceeds(maxLag, maxLagBytes)) {
      router.admit(host, version, lag.detail());
      return;
    }
    events.lagging(host, lag);
    if (primary.exclusion != ExclusionReason.DOWN) {
      router.exclude(host, ExclusionReason.LAGGING, lag.detail());
    } else {
      router.admit(host, version, lag.detail() + "; kept serving reads while the primary is"
          + " down");
    }
  }

  /** Stops the thread, interrupting a check under way; {@link #awaitStop} waits for it. */
  void stop() {
    thread.shutdownNow();
  }

  /** @return true when the thread ended within the time */
  boolean awaitStop(long nanos) throws InterruptedException {
    return thread.awaitTermination(nanos, TimeUnit.NANOSECONDS);
  }

  /** Closes the probe's connection; call after {@link #stop()}. */
  @Override
  public void close() {
    probe.close();
  }
}
