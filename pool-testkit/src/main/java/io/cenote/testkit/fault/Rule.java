package io.cenote.testkit.fault;

import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * One armed fault: a {@link FaultTrigger} with its own countdown, plus what the fault produces (an
 * SQLState and message for failures, the calls it applies to for hangs). Immutable except for the
 * countdown, which is decremented lock-free.
 */
final class Rule {

  private final FaultTrigger trigger;
  private final AtomicLong remaining;
  final String sqlState;
  final String message;
  final int calls;

  private Rule(FaultTrigger trigger, String sqlState, String message, int calls) {
    this.trigger = trigger;
    this.remaining = new AtomicLong(trigger.timesValue());
    this.sqlState = sqlState;
    this.message = message;
    this.calls = calls;
  }

  /** Arms a failure rule; returns null (no fault) for a never-firing trigger. */
  static Rule failure(FaultTrigger trigger, String sqlState, String message) {
    if (trigger == null || sqlState == null || message == null) {
      throw new NullPointerException("trigger, sqlState and message must not be null");
    }
    return trigger.isNever() ? null : new Rule(trigger, sqlState, message, 0);
  }

  /** Arms a rule that only needs a trigger, such as a failed validation. */
  static Rule of(FaultTrigger trigger) {
    return failure(trigger, "", "");
  }

  /** Arms a hang rule for the given {@link NetworkCall} bit mask. */
  static Rule hang(FaultTrigger trigger, int calls) {
    if (trigger == null) {
      throw new NullPointerException("trigger must not be null");
    }
    return trigger.isNever() || calls == 0 ? null : new Rule(trigger, "", "", calls);
  }

  /** Decides whether the fault fires on this occasion. */
  boolean fires(RandomGenerator random) {
    switch (trigger.kind()) {
      case ALWAYS:
        return true;
      case PROBABILITY:
        return random.nextDouble() < trigger.probabilityValue();
      case TIMES:
        for (long n = remaining.get(); n > 0; n = remaining.get()) {
          if (remaining.compareAndSet(n, n - 1)) {
            return true;
          }
        }
        return false;
      default:
        return false;
    }
  }

  boolean appliesTo(NetworkCall call) {
    return (calls & call.bit()) != 0;
  }

  @Override
  public String toString() {
    return trigger.toString();
  }
}
