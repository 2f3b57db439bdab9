package io.cenote.micrometer.internal;

import io.cenote.pool.DurationHistogram;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The recent part of a cumulative histogram, for percentile and maximum gauges that describe
 * the last minutes rather than the time since start (as Micrometer's own timers do, with their
 * two-minute expiry in three steps). Every {@link #STEP_NANOS} a reading is kept as a base; the
 * window is the newest histogram minus the oldest base still younger than
 * {@link #EXPIRY_NANOS} plus one step. The first base is empty, so until it expires the window
 * holds everything since the pool started. Nothing happens between readings, so the borrow
 * path never pays for it.
 */
final class TimeWindow {

  /** How much history percentiles describe: Micrometer's default distribution expiry. */
  static final long EXPIRY_NANOS = TimeUnit.MINUTES.toNanos(2);
  /** How often a base is kept: Micrometer's default three buffers per expiry. */
  static final long STEP_NANOS = EXPIRY_NANOS / 3;

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Base> bases = new ArrayDeque<>();
  private DurationHistogram lastInput;
  private DurationHistogram lastWindow;

  private record Base(long at, DurationHistogram histogram) {}

  /**
   * @param now the clock's monotonic reading
   * @param current the cumulative histogram now
   * @return the durations of about the last {@link #EXPIRY_NANOS}
   */
  DurationHistogram over(long now, DurationHistogram current) {
    lock.lock();
    try {
      if (current == lastInput) {
        return lastWindow; // the same snapshot, read by the next gauge of this scrape
      }
      if (bases.isEmpty()) {
        bases.addLast(new Base(now, DurationHistogram.EMPTY));
      }
      if (now - bases.peekLast().at >= STEP_NANOS) {
        bases.addLast(new Base(now, current));
      }
      while (bases.size() > 1 && now - bases.peekFirst().at >= EXPIRY_NANOS + STEP_NANOS) {
        bases.removeFirst();
      }
      lastInput = current;
      lastWindow = current.since(bases.peekFirst().histogram);
      return lastWindow;
    } finally {
      lock.unlock();
    }
  }
}
