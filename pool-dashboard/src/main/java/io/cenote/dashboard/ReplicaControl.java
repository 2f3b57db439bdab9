package io.cenote.dashboard;

/**
 * Lets the dashboard take a cluster's host down and bring it up again, for demonstrations and
 * tests (an application implements it with a fault-injecting driver or by stopping a server).
 * Called from request threads; implementations must be thread-safe.
 */
public interface ReplicaControl {

  /**
   * Takes a host down: its connections break and new ones are refused until {@link #up}.
   *
   * @param cluster the cluster's name
   * @param host the host's pool name
   * @throws IllegalArgumentException when the cluster or the host is unknown
   */
  void down(String cluster, String host);

  /**
   * Brings a host up again after {@link #down}.
   *
   * @param cluster the cluster's name
   * @param host the host's pool name
   * @throws IllegalArgumentException when the cluster or the host is unknown
   */
  void up(String cluster, String host);
}
