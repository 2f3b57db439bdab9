package io.cenote.testkit.fault;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Blocks a thread for an injected latency or hang.
 *
 * <p>Design: a blocked thread records itself in {@link #WAITING} with the connection it serves,
 * then parks in slices, re-checking on every wake-up whether it should stop: the connection was
 * closed or aborted, the connection was reset by a restart, the connection's network timeout or
 * the call's own timeout passed, the thread was interrupted, or (for a hang) the plan stopped
 * hanging that call. Whoever changes one of those
 * conditions from another thread (close, abort, restart) first publishes the change through a
 * volatile write and then unparks the recorded threads; because the waiter records itself before
 * it checks, one of the two always sees the other. The park slice is capped anyway, so a missed
 * wake-up can only delay, never strand, a waiter. Nothing here takes a lock, and interrupts are
 * observed without being cleared.
 */
final class Blocker {

  /** Why a wait ended. */
  enum Outcome {
    /** The requested delay passed, or the hang was lifted; the call may go on. */
    ELAPSED,
    /** The connection was closed or aborted. */
    CLOSED,
    /** The connection was reset by a restart or broken by an earlier failure. */
    RESET,
    /** The connection's network timeout passed. */
    NETWORK_TIMEOUT,
    /** The call's own timeout (query timeout, {@code isValid} timeout) passed. */
    CALL_TIMEOUT,
    /** The thread was interrupted; its interrupt flag is still set. */
    INTERRUPTED
  }

  /** A delay that never elapses: a hang. */
  static final long FOREVER = Long.MAX_VALUE;

  private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final ConcurrentHashMap<Thread, AbstractFaultConnection> WAITING =
      new ConcurrentHashMap<>();

  private Blocker() {}

  /**
   * Blocks the calling thread on behalf of {@code connection}.
   *
   * @param hang the call being hung, waited on until the plans stop hanging it; null for a delay
   * @param delayNanos how long to wait, or {@link #FOREVER}
   * @param callTimeoutNanos the call's own timeout, 0 for none
   * @return why the wait ended
   */
  static Outcome await(AbstractFaultConnection connection, NetworkCall hang, long delayNanos,
      long callTimeoutNanos) {
    Thread thread = Thread.currentThread();
    long start = System.nanoTime();
    WAITING.put(thread, connection);
    try {
      for (;;) {
        if (thread.isInterrupted()) {
          return Outcome.INTERRUPTED;
        }
        Outcome ended = connection.blockedCallOutcome();
        if (ended != null) {
          return ended;
        }
        if (hang != null && !connection.hangs(hang)) {
          return Outcome.ELAPSED;
        }
        long elapsed = System.nanoTime() - start;
        long remaining = delayNanos - elapsed;
        Outcome due = Outcome.ELAPSED;
        long network = connection.networkTimeoutNanos();
        if (network > 0 && network - elapsed < remaining) {
          remaining = network - elapsed;
          due = Outcome.NETWORK_TIMEOUT;
        }
        if (callTimeoutNanos > 0 && callTimeoutNanos - elapsed < remaining) {
          remaining = callTimeoutNanos - elapsed;
          due = Outcome.CALL_TIMEOUT;
        }
        if (remaining <= 0) {
          return due;
        }
        LockSupport.parkNanos(Blocker.class, Math.min(remaining, MAX_PARK_NANOS));
      }
    } finally {
      WAITING.remove(thread);
    }
  }

  /**
   * Sleeps without a connection (connect latency).
   *
   * @return false if the thread was interrupted (its flag is kept), true when the time passed
   */
  static boolean sleep(long nanos) {
    Thread thread = Thread.currentThread();
    long deadline = System.nanoTime() + nanos;
    for (long remaining = nanos; remaining > 0; remaining = deadline - System.nanoTime()) {
      if (thread.isInterrupted()) {
        return false;
      }
      LockSupport.parkNanos(Blocker.class, remaining);
    }
    return !thread.isInterrupted();
  }

  /** Wakes the threads blocked on behalf of {@code connection}; they re-check and decide. */
  static void wake(AbstractFaultConnection connection) {
    if (!WAITING.isEmpty()) {
      WAITING.forEach((thread, waitingOn) -> {
        if (waitingOn == connection) {
          LockSupport.unpark(thread);
        }
      });
    }
  }

  /** Wakes every blocked thread, after a restart. */
  static void wakeAll() {
    WAITING.keySet().forEach(LockSupport::unpark);
  }
}
