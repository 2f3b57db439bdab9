package io.cenote.pool.internal;

import io.cenote.pool.CloseReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool's counters and histograms. Everything is a {@link LongAdder} so that threads never
 * contend on one cache line. The borrow fast path records nothing here: acquired and hit counts
 * are derived (acquired = returns + currently lent; hits = acquired - borrows that waited), and
 * only a return records its hold time.
 */
final class Metrics {

  final LongAdder created = new LongAdder();
  final LongAdder creationFailures = new LongAdder();
  /** Borrows that queued: the misses of the hit rate. */
  final LongAdder waitedBorrows = new LongAdder();
  /** Borrows that validated or queued, whose time is in {@link #waitTime}. */
  final LongAdder timedBorrows = new LongAdder();
  final LongAdder timeouts = new LongAdder();
  final LongAdder validations = new LongAdder();
  final LongAdder validationFailures = new LongAdder();
  final LatencyHistogram waitTime = new LatencyHistogram();
  /** Hold times of entries that have left the pool; live entries keep their own. */
  final LatencyHistogram retiredHoldTime = new LatencyHistogram();
  private final LongAdder[] destroyed = new LongAdder[CloseReason.values().length];

  Metrics() {
    for (int i = 0; i < destroyed.length; i++) {
      destroyed[i] = new LongAdder();
    }
  }

  void destroyed(CloseReason reason) {
    destroyed[reason.ordinal()].increment();
  }

  Map<CloseReason, Long> destroyedByReason() {
    Map<CloseReason, Long> m = new EnumMap<>(CloseReason.class);
    for (CloseReason r : CloseReason.values()) {
      m.put(r, destroyed[r.ordinal()].sum());
    }
    return m;
  }
}
