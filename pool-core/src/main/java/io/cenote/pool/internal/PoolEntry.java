package io.cenote.pool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One pooled resource and its bookkeeping. Ownership moves by compare-and-set on {@link #state}:
 * whoever moves an entry out of {@link #IDLE} or {@link #IN_USE} owns it exclusively until it
 * sets the state again, so the timestamp fields need no further synchronisation beyond the
 * volatile state write that publishes them.
 *
 * @param <T> the resource type
 */
public final class PoolEntry<T> extends EntryPadding {

  /** Free: may be taken by a borrower or the housekeeper. */
  static final int IDLE = 0;
  /**
   * Lent to a borrower: set only once the borrow passed its checks and {@link #borrowedAt} is
   * this borrow's, so the housekeeper and shutdown may treat every IN_USE entry as lent.
   */
  static final int IN_USE = 1;
  /**
   * Held by one thread of the pool: being checked out (pre-ping), handed to a waiter, validated,
   * returned, or destroyed. Nobody else moves an entry out of this state.
   */
  static final int RESERVED = 2;
  /** Gone for good. */
  static final int REMOVED = 3;
  /**
   * Briefly held by the housekeeper while it decides whether a lent entry is a leak to reclaim;
   * a returning borrower spins until the decision is made.
   */
  static final int PROBING = 4;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(PoolEntry.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final long id;
  final T resource;
  final long createdAt;
  /** Ticker reading after which the entry retires; {@link Long#MAX_VALUE} when it never does. */
  final long retireAt;
  /** The pool's eviction epoch when this entry was created; an older epoch means evicted. */
  final int epoch;

  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;
  /** When the last borrower returned it (idle timeout counts from here). */
  long lastUsedAt;
  /** When it was last known to work: returned or validated (the pre-ping bypass counts here). */
  long lastCheckedAt;
  /** Written before the state becomes IN_USE, so a reader that saw IN_USE sees this borrow's. */
  long borrowedAt;
  /** Hold times of this entry's borrows, recorded by whoever owns it at the time. */
  final OwnedHistogram holdTime = new OwnedHistogram();
  /** Borrows so far (for maxUses). */
  long useCount;
  /**
   * Returns so far, bumped before the entry can be lent again: the housekeeper uses it to tell
   * one borrow of this entry from the next.
   */
  volatile long returns;
  /** Where the current borrower took it; captured only when leak detection is on. */
  volatile Throwable borrowSite;
  volatile boolean leakReported;

  PoolEntry(long id, T resource, long createdAt, long retireAt, int epoch) {
    this.id = id;
    this.resource = resource;
    this.createdAt = createdAt;
    this.retireAt = retireAt;
    this.epoch = epoch;
    this.lastUsedAt = createdAt;
    this.lastCheckedAt = createdAt;
    this.state = RESERVED;
  }

  /** @return the entry's id, unique within its pool */
  public long id() {
    return id;
  }

  /** @return the pooled resource */
  public T resource() {
    return resource;
  }

  int state() {
    return state;
  }

  void setState(int newState) {
    state = newState;
  }

  boolean compareAndSet(int expected, int newState) {
    return STATE.compareAndSet(this, expected, newState);
  }

  /**
   * Moves a lent entry to {@code RESERVED} for the borrower returning it, waiting out a
   * housekeeper probe.
   *
   * @return false when the entry is no longer lent (reclaimed or aborted meanwhile)
   */
  boolean takeBackFromBorrower() {
    for (;;) {
      int s = state;
      if (s == IN_USE) {
        if (STATE.compareAndSet(this, IN_USE, RESERVED)) {
          return true;
        }
      } else if (s == PROBING) {
        Thread.onSpinWait();
      } else {
        return false;
      }
    }
  }

  @Override
  public String toString() {
    return "PoolEntry{id=" + id + ", state=" + state + "}";
  }
}
