package io.cenote.pool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A borrower waiting in the FIFO queue. A releasing thread hands it an entry by moving
 * {@link #slot} from null to the entry; the waiter gives up (timeout, interrupt, shutdown) by
 * moving it from null to {@link #CANCELLED}. Exactly one of the two wins, so an entry is never
 * handed to a waiter that has left, and a waiter never leaves holding an entry it did not see.
 */
final class Waiter {

  static final Object CANCELLED = new Object();

  private static final VarHandle SLOT;
  private static final VarHandle PARKED;

  static {
    try {
      SLOT = MethodHandles.lookup().findVarHandle(Waiter.class, "slot", Object.class);
      PARKED = MethodHandles.lookup().findVarHandle(Waiter.class, "parked", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Thread thread;
  private volatile Object slot;
  /**
   * True while the waiter is (about to be) parked. It is unparked only then, and only once per
   * sleep: a waiter still spinning sees its slot by itself, and an unpark costs a system call.
   * The waiter sets the flag before its last look at its slot and the idle entries; a releaser
   * writes the slot or an entry's idle state before it reads the flag; so one of them always
   * sees the other.
   */
  volatile boolean parked;

  Waiter(Thread thread) {
    this.thread = thread;
  }

  /** Hands the entry over; false when the waiter has already given up. */
  boolean offer(PoolEntry<?> entry) {
    return SLOT.compareAndSet(this, null, entry);
  }

  /** Gives up waiting; false when an entry was handed over first (then take it from slot()). */
  boolean cancel() {
    return SLOT.compareAndSet(this, null, CANCELLED);
  }

  Object slot() {
    return slot;
  }

  /** Unparks the waiter if it sleeps and nobody has woken it since it went to sleep. */
  void wake() {
    if (parked && PARKED.compareAndSet(this, true, false)) {
      LockSupport.unpark(thread);
    }
  }
}
