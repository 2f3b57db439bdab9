package io.cenote.router.internal;

import io.cenote.router.Replica;
import io.cenote.router.ReplicaSelector;
import io.cenote.router.ReplicaSet;
import java.util.concurrent.ThreadLocalRandom;

/** Picks uniformly at random, with the calling thread's generator (no shared state). */
public final class RandomSelector implements ReplicaSelector {

  @Override
  public Replica select(ReplicaSet candidates) {
    int n = candidates.size();
    return candidates.get(n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n));
  }

  @Override
  public String toString() {
    return "RANDOM";
  }
}
