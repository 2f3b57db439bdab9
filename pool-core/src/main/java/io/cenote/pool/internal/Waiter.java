package io.cenote.pool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A borrower parked in the FIFO queue. A releasing thread hands it an entry by moving
 * {@link #slot} from null to the entry; the waiter gives up (timeout, interrupt, shutdown) by
 * moving it from null to {@link #CANCELLED}. Exactly one of the two wins, so an entry is never
 * handed to a waiter that has left, and a waiter never leaves holding an entry it did not see.
 */
final class Waiter {

  static final Object CANCELLED = new Object();

  private static final VarHandle SLOT;

  static {
    try {
      SLOT = MethodHandles.lookup().findVarHandle(Waiter.class, "slot", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Thread thread;
  private volatile Object slot;

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
}
