package io.cenote.pool;

/**
 * A source of monotonic time in nanoseconds, injected so that lifetime, idle, leak and wait
 * behaviour can be tested without sleeping.
 *
 * <p>Production code uses {@link #system()}; tests pass a manually advanced ticker through
 * {@link PoolConfig.Builder#ticker(Ticker)}.
 */
@FunctionalInterface
public interface Ticker {

  /**
   * Returns the current reading in nanoseconds; only differences between readings are meaningful.
   *
   * @return a monotonic nanosecond reading
   */
  long read();

  /**
   * Returns the ticker backed by {@link System#nanoTime()}.
   *
   * @return the system ticker
   */
  static Ticker system() {
    return System::nanoTime;
  }
}
