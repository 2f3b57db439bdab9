package io.cenote.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} the test moves by hand, for code that takes a {@code java.time.Clock} (the
 * resilience4j circuit breakers of pool-resilience) rather than a pool-core {@code Ticker}.
 * Thread-safe; it starts at an arbitrary instant and moves only when told.
 */
public final class ManualClock extends Clock {

  /** Far from zero, so that code subtracting an earlier reading never sees a negative time. */
  private static final long START_MILLIS = 1_000_000L;

  private final AtomicLong millis = new AtomicLong(START_MILLIS);

  /**
   * Moves the clock forward.
   *
   * @param d how far
   */
  public void advance(Duration d) {
    millis.addAndGet(d.toMillis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }
}
