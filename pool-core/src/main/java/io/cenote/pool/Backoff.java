package io.cenote.pool;

import io.cenote.pool.internal.Backoffs;
import java.time.Duration;

/**
 * How long the pool waits before it tries again to open a connection after a failed attempt,
 * set with {@link PoolConfig.Builder#connectionBackoff(Backoff)}. Used only by connection
 * creation (start-up and the background creator), never by borrows.
 *
 * <p>The default, {@link #exponential(Duration, Duration) exponential(10ms, 1s)}, doubles the
 * delay after each failure up to the maximum, and waits a random time between half the delay
 * and the full delay, so pools that lost their database together do not reconnect in lockstep.
 * {@code pool-resilience} installs its retry backoff here so creation and retries share one
 * policy.
 *
 * <p>Implementations must be thread-safe and fast; a negative result is treated as zero.
 */
@FunctionalInterface
public interface Backoff {

  /**
   * Returns the pause before the next attempt.
   *
   * @param attempt how many attempts have failed so far in this run, starting at 1
   * @return the delay in nanoseconds, zero or more
   */
  long delayNanos(int attempt);

  /**
   * Returns the default backoff: {@code exponential(10ms, 1s)}.
   *
   * @return the default
   */
  static Backoff defaults() {
    return Backoffs.DEFAULT;
  }

  /**
   * Returns an exponential backoff with jitter: the n-th delay is {@code min(initial * 2^(n-1),
   * max)}, of which a random 50-100% is waited.
   *
   * <p>In properties and environment variables: {@code connectionBackoff=exponential(10ms,1s)}.
   *
   * @param initial the first delay, more than zero
   * @param max the largest delay, at least {@code initial}
   * @return the backoff; its {@code toString()} is {@code exponential(<initial>,<max>)}
   * @throws IllegalArgumentException naming the bad value
   */
  static Backoff exponential(Duration initial, Duration max) {
    return new Backoffs.Exponential(initial, max);
  }

  /**
   * Returns a backoff that always waits the same time.
   *
   * <p>In properties and environment variables: {@code connectionBackoff=fixed(100ms)}.
   *
   * @param delay zero or more
   * @return the backoff; its {@code toString()} is {@code fixed(<delay>)}
   * @throws IllegalArgumentException for a negative delay
   */
  static Backoff fixed(Duration delay) {
    return new Backoffs.Fixed(delay);
  }
}
