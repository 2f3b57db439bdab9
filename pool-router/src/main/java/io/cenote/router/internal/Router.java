package io.cenote.router.internal;

import io.cenote.pool.Ticker;
import io.cenote.resilience.AttemptContext;
import io.cenote.router.ExclusionReason;
import io.cenote.router.NoReplicaPolicy;
import io.cenote.router.Replica;
import io.cenote.router.ReplicaSelector;
import io.cenote.router.ReplicaSet;
import io.cenote.router.ServerRole;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing decisions of one cluster and the health state they depend on.
 *
 * <p>Design: a decision reads two volatile fields, the {@link ReplicaSet} of eligible replicas
 * and the write host, plus the session's state, and asks the selector; it takes no lock and
 * allocates nothing. Every change of health (exclusion, re-admission, role change) is decided
 * under one {@link ReentrantLock}, and a change of eligibility bumps the host's {@code version}
 * and publishes a freshly built set. So the cost of a change is paid by the rare thread that
 * observes it, never by readers. A health check re-admits a host only if its version did not
 * move while the check ran, so a check that started before a borrow failure cannot undo that
 * exclusion; a new reason for a host that is out already (a connect failure of its pool while
 * it is down) only updates the reason, so it does not hold up the re-admission that is due.
 *
 * <p>Nothing outside the router runs under the lock: the {@link HostGuard} is asked, and a
 * re-admitted host's pool is soft-evicted, between two short locked steps, the second of which
 * publishes the re-admission only if the host's state did not change meanwhile. The guard is
 * asked only when the set is rebuilt or a host would be re-admitted; a replica it refuses is
 * excluded as {@code CIRCUIT_OPEN} and stays out until the guard admits it again, whatever the
 * health checks say. The write host is chosen by a {@link WriterElection} from consecutive
 * checks, so one failed check never moves writes.
 */
public final class Router {

  private static final Logger log = LoggerFactory.getLogger(Router.class);

  private final String cluster;
  private final Host primary;
  private final Host[] replicas;
  private final ReplicaSelector selector;
  private final NoReplicaPolicy policy;
  private final long readYourWritesNanos;
  private final Ticker ticker;
  private final Events events;
  private final ReentrantLock lock = new ReentrantLock();
  private final WriterElection election;
  private final int failoverChecks;
  private final ThreadLocal<SessionState> threadSessions;
  private volatile ReplicaSet eligible;
  private volatile Host writer;
  private final HostGuard guard;

  Router(ClusterSettings settings, Host primary, Host[] replicas, Events events,
      HostGuard guard) {
    this.guard = guard;
    this.cluster = settings.name();
    this.primary = primary;
    this.replicas = replicas.clone();
    this.selector = settings.selector();
    this.policy = settings.noReplicaPolicy();
    this.readYourWritesNanos = settings.readYourWritesWindow().toNanos();
    this.ticker = settings.ticker();
    this.events = events;
    this.failoverChecks = settings.failoverChecks();
    this.election = new WriterElection(failoverChecks, primary, this.replicas);
    this.threadSessions = ThreadLocal.withInitial(this::newSession);
    this.eligible = ReplicaSet.of(this.replicas);
    this.writer = primary;
  }

  /** @return a new session of this router */
  SessionState newSession() {
    return new SessionState(this, ticker);
  }

  /** @return the calling thread's session */
  SessionState threadSession() {
    return threadSessions.get();
  }

  /**
   * Checks that a session was created by this router.
   *
   * @throws IllegalArgumentException for a foreign session
   */
  SessionState own(io.cenote.router.Session session) {
    if (session instanceof SessionState s && s.belongsTo(this)) {
      return s;
    }
    throw new IllegalArgumentException("session " + session + " does not belong to cluster '"
        + cluster + "'; create it with this cluster's newSession()");
  }

  /**
   * Chooses the host for a read. Allocates nothing.
   *
   * @param session the reading session
   * @return a replica, or the write host when the session needs it or no replica is eligible
   * @throws SQLTransientConnectionException when no replica is eligible and the policy is
   *     {@link NoReplicaPolicy#FAIL_FAST}
   */
  public Host chooseRead(SessionState session) throws SQLException {
    if (needsPrimary(session)) {
      return readPrimary();
    }
    ReplicaSet candidates = eligible;
    if (candidates.size() == 0) {
      return fallback();
    }
    return select(candidates);
  }

  /** A session inside a write transaction, or within its read-your-writes window, reads there. */
  private boolean needsPrimary(SessionState session) {
    return session.inWriteTransaction()
        || (readYourWritesNanos > 0 && session.wroteWithin(readYourWritesNanos));
  }

