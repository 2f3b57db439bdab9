package io.cenote.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * The kind of thread a concurrency test runs its borrowers on (after resilience4j's
 * {@code ThreadModeTestBase}); shared by every module's concurrency tests. We compile with {@code --release 17}, so virtual threads are
 * reached by reflection; on a JDK without them the {@link #VIRTUAL} variant is skipped with an
 * assumption, on JDK 21+ it runs.
 */
public enum ThreadMode {
  /** One platform thread per borrower. */
  PLATFORM,
  /** One virtual thread per borrower, and many more borrowers. */
  VIRTUAL;

  private static final Method NEW_VIRTUAL_EXECUTOR = virtualExecutorFactory();

  private static Method virtualExecutorFactory() {
    try {
      return Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** Skips the calling test when this mode cannot run on the current JDK. */
  public void assumeAvailable() {
    Assumptions.assumeTrue(this == PLATFORM || NEW_VIRTUAL_EXECUTOR != null,
        () -> "virtual threads need JDK 21+, this is " + Runtime.version());
  }

  /**
   * @param platform borrowers to run on platform threads
   * @param virtual borrowers to run on virtual threads
   * @return the number for this mode
   */
  public int borrowers(int platform, int virtual) {
    return this == PLATFORM ? platform : virtual;
  }

  /**
   * @param name prefix of platform thread names
   * @return an executor that starts a new thread of this kind for every task
   */
  public ExecutorService newExecutor(String name) {
    if (this == PLATFORM) {
      AtomicInteger n = new AtomicInteger();
      return Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, name + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    assumeAvailable();
    try {
      return (ExecutorService) NEW_VIRTUAL_EXECUTOR.invoke(null);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot create a virtual thread executor", e);
    }
  }
}
