package io.cenote.guice;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM shutdown hook of one run of a fleet: registered when the fleet has started, removed
 * when it stops. When the JVM exits first, the hook's thread stops the fleet.
 */
final class ShutdownHook {

  private static final Logger log = LoggerFactory.getLogger(CenoteLifecycle.class);
  /** Named like Cenote's other threads, so tests and thread dumps can tell it apart. */
  private static final String THREAD_NAME = "cenote-shutdown";

  private final Thread thread;

  private ShutdownHook(Runnable stop) {
    this.thread = new Thread(() -> {
      try {
        stop.run();
      } catch (RuntimeException e) {
        log.error("stopping the Cenote fleet at JVM shutdown failed", e);
      }
    }, THREAD_NAME);
  }

  /**
   * Registers a hook that runs {@code stop} at JVM shutdown.
   *
   * @throws IllegalStateException when the JVM is already shutting down
   */
  static ShutdownHook register(Runnable stop) {
    ShutdownHook hook = new ShutdownHook(stop);
    Runtime.getRuntime().addShutdownHook(hook.thread);
    return hook;
  }

  /** Removes the hook, unless it is the hook itself that stops the fleet. */
  void remove() {
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(thread);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting and runs its hooks: ours may be among them, and is harmless now
      log.debug("the JVM is shutting down; its hooks run", shuttingDown);
    }
  }

  /** @return the hook's thread, registered with the JVM */
  Thread thread() {
    return thread;
  }
}
