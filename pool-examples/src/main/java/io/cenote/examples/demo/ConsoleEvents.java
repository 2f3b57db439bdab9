package io.cenote.examples.demo;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.EventText;
import io.cenote.examples.console.Format;
import io.cenote.examples.console.Output;
import io.cenote.pool.CloseReason;
import io.cenote.pool.PoolListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints the pool's lifecycle events as coloured console lines. Per-borrow events (checkout,
 * checkin) are left to the statistics line; frequent ones go through an {@link EventThrottle}.
 *
 * <p>Printing is blocking I/O on the pool's threads, which a production listener should avoid;
 * it is acceptable here because the throttle keeps it to a few lines a second.
 */
final class ConsoleEvents implements PoolListener {

  private final Output out;
  private final EventThrottle throttle;
  private final AtomicInteger leaks = new AtomicInteger();
  private final CountDownLatch firstLeak = new CountDownLatch(1);

  /**
   * Creates the listener.
   *
   * @param out where to print
   * @param throttle what to show and what only to count
   */
  ConsoleEvents(Output out, EventThrottle throttle) {
    this.out = out;
    this.throttle = throttle;
  }

  /** @return how many leaks the pool has reported */
  int leaksReported() {
    return leaks.get();
  }

  /**
   * Waits until the pool has reported a leak.
   *
   * @param millis how long to wait at most
   * @return true when a leak has been reported
   * @throws InterruptedException when interrupted while waiting
   */
  boolean awaitLeak(long millis) throws InterruptedException {
    return firstLeak.await(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onConnect(String poolName, long connectionId, long elapsedNanos) {
    if (throttle.admit(EventThrottle.Kind.CONNECT)) {
      out.event(Ansi.Style.GREEN, "CONNECT",
          "connection #" + connectionId + " opened in " + Format.nanos(elapsedNanos));
    }
  }

  @Override
  public void onConnectFailure(String poolName, Throwable cause) {
    if (throttle.admit(EventThrottle.Kind.CONNECT_FAILURE)) {
      out.event(Ansi.Style.RED, "CONN FAIL", "could not open a connection: " + cause);
    }
  }

  @Override
  public void onClose(String poolName, long connectionId, CloseReason reason) {
    if (throttle.admit(EventThrottle.Kind.CLOSE)) {
      out.event(Ansi.Style.BLUE, "CLOSE", "connection #" + connectionId + " closed: "
          + out.ansi().paint(Ansi.Style.BOLD, reason.name()) + " ("
          + EventText.closeReason(reason) + ")");
    }
  }

  @Override
  public void onInvalidate(String poolName, long connectionId) {
    out.event(Ansi.Style.MAGENTA, "INVALID", "connection #" + connectionId
        + " is broken and will be replaced");
  }

  @Override
  public void onDetach(String poolName, long connectionId) {
    out.event(Ansi.Style.MAGENTA, "DETACH", "connection #" + connectionId + " left the pool");
  }

  @Override
  public void onPoolExhausted(String poolName, int waiting) {
    if (throttle.admit(EventThrottle.Kind.EXHAUSTED)) {
      out.event(Ansi.Style.YELLOW, "EXHAUSTED", "no idle connection and no room to open one; "
          + waiting + (waiting == 1 ? " borrower" : " borrowers") + " queued");
    }
  }

  @Override
  public void onAcquireTimeout(String poolName, long waitedNanos) {
    if (throttle.admit(EventThrottle.Kind.TIMEOUT)) {
      out.event(Ansi.Style.RED, "TIMEOUT", "a borrower gave up after " + Format.nanos(waitedNanos)
          + " (SQLTransientConnectionException)");
    }
  }

  @Override
  public void onLeakSuspected(String poolName, long connectionId, long heldNanos,
      Throwable borrowSite) {
    leaks.incrementAndGet();
    out.event(Ansi.Style.BOLD_RED, "LEAK", "connection #" + connectionId + " held for "
        + Format.nanos(heldNanos) + " without being returned",
        "borrowed at " + out.ansi().paint(Ansi.Style.BOLD, EventText.callerFrame(borrowSite)));
    firstLeak.countDown();
  }
}
