package io.cenote.testkit.net;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The faults of one proxy: a {@link PathFaults} snapshot per direction and whether new
 * connections are refused.
 *
 * <p>Design: forwarding threads read the snapshots through volatile fields, so a healthy proxy
 * costs them two volatile reads per chunk. Changes take {@link #lock}, replace the snapshots, then
 * bump {@link #version} and wake every thread waiting in {@link #awaitChange}. A waiter reads the
 * version before the snapshots it bases its wait on, and waits only while the version is still
 * the one it read, so a change made between its read and its wait is never missed.
 */
final class Faults {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile PathFaults upstream = PathFaults.NONE;
  private volatile PathFaults downstream = PathFaults.NONE;
  private volatile boolean refusing;
  private volatile long version;

  /** Returns the number of changes so far; read it before {@link #of} to wait on a change. */
  long version() {
    return version;
  }

  /** Returns the faults of {@code way}, which is UPSTREAM or DOWNSTREAM. */
  PathFaults of(Direction way) {
    return way == Direction.UPSTREAM ? upstream : downstream;
  }

  boolean refusing() {
    return refusing;
  }

  /** Applies {@code change} to the faults of every direction {@code direction} covers. */
  void update(Direction direction, UnaryOperator<PathFaults> change) {
    lock.lock();
    try {
      if (direction.covers(Direction.UPSTREAM)) {
        upstream = change.apply(upstream);
      }
      if (direction.covers(Direction.DOWNSTREAM)) {
        downstream = change.apply(downstream);
      }
      publish();
    } finally {
      lock.unlock();
    }
  }

  void refuse(boolean refuse) {
    lock.lock();
    try {
      refusing = refuse;
      publish();
    } finally {
      lock.unlock();
    }
  }

  /** Clears every fault, refusal included. */
  void clear() {
    lock.lock();
    try {
      upstream = PathFaults.NONE;
      downstream = PathFaults.NONE;
      refusing = false;
      publish();
    } finally {
      lock.unlock();
    }
  }

  /** Call with the lock held, after the fields have changed. */
  private void publish() {
    version++;
    changed.signalAll();
  }

  /**
   * Waits until the faults change from version {@code seen} or {@code nanos} pass.
   *
   * @return true if they changed, false if the time passed
   * @throws InterruptedException when the connection is closing
   */
  boolean awaitChange(long seen, long nanos) throws InterruptedException {
    lock.lock();
    try {
      long remaining = nanos;
      while (version == seen) {
        if (remaining <= 0) {
          return false;
        }
        remaining = changed.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    PathFaults up = upstream;
    PathFaults down = downstream;
    boolean refuse = refusing;
    if (up.healthy() && down.healthy() && !refuse) {
      return "healthy";
    }
    return "upstream " + up + ", downstream " + down + (refuse ? ", refusing new connections" : "");
  }
}
