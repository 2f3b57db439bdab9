package io.cenote.router;

import io.cenote.router.internal.LeastLoadedSelector;
import io.cenote.router.internal.RandomSelector;
import io.cenote.router.internal.RoundRobinSelector;

/**
 * Chooses the replica a read goes to. Called on every read with the replicas that are healthy
 * and not lagging (never an empty set); it must be thread-safe, fast and should allocate
 * nothing. Pass one to {@link ClusterConfig.Builder#selector(ReplicaSelector)}, or use a
 * {@link Strategy}.
 */
@FunctionalInterface
public interface ReplicaSelector {

  /**
   * Chooses a replica.
   *
   * @param candidates the eligible replicas, at least one
   * @return one of the candidates
   */
  Replica select(ReplicaSet candidates);

  /**
   * Returns a selector that takes the candidates in turn.
   *
   * @return a new round-robin selector
   */
  static ReplicaSelector roundRobin() {
    return new RoundRobinSelector();
  }

  /**
   * Returns a selector that picks uniformly at random.
   *
   * @return the random selector
   */
  static ReplicaSelector random() {
    return new RandomSelector();
  }

  /**
   * Returns a selector that picks the candidate with the lowest
   * {@link Replica#inFlight()} / {@link Replica#capacity()}; ties are broken in turn.
   *
   * @return a new least-loaded selector
   */
  static ReplicaSelector leastLoaded() {
    return new LeastLoadedSelector();
  }
}
