package io.cenote.router.internal;

import io.cenote.router.Replica;
import io.cenote.router.ReplicaSelector;
import io.cenote.router.ReplicaSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the candidate with the lowest {@code inFlight / capacity}, compared by cross
 * multiplication so no division and no floating point is needed. The scan starts at a random
 * candidate, so ties (all idle, the common case) are spread instead of all going to the first.
 */
public final class LeastLoadedSelector implements ReplicaSelector {

  @Override
  public Replica select(ReplicaSet candidates) {
    int n = candidates.size();
    if (n == 1) {
      return candidates.get(0);
    }
    int start = ThreadLocalRandom.current().nextInt(n);
    Replica best = candidates.get(start);
    long bestLoad = best.inFlight();
    long bestCapacity = best.capacity();
    for (int k = 1; k < n; k++) {
      Replica r = candidates.get((start + k) % n);
      long load = r.inFlight();
      long capacity = r.capacity();
      if (load * bestCapacity < bestLoad * capacity) {
        best = r;
        bestLoad = load;
        bestCapacity = capacity;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "LEAST_LOADED";
  }
}
