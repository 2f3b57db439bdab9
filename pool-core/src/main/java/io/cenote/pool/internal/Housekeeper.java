package io.cenote.pool.internal;

import io.cenote.pool.CloseReason;
import io.cenote.pool.PoolConfig;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of background care, run every second: retires idle connections past their lifetime
 * or idle timeout, validates idle ones due a keepalive, reports and optionally reclaims leaks,
 * steps adaptive sizing, closes idle connections above maxSize, refills to minIdle, and samples
 * the counters for the health window. Works on a snapshot and takes each entry with a
 * compare-and-set, so it never blocks borrowers.
 */
final class Housekeeper<T> {

  /** The pool's own logger, so leak warnings keep the logger name users filter on. */
  private static final Logger log = LoggerFactory.getLogger(Pool.class);

  /** Consecutive busy passes before adaptive sizing grows the pool. */
  private static final int GROW_AFTER = 2;
  /** Consecutive quiet passes before adaptive sizing shrinks it. */
  private static final int SHRINK_AFTER = 10;
  private static final double BUSY = 0.9;
  private static final double QUIET = 0.5;

  private final Pool<T> pool;
  private final ReentrantLock running = new ReentrantLock();
  private final long idleTimeoutNanos;
  private final long keepaliveNanos;
  private final long validationTimeoutNanos;
  private final long leakNanos;
  private final long reclaimNanos;
  private final boolean adaptive;
  private final int adaptiveMin;
  private final int adaptiveMax;
  private int busyPasses;
  private int quietPasses;

  Housekeeper(Pool<T> pool) {
    this.pool = pool;
    PoolConfig c = pool.config;
    this.idleTimeoutNanos = c.idleTimeout().toNanos();
    this.keepaliveNanos = c.keepaliveInterval().toNanos();
    this.validationTimeoutNanos = c.validationTimeout().toNanos();
    this.leakNanos = c.leakDetectionThreshold().toNanos();
    this.reclaimNanos = c.leakReclaim().toNanos();
    this.adaptive = c.adaptiveSizing();
    this.adaptiveMin = c.adaptiveMinSize();
    this.adaptiveMax = c.adaptiveMaxSize();
  }

  /**
   * Runs one pass.
   *
   * @param wait true to wait for a pass already under way and then run (an explicit
   *     {@code housekeep()}, which must see the current time); false to skip (the scheduler)
   */
  void run(boolean wait) {
    if (wait) {
      running.lock();
    } else if (!running.tryLock()) {
      return; // a pass is already under way
    }
    try {
      if (pool.isClosed()) {
        return;
      }
      long now = pool.ticker.read();
      int active = 0;
      for (PoolEntry<T> e : pool.bag.snapshot()) {
        int state = e.state();
        if (state == PoolEntry.IDLE) {
          careForIdle(e, now);
        } else if (state == PoolEntry.IN_USE) {
          active++;
          checkLeak(e, now);
        }
      }
      if (adaptive) {
        adapt(active);
      }
      // Surplus above maxSize is closed on return; what a return left idle above it (a close
      // racing with another) is closed here.
      pool.trimIdle();
      pool.fill();
      pool.sampleHealth(pool.ticker.read());
    } finally {
      running.unlock();
    }
  }

  private void careForIdle(PoolEntry<T> e, long now) {
    CloseReason retire = pool.retirement(e, now);
    boolean idleTooLong = idleTimeoutNanos > 0 && now - e.lastUsedAt > idleTimeoutNanos
        && pool.allocated() > pool.minIdle();
    boolean keepaliveDue = keepaliveNanos > 0 && now - e.lastCheckedAt >= keepaliveNanos;
    if (retire == null && !idleTooLong && !keepaliveDue) {
      return;
    }
    if (!e.compareAndSet(PoolEntry.IDLE, PoolEntry.RESERVED)) {
      return; // a borrower took it meanwhile
    }
    if (retire != null) {
      pool.destroy(e, retire, false);
    } else if (idleTooLong) {
      pool.destroy(e, CloseReason.IDLE, false);
    } else if (pool.validate(e, validationTimeoutNanos)) {
      e.lastCheckedAt = pool.ticker.read();
      pool.requite(e);
    } else {
      if (pool.events.enabled()) {
        pool.events.invalidate(e.id);
      }
      pool.destroy(e, CloseReason.INVALID, false);
    }
  }

  private void checkLeak(PoolEntry<T> e, long now) {
    if (leakNanos == 0) {
      return;
    }
    // Read the return count, then the state, then the start time: IN_USE is set only after
    // borrowedAt, and every return bumps the count, so when the count is unchanged afterwards
    // all three describe the same borrow (not an earlier one, nor a checkout in progress).
    long borrow = e.returns;
    if (e.state() != PoolEntry.IN_USE) {
      return;
    }
    long held = now - e.borrowedAt;
    if (held > leakNanos && !e.leakReported && e.returns == borrow) {
      e.leakReported = true;
      reportLeak(e, held);
    }
    if (reclaimNanos > 0 && held > reclaimNanos
        && e.compareAndSet(PoolEntry.IN_USE, PoolEntry.PROBING)) {
      if (e.returns != borrow) {
        e.setState(PoolEntry.IN_USE); // returned and lent again since we looked: not a leak
        return;
      }
      e.setState(PoolEntry.RESERVED);
      reclaim(e, held);
    }
  }

  private void adapt(int active) {
    int max = pool.maxSize();
    double utilisation = (double) active / max;
    if (pool.bag.waiting() > 0 || utilisation >= BUSY) {
      busyPasses++;
      quietPasses = 0;
    } else if (utilisation < QUIET) {
      quietPasses++;
      busyPasses = 0;
    } else {
      busyPasses = 0;
      quietPasses = 0;
    }
    if (busyPasses >= GROW_AFTER && max < adaptiveMax) {
      pool.setMaxSizeAdaptively(Math.min(adaptiveMax, max + Math.max(1, max / 4)));
      busyPasses = 0;
    } else if (quietPasses >= SHRINK_AFTER && max > adaptiveMin) {
      pool.setMaxSizeAdaptively(max - 1);
      quietPasses = 0;
    }
  }

  private void reportLeak(PoolEntry<T> entry, long heldNanos) {
    Throwable site = entry.borrowSite;
    log.warn("[{}] connection {} has been held for {} ms; possible leak, borrowed at:",
        pool.name, entry.id, TimeUnit.NANOSECONDS.toMillis(heldNanos), site);
    if (pool.events.enabled()) {
      pool.events.leakSuspected(entry.id, heldNanos, site);
    }
  }

  private void reclaim(PoolEntry<T> entry, long heldNanos) {
    entry.holdTime.record(heldNanos);
    log.warn("[{}] connection {} held for {} ms exceeds leakReclaim; aborting it and"
        + " freeing its slot", pool.name, entry.id, TimeUnit.NANOSECONDS.toMillis(heldNanos));
    pool.destroy(entry, CloseReason.LEAK, true);
  }
}
