package io.cenote.micrometer.internal;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The meters one binder registered, in whichever registries it was bound to, so that closing
 * the binder removes them (a closed pool should not linger in a scrape). Thread-safe.
 */
public final class BoundMeters {

  private record Registered(MeterRegistry registry, Meter meter) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final List<Registered> meters = new ArrayList<>();

  /**
   * Remembers a meter.
   *
   * @param registry where it was registered
   * @param meter the meter
   * @param <M> its type
   * @return the meter
   */
  public <M extends Meter> M add(MeterRegistry registry, M meter) {
    lock.lock();
    try {
      meters.add(new Registered(registry, meter));
      return meter;
    } finally {
      lock.unlock();
    }
  }

  /** Removes every remembered meter from its registry; idempotent. */
  public void removeAll() {
    List<Registered> toRemove;
    lock.lock();
    try {
      toRemove = new ArrayList<>(meters);
      meters.clear();
    } finally {
      lock.unlock();
    }
    for (Registered r : toRemove) {
      r.registry.remove(r.meter);
    }
  }
}
