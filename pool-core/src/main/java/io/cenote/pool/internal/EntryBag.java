package io.cenote.pool.internal;

import io.cenote.pool.PoolClosedException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds the pool's entries and its queue of waiting borrowers, and moves entries between them.
 *
 * <p>Design. The entries live in a copy-on-write array: it changes only when a connection is
 * opened or closed, and is read without locks by every borrow. A borrow that finds the queue
 * empty scans the array from the start and takes the first idle entry with a compare-and-set on
 * its state (no lock, no allocation). Starting at index 0 concentrates load on the oldest
 * entries, so surplus ones stay untouched and reach their idle timeout.
 *
 * <p>When borrowers wait, fairness matters more than affinity: a new borrower that sees a
 * non-empty queue joins its tail instead of scanning, and a returning thread hands its entry
 * straight to the head waiter (a compare-and-set on the waiter's slot) before it would mark the
 * entry idle. Waiters are therefore served first-come first-served.
 *
 * <p>The lost wake-up (a borrower enqueues just after a returning thread saw an empty queue and
 * marked its entry idle) is closed from both sides: a new waiter scans once more after
 * enqueueing, and a returning thread re-checks the queue after marking the entry idle and, if
 * someone arrived, takes the entry back and hands it over.
 *
 * <p>Waiters park with {@link LockSupport}; nothing here blocks on a monitor, so virtual threads
 * are never pinned. A park permit is a single bit that any park on the way consumes, including
 * one inside a lock the waiter takes (asking the creator for a new entry does), so a waiter
 * re-checks its slot and the pool's state after such a call rather than trusting the permit.
 */
final class EntryBag<T> {

  @SuppressWarnings("rawtypes")
  private static final PoolEntry[] EMPTY = new PoolEntry[0];
  /** Yields before a waiter parks; none on a single CPU, where spinning only delays others. */
  private static final int SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 16 : 0;

  private final ReentrantLock writeLock = new ReentrantLock();
  @SuppressWarnings("unchecked")
  private volatile PoolEntry<T>[] entries = EMPTY;
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();

  /** Adds a newly created entry (still {@code RESERVED}; the caller then releases it). */
  void add(PoolEntry<T> entry) {
    writeLock.lock();
    try {
      PoolEntry<T>[] current = entries;
      PoolEntry<T>[] next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = entry;
      entries = next;
    } finally {
      writeLock.unlock();
    }
  }

  /** Removes an entry for good; returns false when it was not present. */
  boolean remove(PoolEntry<T> entry) {
    writeLock.lock();
    try {
      PoolEntry<T>[] current = entries;
      for (int i = 0; i < current.length; i++) {
        if (current[i] == entry) {
          PoolEntry<T>[] next = Arrays.copyOf(current, current.length - 1);
          System.arraycopy(current, i + 1, next, i, current.length - i - 1);
          entries = next;
          return true;
        }
      }
      return false;
    } finally {
      writeLock.unlock();
    }
  }

  /** @return a snapshot of all entries, for housekeeping and statistics */
  PoolEntry<T>[] snapshot() {
    return entries;
  }

  /** @return the number of entries */
  int size() {
    return entries.length;
  }

  /** @return borrowers currently queued */
  int waiting() {
    return waiting.get();
  }

  /** @return true when no borrower is queued */
  boolean noWaiters() {
    return waiters.isEmpty();
  }

  /**
   * Takes an idle entry, or returns null. The entry comes back {@code RESERVED}: the caller marks
   * it {@code IN_USE} once it is really lent.
   *
   * <p>The scan starts at an index derived from the calling thread's identity, so a thread tends
   * to get the entry it used last (warm in its core's cache) and threads do not collide on the
   * first entries, with no thread-local state and no allocation.
   */
  PoolEntry<T> poll() {
    PoolEntry<T>[] snapshot = entries;
    int n = snapshot.length;
    if (n == 0) {
      return null;
    }
    int start = (System.identityHashCode(Thread.currentThread()) & Integer.MAX_VALUE) % n;
    for (int i = 0; i < n; i++) {
      int index = start + i;
      PoolEntry<T> e = snapshot[index < n ? index : index - n];
      if (e.state() == PoolEntry.IDLE && e.compareAndSet(PoolEntry.IDLE, PoolEntry.RESERVED)) {
        return e;
      }
    }
    return null;
  }

  /**
   * Joins the queue and waits until an entry is handed over or the deadline passes.
   *
   * @param deadline {@link System#nanoTime()} reading to give up at
   * @param gate decides whether idle entries may be taken now, and requests new ones
   * @return the entry, or null on timeout
   * @throws InterruptedException when interrupted before an entry arrived
   * @throws PoolClosedException when the pool closed while waiting
   */
  PoolEntry<T> await(long deadline, WaitGate gate) throws InterruptedException {
    Waiter waiter = new Waiter(Thread.currentThread());
    waiters.add(waiter);
    waiting.incrementAndGet(); // after joining, so waiting() never counts a borrower not queued
    int spins = SPINS;
    try {
      for (;;) {
        PoolEntry<T> handed = handedTo(waiter);
        if (handed != null) {
          return handed;
        }
        if (gate.closed()) {
          if (waiter.cancel()) {
            throw gate.closedException();
          }
          continue;
        }
        if (gate.lending()) {
          PoolEntry<T> idle = poll();
          if (idle != null) {
            if (waiter.cancel()) {
              return idle;
            }
            // An entry was handed over meanwhile: keep that one, give the scanned one back.
            release(idle, gate);
            continue;
          }
        }
        gate.demand();
        if (waiter.slot() != null || gate.closed()) {
          // demand() may have parked on the creator's queue lock and so used up the permit of
          // the unpark that came with a hand-off or wakeAll(): look again instead of parking.
          continue;
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          if (waiter.cancel()) {
            return null;
          }
          continue;
        }
        if (spins > 0) {
          // A hand-off usually comes within microseconds under load: yielding a few times is
          // far cheaper than a park/unpark round trip through the scheduler.
          spins--;
          Thread.yield();
          continue;
        }
        waiter.parked = true;
        if (waiter.slot() == null && !gate.closed()) {
          LockSupport.parkNanos(this, remaining);
        }
        waiter.parked = false;
        if (Thread.interrupted()) {
          if (waiter.cancel()) {
            throw new InterruptedException();
          }
          // Interrupted after an entry arrived: the borrow succeeded, keep the flag for later.
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      waiting.decrementAndGet();
      if (waiter.slot() == Waiter.CANCELLED) {
        waiters.remove(waiter);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private PoolEntry<T> handedTo(Waiter waiter) {
    Object slot = waiter.slot();
    return slot instanceof PoolEntry ? (PoolEntry<T>) slot : null;
  }

  /**
   * Makes an entry the caller owns ({@code RESERVED}) available again: to the head waiter if
   * there is one and the gate is open (the entry stays {@code RESERVED}, now owned by the
   * waiter), else as idle.
   */
  void release(PoolEntry<T> entry, WaitGate gate) {
    for (;;) {
      if (gate.lending()) {
        Waiter w;
        while ((w = waiters.poll()) != null) {
          if (w.offer(entry)) {
            if (w.parked) {
              LockSupport.unpark(w.thread);
            }
            return;
          }
        }
      }
      entry.setState(PoolEntry.IDLE);
      // Re-check: a borrower may have enqueued after our poll but scanned before our write.
      if (waiters.isEmpty() || !gate.lending()
          || !entry.compareAndSet(PoolEntry.IDLE, PoolEntry.RESERVED)) {
        return;
      }
    }
  }

  /** Wakes every waiter so it re-checks the gate (resume, shutdown, capacity change). */
  void wakeAll() {
    for (Waiter w : waiters) {
      LockSupport.unpark(w.thread);
    }
  }

  /** What the bag needs to know from its pool while borrowers wait. */
  interface WaitGate {
    /** @return true when entries may be handed out (the pool is not suspended) */
    boolean lending();

    /** @return true when the pool has closed */
    boolean closed();

    /** @return the exception a waiter throws when the pool closed */
    PoolClosedException closedException();

    /** Asks for new entries if queued borrowers outnumber pending creations. */
    void demand();
  }
}
