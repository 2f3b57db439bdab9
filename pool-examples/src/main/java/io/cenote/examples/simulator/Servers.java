package io.cenote.examples.simulator;

/**
 * What a scenario does to the database servers. On the real servers each call runs
 * {@code scripts/db.sh}; on SQLite (or a URL given with {@code --url}) the fault driver plays the
 * server, and {@link #how()} says so in the output.
 */
interface Servers {

  /** @return how the faults are made, for the output, such as {@code scripts/db.sh} */
  String how();

  /**
   * Restarts the primary: open connections break, new ones fail until it is back.
   *
   * @throws InterruptedException when interrupted while it restarts
   */
  void restartPrimary() throws InterruptedException;

  /**
   * Crashes the replica: its connections break and new ones are refused.
   *
   * @throws InterruptedException when interrupted
   */
  void stopReplica() throws InterruptedException;

  /**
   * Brings the replica back.
   *
   * @throws InterruptedException when interrupted
   */
  void startReplica() throws InterruptedException;

  /** @return whether the replica can be promoted when the primary dies (PostgreSQL only) */
  boolean canPromote();

  /**
   * Crashes the primary and promotes the replica to take the writes.
   *
   * @throws InterruptedException when interrupted
   * @throws UnsupportedOperationException unless {@link #canPromote()}
   */
  void failOverToReplica() throws InterruptedException;

  /**
   * Puts the servers back as they were before the scenario: primary running, the replica
   * following it. Safe to call when nothing was changed.
   *
   * @throws InterruptedException when interrupted
   */
  void restore() throws InterruptedException;
}
