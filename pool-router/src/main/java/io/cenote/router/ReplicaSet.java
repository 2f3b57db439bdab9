package io.cenote.router;

import java.util.Objects;

/**
 * The replicas currently eligible for reads, handed to a {@link ReplicaSelector}. Immutable:
 * the router builds a new set only when a replica is excluded or re-admitted, so reading it
 * allocates nothing.
 */
public final class ReplicaSet {

  private static final ReplicaSet EMPTY = new ReplicaSet(new Replica[0]);

  private final Replica[] replicas;

  private ReplicaSet(Replica[] replicas) {
    this.replicas = replicas;
  }

  /**
   * Creates a set of the given replicas, in that order.
   *
   * @param replicas the replicas, none null
   * @return the set
   */
  public static ReplicaSet of(Replica... replicas) {
    if (replicas.length == 0) {
      return EMPTY;
    }
    Replica[] copy = replicas.clone();
    for (int i = 0; i < copy.length; i++) {
      Objects.requireNonNull(copy[i], "replicas[" + i + "]");
    }
    return new ReplicaSet(copy);
  }

  /**
   * Returns how many replicas the set holds.
   *
   * @return zero or more; a selector is only called with at least one
   */
  public int size() {
    return replicas.length;
  }

  /**
   * Returns one replica.
   *
   * @param index 0 to {@code size() - 1}
   * @return the replica
   * @throws ArrayIndexOutOfBoundsException for an index out of range
   */
  public Replica get(int index) {
    return replicas[index];
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < replicas.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(replicas[i].name());
    }
    return sb.append(']').toString();
  }
}
