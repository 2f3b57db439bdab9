package io.cenote.examples.demo;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps frequent events from flooding the console: per kind, the first few of each phase are
 * shown and the rest only counted, to be reported when the phase ends.
 */
final class EventThrottle {

  /** The kinds of event that are throttled, with how many of each a phase shows. */
  enum Kind {
    CONNECT(4, "connections opened"),
    CLOSE(4, "connections closed"),
    EXHAUSTED(3, "pool-exhausted events"),
    TIMEOUT(3, "acquire timeouts"),
    CONNECT_FAILURE(3, "failed connection attempts");

    final int shown;
    final String plural;

    Kind(int shown, String plural) {
      this.shown = shown;
      this.plural = plural;
    }
  }

  private final Map<Kind, AtomicInteger> seen = new EnumMap<>(Kind.class);

  /** Creates a throttle with every count at zero. */
  EventThrottle() {
    for (Kind k : Kind.values()) {
      seen.put(k, new AtomicInteger());
    }
  }

  /**
   * Counts one event.
   *
   * @param kind the event's kind
   * @return true when it should be shown, false when it is only counted
   */
  boolean admit(Kind kind) {
    return seen.get(kind).incrementAndGet() <= kind.shown;
  }

  /**
   * Starts a new phase: resets the counts and returns how many events of each kind were
   * counted but not shown since the last reset.
   *
   * @return the hidden counts, only kinds with at least one
   */
  Map<Kind, Integer> reset() {
    Map<Kind, Integer> hidden = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) {
      int n = seen.get(k).getAndSet(0) - k.shown;
      if (n > 0) {
        hidden.put(k, n);
      }
    }
    return hidden;
  }
}