  private Host select(ReplicaSet candidates) {
    Replica chosen = selector.select(candidates);
    for (int i = 0; i < candidates.size(); i++) {
      if (candidates.get(i) == chosen) {
        return (Host) chosen;
      }
    }
    throw new IllegalStateException("replica selector " + selector + " of cluster '" + cluster
        + "' returned " + chosen + ", which is not one of the candidates " + candidates);
  }

  private Host fallback() throws SQLException {
    if (policy == NoReplicaPolicy.FAIL_FAST) {
      throw new SQLTransientConnectionException("cluster '" + cluster + "' has no eligible"
          + " replica (" + replicaStates() + ") and noReplicaPolicy is FAIL_FAST", "08001");
    }
    return servedByPrimary();
  }

  private Host servedByPrimary() {
    Host target = readPrimary();
    target.fallbacks.increment();
    if (events.enabled()) {
      events.fallback(target);
    }
    return target;
  }

  /**
   * Chooses the host for an attempt of a read. The first attempt, or one whose call has seen no
   * failure, is {@link #chooseRead(SessionState)}. A later attempt (a replica failed, or its pool
   * was busy) gets an eligible replica that has not failed this call, as the selector chooses
   * among them, else the write host under {@link NoReplicaPolicy#FALLBACK_TO_PRIMARY}; that
   * runs only after a failure, off the hot path, so it may allocate.
   *
   * @param session the reading session
   * @param call the call, which knows the hosts that failed it
   * @return the host, or null when every eligible replica failed this call and the policy is
   *     {@link NoReplicaPolicy#FAIL_FAST}
   * @throws SQLException as {@link #chooseRead(SessionState)}
   */
  Host chooseRead(SessionState session, AttemptContext call) throws SQLException {
    if (!call.anyFailed()) {
      return chooseRead(session);
    }
    if (needsPrimary(session)) {
      return readPrimary();
    }
    ReplicaSet candidates = eligible;
    if (candidates.size() == 0) {
      return fallback();
    }
    List<Host> others = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      if (!call.failedOn(candidates.get(i).name())) {
        others.add((Host) candidates.get(i));
      }
    }
    if (!others.isEmpty()) {
      return select(ReplicaSet.of(others.toArray(new Host[0])));
    }
    return policy == NoReplicaPolicy.FAIL_FAST ? null : servedByPrimary();
  }

  private Host readPrimary() {
    Host w = writer;
    return w != null ? w : primary;
  }

  /**
   * Returns the host writes go to.
   *
   * @return the primary, or a replica that took over after a failover (see
   *     {@link WriterElection})
   * @throws SQLException with SQLState {@code 25006} when no host accepts writes
   */
  public Host writer() throws SQLException {
    Host w = writer;
    if (w == null) {
      throw new SQLException("cluster '" + cluster + "' has no host that accepts writes: primary "
          + primary.describe() + " reports itself a replica (read-only) and no other host"
          + " reported itself primary in " + failoverChecks + " consecutive checks", "25006");
    }
    return w;
  }

  /**
   * Asks the guard about every replica again: excludes those it refuses, re-admits those it
   * admits again after having refused them.
   */
  public void reconsider() {
    HostGuard g = guard;
    if (g == null) {
      return;
    }
    for (Host r : replicas) {
      boolean admitted = admits(g, r);
      ExclusionReason e = r.exclusion;
      if (!admitted && e == null) {
        exclude(r, ExclusionReason.CIRCUIT_OPEN, "its host guard refuses it: " + g);
      } else if (admitted && e == ExclusionReason.CIRCUIT_OPEN) {
        admit(r, r.version, "its host guard admits it again");
      }
    }
  }

  /**
   * Excludes a replica whose borrow the guard just refused (it may have changed its mind since
   * the set was built).
   *
   * @param host the replica
   * @param refusal the guard's exception
   */
  void refused(Host host, SQLException refusal) {
    exclude(host, ExclusionReason.CIRCUIT_OPEN, Failures.describe(refusal));
  }

  private boolean admits(HostGuard g, Host host) {
    try {
      return g.admits(host);
    } catch (RuntimeException e) {
      log.warn("[{}] host guard {} failed for {}; treating it as admitted", cluster, g,
          host.name(), e);
      return true;
    }
  }

  /** @return the eligible replicas right now */
  public ReplicaSet eligible() {
    return eligible;
  }

  /**
   * Excludes a host. A host already excluded only gets the new reason and detail recorded:
   * events and logs mark the start of an outage, not every symptom seen during it, and its
   * version stays, so a check under way may still re-admit it.
   *
   * @param host the host
   * @param reason why
   * @param detail the error or measurement, without secrets
   */
  public void exclude(Host host, ExclusionReason reason, String detail) {
    boolean wasHealthy;
    lock.lock();
    try {
      wasHealthy = host.exclusion == null;
      host.detail = detail;
      host.exclusion = reason;
      if (wasHealthy) {
        host.version++;
        host.excludedAtNanos = System.nanoTime();
        host.exclusions.increment();
        rebuild();
      }
    } finally {
      lock.unlock();
    }
    if (wasHealthy) {
      log.warn("[{}] {} {} excluded: {} ({})", cluster, roleName(host), host.name(), reason,
          detail);
      events.excluded(host, reason, detail);
    }
  }

  /**
   * Re-admits a host that passed a health check, unless its state changed since the check began.
   * A host that was down gets its pool soft-evicted first, so no connection from before the
   * outage is lent. The guard is asked and the pool evicted without the lock; the re-admission
   * is published only if the host is still out with the same version, and was evicted if its
   * reason by then calls for it.
   *
   * @param host the host
   * @param versionAtCheck {@code host.version} read before the check
   * @param detail what the check saw
   */
  void admit(Host host, long versionAtCheck, String detail) {
    ExclusionReason was;
    lock.lock();
    try {
      if (host.version != versionAtCheck) {
        return;
      }
      host.detail = detail;
      was = host.exclusion;
    } finally {
      lock.unlock();
    }
    if (was == null) {
      return;
    }
    if (!guardAdmits(host)) {
      refuseReadmission(host, versionAtCheck);
      return;
    }
    boolean evicted = evicts(was);
    if (evicted) {
      host.pool().softEvictAll();
    }
    long excludedNanos;
    lock.lock();
    try {
      ExclusionReason now = host.exclusion;
      if (host.version != versionAtCheck || now == null || (evicts(now) && !evicted)) {
        return; // changed meanwhile: the next check decides
      }
      host.exclusion = null;
      host.version++;
      excludedNanos = System.nanoTime() - host.excludedAtNanos;
      rebuild();
    } finally {
      lock.unlock();
    }
    log.info("[{}] {} {} re-admitted after {} ms", cluster, roleName(host), host.name(),
        excludedNanos / 1_000_000);
    events.readmitted(host, excludedNanos);
  }

  /** Connections opened before a host failure are likely dead: never lend them. */
  private static boolean evicts(ExclusionReason reason) {
    return reason == ExclusionReason.DOWN || reason == ExclusionReason.BORROW_FAILED
        || reason == ExclusionReason.CIRCUIT_OPEN;
  }

  private boolean guardAdmits(Host host) {
    HostGuard g = guard;
    return g == null || host == primary || admits(g, host);
  }

  private void refuseReadmission(Host host, long versionAtCheck) {
    lock.lock();
    try {
      if (host.version == versionAtCheck && host.exclusion != null) {
        host.exclusion = ExclusionReason.CIRCUIT_OPEN;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records what one health check of a host saw of its role and re-runs the
   * {@link WriterElection}.
   *
   * @param host the host
   * @param role what it reported, or null when the check failed
   */
  void checked(Host host, ServerRole role) {
    Host previous;
    Host next;
    lock.lock();
    try {
      election.observed(host, role);
      previous = writer;
      next = election.next(previous);
      writer = next;
    } finally {
      lock.unlock();
    }
    if (previous != next) {
      log.warn("[{}] writes now go to {} (were going to {})", cluster,
          next == null ? "no host" : next.name(), previous == null ? "no host" : previous.name());
      events.writerChanged(previous, next);
    }
  }

  private void rebuild() {
    List<Host> ok = new ArrayList<>(replicas.length);
    for (Host r : replicas) {
      if (r.exclusion == null) {
        ok.add(r);
      }
    }
    eligible = ReplicaSet.of(ok.toArray(new Host[0]));
  }

  private String replicaStates() {
    if (replicas.length == 0) {
      return "none configured";
    }
    StringBuilder sb = new StringBuilder();
    for (Host r : replicas) {
      ExclusionReason e = r.exclusion;
      sb.append(sb.length() == 0 ? "" : ", ").append(r.name()).append(": ")
          .append(e == null ? "healthy" : e);
    }
    return sb.toString();
  }

  private String roleName(Host host) {
    return host == primary ? "primary" : "replica";
  }
}
