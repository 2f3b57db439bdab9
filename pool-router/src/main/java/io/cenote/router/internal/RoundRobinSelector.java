package io.cenote.router.internal;

import io.cenote.router.Replica;
import io.cenote.router.ReplicaSelector;
import io.cenote.router.ReplicaSet;
import java.util.concurrent.atomic.AtomicInteger;

/** Takes the candidates in turn; one shared counter, so the spread is exactly even. */
public final class RoundRobinSelector implements ReplicaSelector {

  private final AtomicInteger next = new AtomicInteger();

  @Override
  public Replica select(ReplicaSet candidates) {
    int turn = next.getAndIncrement() & Integer.MAX_VALUE;
    return candidates.get(turn % candidates.size());
  }

  @Override
  public String toString() {
    return "ROUND_ROBIN";
  }
}
