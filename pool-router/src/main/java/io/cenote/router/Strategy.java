package io.cenote.router;

/** The built-in replica selection strategies. */
public enum Strategy {

  /** Each read goes to the next eligible replica in turn: exactly even. */
  ROUND_ROBIN,

  /** Each read goes to a uniformly random eligible replica. */
  RANDOM,

  /** Each read goes to the replica with the fewest busy plus waiting borrows per capacity. */
  LEAST_LOADED;

  /**
   * Creates this strategy's selector.
   *
   * @return a new selector
   */
  public ReplicaSelector newSelector() {
    return switch (this) {
      case ROUND_ROBIN -> ReplicaSelector.roundRobin();
      case RANDOM -> ReplicaSelector.random();
      case LEAST_LOADED -> ReplicaSelector.leastLoaded();
    };
  }
}
