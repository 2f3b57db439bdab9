package io.cenote.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;

/**
 * Reads how many bytes the current thread has allocated, from
 * {@code com.sun.management.ThreadMXBean}, for tests that promise a path allocates nothing.
 * Reached reflectively: the modules under test do not read {@code jdk.management}, and core
 * reflection needs no read edge. The reflective call itself allocates a few dozen bytes per
 * reading, so a test measures many operations between two readings. Skips the test on a JVM
 * that does not count allocations per thread.
 */
public final class AllocationCounter {

  private final Object bean;
  private final Method allocatedBytes;
  private final long threadId;

  private AllocationCounter(Object bean, Method allocatedBytes, long threadId) {
    this.bean = bean;
    this.allocatedBytes = allocatedBytes;
    this.threadId = threadId;
  }

  /**
   * Starts counting for the calling thread.
   *
   * @return the counter; read it on the same thread
   */
  public static AllocationCounter forCurrentThread() {
    try {
      Object bean = Class.forName("java.lang.management.ManagementFactory")
          .getMethod("getThreadMXBean").invoke(null);
      Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
      boolean supported = (Boolean) type.getMethod("isThreadAllocatedMemorySupported")
          .invoke(bean);
      assumeTrue(supported, "the JVM counts allocated bytes per thread");
      type.getMethod("setThreadAllocatedMemoryEnabled", boolean.class).invoke(bean, true);
      return new AllocationCounter(bean, type.getMethod("getThreadAllocatedBytes", long.class),
          Thread.currentThread().getId());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("com.sun.management.ThreadMXBean is not available", e);
    }
  }

  /** @return the bytes the thread has allocated so far */
  public long allocatedBytes() {
    try {
      return (Long) allocatedBytes.invoke(bean, threadId);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
