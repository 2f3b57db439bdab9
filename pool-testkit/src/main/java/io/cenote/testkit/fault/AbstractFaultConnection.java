package io.cenote.testkit.fault;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What stub and wrapped connections share: the open / broken / closed life cycle, counting, and
 * the fault points that connection and statement methods call before they do their work.
 *
 * <p>Design: the life cycle is one volatile {@code status} moved by CAS, so close and abort are
 * idempotent and safe from any thread. A restart is detected lazily by comparing the epochs this
 * connection was born under with the plans' current epochs. The fault points read each plan's
 * {@link Faults} snapshot once and take the slow path only when a summary flag says a fault may
 * apply, so a connection whose plans inject nothing pays three volatile reads per call.
 */
abstract class AbstractFaultConnection implements FaultConnection {

  private static final int OPEN = 0;
  private static final int BROKEN = 1;
  private static final int CLOSED = 2;
  private static final VarHandle STATUS;
  private static final AtomicLong IDS = new AtomicLong();

  static {
    try {
      STATUS = MethodHandles.lookup()
          .findVarHandle(AbstractFaultConnection.class, "status", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final FaultPlan plan;
  final FaultCounters counters;
  private final FaultPlan global;
  private final long planEpoch;
  private final long globalEpoch;
  private final long id;
  private volatile int status;
  private volatile boolean aborted;
  private volatile String brokenReason;
  private volatile int networkTimeoutMillis;
  private long commitCount;
  private long rollbackCount;

  AbstractFaultConnection(FaultPlan plan) {
    this.plan = plan;
    this.global = plan.global();
    this.counters = plan.counters();
    this.planEpoch = plan.faults().epoch;
    this.globalEpoch = global.faults().epoch;
    this.id = IDS.incrementAndGet();
  }

  // ---------------------------------------------------------------- FaultConnection

  @Override
  public final FaultPlan plan() {
    return plan;
  }

  @Override
  public final long id() {
    return id;
  }

  @Override
  public final boolean isBroken() {
    int s = status;
    return s == BROKEN || (s == OPEN && wasRestarted());
  }

  @Override
  public final boolean isAborted() {
    return aborted;
  }

  @Override
  public final long commitCount() {
    return commitCount;
  }

  @Override
  public final long rollbackCount() {
    return rollbackCount;
  }

  // ---------------------------------------------------------------- life cycle

  @Override
  public final boolean isClosed() {
    return status == CLOSED;
  }

  @Override
  public final void close() throws SQLException {
    if (markClosed()) {
      closePhysical();
    }
  }

  @Override
  public final void abort(Executor executor) throws SQLException {
    if (executor == null) {
      throw Errors.invalidArgument("executor", null);
    }
    if (status != CLOSED) {
      aborted = true;
      if (markClosed()) {
        abortPhysical(executor);
      }
    }
  }

  /** Releases what lies under this connection after it was marked closed (once). */
  abstract void closePhysical() throws SQLException;

  /** Aborts what lies under this connection after it was marked closed (once). */
  abstract void abortPhysical(Executor executor) throws SQLException;

  /** Moves to CLOSED; true for the one call that did it, which counts and unregisters. */
  private boolean markClosed() {
    int s;
    do {
      s = status;
      if (s == CLOSED) {
        return false;
      }
    } while (!STATUS.compareAndSet(this, s, CLOSED));
    plan.connectionClosed(this);
    Blocker.wake(this);
    return true;
  }

  /** Moves an open connection to BROKEN; every later use throws {@code 08006}. */
  final void markBroken(String reason) {
    if (brokenReason == null) {
      brokenReason = reason;
    }
    STATUS.compareAndSet(this, OPEN, BROKEN);
    Blocker.wake(this);
  }

  private boolean wasRestarted() {
    return plan.faults().epoch != planEpoch || global.faults().epoch != globalEpoch;
  }

  final int networkTimeoutMillis() {
    return networkTimeoutMillis;
  }

  final void networkTimeoutMillis(int millis) throws SQLException {
    if (millis < 0) {
      throw Errors.invalidArgument("network timeout", millis);
    }
    networkTimeoutMillis = millis;
  }

  final long networkTimeoutNanos() {
    return TimeUnit.MILLISECONDS.toNanos(networkTimeoutMillis);
  }

  /** While a call is blocked: the reason it must stop now, or null to keep waiting. */
  final Blocker.Outcome blockedCallOutcome() {
    int s = status;
    if (s == CLOSED) {
      return Blocker.Outcome.CLOSED;
    }
    return s == BROKEN || wasRestarted() ? Blocker.Outcome.RESET : null;
  }

  /** While a call hangs: whether either plan still hangs that kind of call. */
  final boolean hangs(NetworkCall call) {
    return ((plan.faults().hangCalls | global.faults().hangCalls) & call.bit()) != 0;
  }

  // ---------------------------------------------------------------- fault points

  /** Throws unless the connection is open and not broken. */
  final void checkUsable() throws SQLException {
    if (status != OPEN || wasRestarted()) {
      throw unusable();
    }
  }

  /** Called before every statement execution: counts it and injects statement faults. */
  final void beforeExecute(int queryTimeoutSeconds) throws SQLException {
    Faults p = plan.faults();
    Faults g = global.faults();
    if (status != OPEN || p.epoch != planEpoch || g.epoch != globalEpoch) {
      throw unusable();
    }
    counters.statementExecuted();
    if (p.statementFaults || g.statementFaults) {
      injectStatementFaults(p, g, TimeUnit.SECONDS.toNanos(queryTimeoutSeconds));
    }
  }

  /** Called by {@code isValid}: counts the call and answers whether faults let it succeed. */
  final boolean passesValidation(int timeoutSeconds) {
    counters.isValidCalled();
    Faults p = plan.faults();
    Faults g = global.faults();
    if (status != OPEN) {
      return false;
    }
    if (p.epoch != planEpoch || g.epoch != globalEpoch) {
      markBroken("the server restarted");
      return false;
    }
    if (!(p.validationFaults || g.validationFaults)) {
      return true;
    }
    if (hangFires(p, NetworkCall.IS_VALID) || hangFires(g, NetworkCall.IS_VALID)) {
      Blocker.Outcome outcome = Blocker.await(this, NetworkCall.IS_VALID, Blocker.FOREVER,
          TimeUnit.SECONDS.toNanos(timeoutSeconds));
      if (outcome == Blocker.Outcome.NETWORK_TIMEOUT) {
        markBroken("network timeout");
      }
      if (outcome != Blocker.Outcome.ELAPSED) {
        return false;
      }
    }
    return !fires(p.validationFailure, p) && !fires(g.validationFailure, g);
  }

  /** Called before commit, rollback and session state changes: counts them and may hang. */
  final void beforeCall(NetworkCall call) throws SQLException {
    Faults p = plan.faults();
    Faults g = global.faults();
    if (status != OPEN || p.epoch != planEpoch || g.epoch != globalEpoch) {
      throw unusable();
    }
    if (call == NetworkCall.COMMIT) {
      counters.committed();
      commitCount++;
    } else if (call == NetworkCall.ROLLBACK) {
      counters.rolledBack();
      rollbackCount++;
    }
    if (((p.hangCalls | g.hangCalls) & call.bit()) != 0
        && (hangFires(p, call) || hangFires(g, call))) {
      block(call, Blocker.FOREVER, 0);
    }
  }

  private void injectStatementFaults(Faults p, Faults g, long timeoutNanos) throws SQLException {
    if (hangFires(p, NetworkCall.EXECUTE) || hangFires(g, NetworkCall.EXECUTE)) {
      block(NetworkCall.EXECUTE, Blocker.FOREVER, timeoutNanos);
    }
    long delay = delayNanos(p.statementLatency, p) + delayNanos(g.statementLatency, g);
    if (delay > 0) {
      block(null, delay, timeoutNanos);
    }
    failIfFires(p.statementFailure, p);
    failIfFires(g.statementFailure, g);
  }

  private void failIfFires(Rule rule, Faults faults) throws SQLException {
    if (fires(rule, faults)) {
      if (rule.sqlState.startsWith("08")) {
        markBroken("injected failure " + rule.sqlState);
      }
      throw new SQLException(rule.message, rule.sqlState);
    }
  }

  private void block(NetworkCall hang, long delayNanos, long callTimeoutNanos)
      throws SQLException {
    Blocker.Outcome outcome = Blocker.await(this, hang, delayNanos, callTimeoutNanos);
    switch (outcome) {
      case ELAPSED:
        return;
      case CLOSED:
        throw Errors.closedWhileBlocked();
      case RESET:
        throw unusable();
      case NETWORK_TIMEOUT:
        markBroken("network timeout");
        throw Errors.networkTimeout(networkTimeoutMillis);
      case CALL_TIMEOUT:
        throw Errors.callTimeout(callTimeoutNanos);
      default:
        throw Errors.interrupted();
    }
  }

  private SQLException unusable() {
    if (status == CLOSED) {
      return Errors.connectionClosed();
    }
    if (status == OPEN) {
      markBroken("the server restarted");
    }
    String reason = brokenReason;
    return Errors.reset(reason == null ? "the server restarted" : reason);
  }

  private static boolean hangFires(Faults faults, NetworkCall call) {
    Rule hang = faults.hang;
    return hang != null && hang.appliesTo(call) && hang.fires(faults.random());
  }

  private static boolean fires(Rule rule, Faults faults) {
    return rule != null && rule.fires(faults.random());
  }

  private static long delayNanos(Latency latency, Faults faults) {
    return latency == null ? 0 : latency.sampleNanos(faults.random());
  }

  /**
   * Describes the connection without its URL, which may hold credentials.
   *
   * @return for example {@code FaultConnection[id=7, plan=stub:orders, open]}
   */
  @Override
  public String toString() {
    int s = status;
    String state = s == CLOSED ? "closed" : isBroken() ? "broken" : "open";
    return "FaultConnection[id=" + id + ", plan=" + plan.key() + ", " + state + "]";
  }
}
