package io.cenote.examples.console;

import io.cenote.pool.CloseReason;

/** Words for pool events that the demo and the simulator print alike. */
public final class EventText {

  private EventText() {}

  /**
   * Explains why the pool closed a connection.
   *
   * @param reason the reason
   * @return e.g. {@code reached maxLifetime}
   */
  public static String closeReason(CloseReason reason) {
    return switch (reason) {
      case LIFETIME -> "reached maxLifetime";
      case MAX_USES -> "reached maxUses";
      case IDLE -> "idle longer than idleTimeout";
      case INVALID -> "failed validation";
      case LEAK -> "held past leakReclaim";
      case EVICTED -> "evicted";
      case OVERFLOW -> "beyond maxSize, returned while nobody waited";
      case SHUTDOWN -> "pool shut down";
    };
  }

  /**
   * Finds the first frame of a borrow site outside the pool: the code that borrowed.
   *
   * @param borrowSite the throwable captured at borrow time, possibly null
   * @return {@code class.method(File.java:line)}, or a note when there is no stack
   */
  public static String callerFrame(Throwable borrowSite) {
    if (borrowSite != null) {
      for (StackTraceElement f : borrowSite.getStackTrace()) {
        if (!f.getClassName().startsWith("io.cenote.pool.")) {
          return f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
              + f.getLineNumber() + ")";
        }
      }
    }
    return "(no stack captured)";
  }
}
