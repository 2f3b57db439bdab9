package io.cenote.pool.internal;

import io.cenote.pool.PoolClosedException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds the pool's entries and its queue of waiting borrowers, and moves entries between them.
 *
 * <p>Design. The entries live in a copy-on-write array: it changes only when a connection is
 * opened or closed, and is read without locks by every borrow. A borrow scans the array,
 * starting at the index its thread took last (a small hint table keyed by thread id, so a
 * thread tends to get its previous entry back with no thread-local state), and takes the first
 * idle entry with a compare-and-set on its state: no lock, no allocation.
 *
 * <p>Waiters. A borrow that finds nothing joins a FIFO queue. Only the head of the queue looks
 * for idle entries, so waiters are served in arrival order. The bag runs in one of two modes,
 * like a fair-after-a-while lock (Go's {@code sync.Mutex} works the same way):
 * <ul>
 *   <li><b>Normal</b>: a returning thread marks its entry idle and wakes the head waiter; a
 *       running thread that asks at that moment may take the entry first. Under heavy load this
 *       keeps connections moving between threads that are already on a CPU instead of paying a
 *       park/unpark round trip through the scheduler for every borrow.
 *   <li><b>Strict hand-off</b>: as soon as any waiter has waited {@link #STARVATION_NANOS},
 *       returning threads hand entries straight to the head waiter (a compare-and-set on its
 *       slot) and new borrowers queue behind it, until no waiter is that old. No waiter is
 *       overtaken for longer than that bound.
 * </ul>
 *
 * <p>Lost wake-ups are closed from both sides: a waiter marks itself parked and then looks once
 * more at its slot and (if head) the idle entries before it sleeps; a returning thread writes the
 * entry's state or the slot before it looks at the queue. A waiter that leaves wakes the next
 * head if entries lie idle. In strict mode a returning thread that finds a waiter arrived after
 * it marked its entry idle takes the entry back and hands it over.
 *
 * <p>Waiters yield a few times before they park, and park with {@link LockSupport}; nothing
 * here blocks on a monitor, so virtual threads are never pinned. A park permit is a single bit
 * that any park on the way consumes, including one inside a lock the waiter takes (asking the
 * creator for a new entry does), so a waiter re-checks its slot and the pool's state after such
 * a call rather than trusting the permit.
 */
final class EntryBag<T> {

  @SuppressWarnings("rawtypes")
  private static final PoolEntry[] EMPTY = new PoolEntry[0];
  /** How long a waiter may be overtaken before the bag switches to strict hand-off. */
  static final long STARVATION_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /**
   * Yields before a waiter parks; none on a single CPU, where spinning only delays others. Few:
   * more helps a CPU-bound benchmark a little but takes CPU from a database on the same host.
   */
  private static final int SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 4 : 0;

  /** Slots of the scan-start hint table; a thread uses slot {@code id % HINT_SLOTS}. */
  private static final int HINT_SLOTS = 64;
  /** Ints between two slots: one cache line, so threads on different cores never share one. */
  private static final int HINT_STRIDE = 16;

  private final ReentrantLock writeLock = new ReentrantLock();
  /** Per thread slot, the index of the entry that slot's thread took last. */
  private final int[] hints = new int[HINT_SLOTS * HINT_STRIDE];
  @SuppressWarnings("unchecked")
  private volatile PoolEntry<T>[] entries = EMPTY;
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  /** Waiters queued longer than {@link #STARVATION_NANOS}; above zero means strict hand-off. */
  private final AtomicInteger starving = new AtomicInteger();

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

  /**
   * Counts the entries in one state by a scan of the entry array: no lock, no allocation, and
   * no counter the borrow path would have to keep (a shared one would be a contended write on
   * every borrow and return).
   *
   * @param state a {@link PoolEntry} state
   * @return entries in that state as the scan passed them
   */
  int count(int state) {
    int n = 0;
    for (PoolEntry<T> e : entries) {
      if (e.state() == state) {
        n++;
      }
    }
    return n;
  }

  /** @return entries not yet removed (one leaving the pool is briefly still in the array) */
  int open() {
    return entries.length - count(PoolEntry.REMOVED);
  }

  /** @return borrowers currently queued */
  int waiting() {
    return waiting.get();
  }

  /** @return true when no borrower is queued */
  boolean noWaiters() {
    return waiters.isEmpty();
  }

  /** @return true while a waiter has waited too long: new borrowers must queue behind it */
  boolean starving() {
    return starving.get() > 0;
  }

  /**
   * Takes an idle entry, or returns null. The entry comes back {@code RESERVED}: the caller marks
   * it {@code IN_USE} once it is really lent.
   *
   * <p>The scan starts at the entry the calling thread (or another thread sharing its hint slot)
   * took last, so a thread tends to get its previous entry back, warm in its core's cache,
   * without first reading the state of entries other cores are writing. Under contention those
   * reads were the largest cost of a borrow. The hint is a plain int written racily: a stale
   * value only changes where the scan starts.
   */
  PoolEntry<T> poll() {
    PoolEntry<T>[] snapshot = entries;
    int n = snapshot.length;
    if (n == 0) {
      return null;
    }
    int hint = ((int) Thread.currentThread().getId() & (HINT_SLOTS - 1)) * HINT_STRIDE;
    int start = hints[hint];
    if (start >= n) {
      start = 0; // entries were removed since the hint was written
    }
    for (int i = 0; i < n; i++) {
      int index = start + i < n ? start + i : start + i - n;
      PoolEntry<T> e = snapshot[index];
      if (e.state() == PoolEntry.IDLE && e.compareAndSet(PoolEntry.IDLE, PoolEntry.RESERVED)) {
        if (index != start) {
          hints[hint] = index;
        }
        return e;
      }
    }
    return null;
  }

  /**
   * Joins the queue and waits until an entry is handed over, or (as head of the queue) taken
   * idle, or the deadline passes.
   *
   * @param deadline {@link System#nanoTime()} reading to give up at
   * @param gate decides whether idle entries may be taken now, and requests new ones
   * @return the entry, {@code RESERVED} for the caller, or null on timeout
   * @throws InterruptedException when interrupted before an entry arrived
   * @throws PoolClosedException when the pool closed while waiting
   */
  PoolEntry<T> await(long deadline, WaitGate gate) throws InterruptedException {
    Waiter waiter = new Waiter(Thread.currentThread());
    long since = System.nanoTime();
    waiters.add(waiter);
    waiting.incrementAndGet(); // after joining, so waiting() never counts a borrower not queued
    boolean starved = false;
    boolean left = false;
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
        PoolEntry<T> idle = mayTakeIdle(waiter, gate) ? poll() : null;
        if (idle != null) {
          if (waiter.cancel()) {
            return idle;
          }
          // An entry was handed over meanwhile: keep that one, give the scanned one back.
          release(idle, gate);
          continue;
        }
        gate.demand();
        if (waiter.slot() != null || gate.closed()) {
          // demand() may have parked on the creator's queue lock and so used up the permit of
          // the unpark that came with a hand-off or wakeAll(): look again instead of parking.
          continue;
        }
        long now = System.nanoTime();
        long remaining = deadline - now;
        if (remaining <= 0) {
          if (waiter.cancel()) {
            return null;
          }
          continue;
        }
        if (!starved && now - since >= STARVATION_NANOS) {
          starved = true;
          starving.incrementAndGet();
        }
        if (spins > 0) {
          // A hand-off usually comes within microseconds under load: yielding a few times is
          // far cheaper than a park/unpark round trip through the scheduler.
          spins--;
          Thread.yield();
          continue;
        }
        // Until starving, wake up in time to claim strict hand-off.
        long sleep = starved ? remaining : Math.min(remaining, STARVATION_NANOS - (now - since));
        waiter.parked = true;
        // demandMet() after the flag: a creation counted on at demand() above may since have
        // finished and its entry been taken by a running borrower, whose release found this
        // waiter not yet parked and so woke nobody; then ask again instead of sleeping.
        if (waiter.slot() == null && !gate.closed() && !idleFor(waiter, gate)
            && gate.demandMet()) {
          LockSupport.parkNanos(this, sleep);
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
    } catch (RuntimeException | Error e) {
      left = true;
      throw e;
    } finally {
      if (left && !waiter.cancel()) {
        // Something unexpected (an Error from demand(), say) ended the wait after an entry was
        // handed over: give the entry back rather than lose its slot.
        PoolEntry<T> handed = handedTo(waiter);
        if (handed != null) {
          release(handed, gate);
        }
      }
      waiting.decrementAndGet();
      if (starved) {
        starving.decrementAndGet();
      }
      if (waiter.slot() == Waiter.CANCELLED) {
        waiters.remove(waiter);
      }
      // The next head may sleep while entries lie idle (two returns woke only this waiter).
      Waiter next = waiters.peek();
      if (next != null && gate.lending() && anyIdle()) {
        next.wake();
      }
    }
  }

  /** Only the head of the queue takes idle entries, so waiters are served in order. */
  private boolean mayTakeIdle(Waiter waiter, WaitGate gate) {
    return gate.lending() && waiters.peek() == waiter;
  }

  private boolean idleFor(Waiter waiter, WaitGate gate) {
    return mayTakeIdle(waiter, gate) && anyIdle();
  }

  private boolean anyIdle() {
    for (PoolEntry<T> e : entries) {
      if (e.state() == PoolEntry.IDLE) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private PoolEntry<T> handedTo(Waiter waiter) {
    Object slot = waiter.slot();
    return slot instanceof PoolEntry ? (PoolEntry<T>) slot : null;
  }

  /**
   * Makes an entry the caller owns ({@code RESERVED}) available again. In strict mode it goes
   * straight to the head waiter (staying {@code RESERVED}, now owned by the waiter); otherwise it
   * becomes idle and the head waiter, if asleep, is woken to take it.
   */
  void release(PoolEntry<T> entry, WaitGate gate) {
    for (;;) {
      if (starving.get() > 0 && gate.lending()) {
        Waiter w;
        while ((w = waiters.poll()) != null) {
          if (w.offer(entry)) {
            w.wake();
            return;
          }
        }
      }
      entry.setState(PoolEntry.IDLE);
      if (!gate.lending()) {
        return;
      }
      Waiter head = waiters.peek();
      if (head == null) {
        return;
      }
      if (starving.get() == 0) {
        head.wake();
        return;
      }
      // Strict mode and a waiter arrived after our poll: take the entry back and hand it over.
      if (!entry.compareAndSet(PoolEntry.IDLE, PoolEntry.RESERVED)) {
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

    /**
     * @return true when queued borrowers are provided for (creations under way cover them, or
     *     none can start: the pool is full, suspended or closed); false when {@link #demand()}
     *     should run again before a waiter sleeps
     */
    boolean demandMet();
  }
}
