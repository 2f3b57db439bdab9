package io.cenote.testkit.net;

import java.util.concurrent.atomic.LongAdder;

/** Live counters of one proxy; they only grow and are exact under any concurrency. */
final class Traffic {

  private final LongAdder accepted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder forwardedUp = new LongAdder();
  private final LongAdder forwardedDown = new LongAdder();
  private final LongAdder droppedUp = new LongAdder();
  private final LongAdder droppedDown = new LongAdder();

  void onAccepted() {
    accepted.increment();
  }

  void onRefused() {
    refused.increment();
  }

  /** Counts bytes handed to the destination socket going {@code way} (UPSTREAM or DOWNSTREAM). */
  void onForwarded(Direction way, long bytes) {
    (way == Direction.UPSTREAM ? forwardedUp : forwardedDown).add(bytes);
  }

  /** Counts bytes a black hole dropped going {@code way} (UPSTREAM or DOWNSTREAM). */
  void onDropped(Direction way, long bytes) {
    (way == Direction.UPSTREAM ? droppedUp : droppedDown).add(bytes);
  }

  long accepted() {
    return accepted.sum();
  }

  long refused() {
    return refused.sum();
  }

  long forwarded(Direction direction) {
    return sum(direction, forwardedUp, forwardedDown);
  }

  long dropped(Direction direction) {
    return sum(direction, droppedUp, droppedDown);
  }

  private static long sum(Direction direction, LongAdder up, LongAdder down) {
    return (direction.covers(Direction.UPSTREAM) ? up.sum() : 0)
        + (direction.covers(Direction.DOWNSTREAM) ? down.sum() : 0);
  }
}
