package io.cenote.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits in tests for a condition another thread makes true. The bound is generous on purpose:
 * what is awaited takes milliseconds when the code works, and a loaded two-core CI machine must
 * not turn a pass into a failure; a real defect still fails, only later.
 */
public final class Polling {

  /** Short enough to notice a change promptly, long enough not to burn a core while waiting. */
  private static final long PAUSE_MILLIS = 5;

  private Polling() {}

  /**
   * Polls until the condition holds.
   *
   * @param what what is awaited, for the failure message
   * @param timeout how long to wait at most
   * @param condition the condition
   * @throws AssertionError naming {@code what} when the timeout passes, or when interrupted
   */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until "
            + what);
      }
      try {
        Thread.sleep(PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
  }
}
