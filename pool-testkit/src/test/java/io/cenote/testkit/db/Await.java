package io.cenote.testkit.db;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition for the integration tests (replication is asynchronous). */
final class Await {

  private Await() {}

  static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      Thread.sleep(20);
    }
  }
}
