package io.cenote.examples.simulator;

import io.cenote.testkit.db.ServerControl;

/**
 * Server operations on the real servers of {@code scripts/db.sh}: a PostgreSQL restart is a
 * crash and start ({@code pg_ctl stop -m immediate}), a MariaDB one a clean shutdown and start;
 * a replica outage is a crash; failover crashes the PostgreSQL primary and promotes the replica.
 * {@link #restore()} starts what is down and, after a promotion, rebuilds the replica from the
 * primary, so later runs and tests find the servers as they were.
 */
final class ScriptServers implements Servers {

  private final ServerControl primary;
  private final ServerControl replica;
  private final boolean postgres;
  private volatile boolean changed;
  private volatile boolean promoted;

  /**
   * Creates the operations.
   *
   * @param primary the primary's control
   * @param replica the replica's control
   * @param postgres whether these are PostgreSQL servers (which can promote their replica)
   */
  ScriptServers(ServerControl primary, ServerControl replica, boolean postgres) {
    this.primary = primary;
    this.replica = replica;
    this.postgres = postgres;
  }

  @Override
  public String how() {
    return "scripts/db.sh";
  }

  @Override
  public void restartPrimary() {
    changed = true;
    primary.restart();
  }

  @Override
  public void stopReplica() {
    changed = true;
    replica.kill();
  }

  @Override
  public void startReplica() {
    replica.start();
  }

  @Override
  public boolean canPromote() {
    return postgres;
  }

  @Override
  public void failOverToReplica() {
    if (!postgres) {
      throw new UnsupportedOperationException("promotion needs a PostgreSQL replica");
    }
    changed = true;
    primary.kill();
    promoted = true;
    replica.promote();
  }

  @Override
  public void restore() {
    if (!changed) {
      return;
    }
    if (promoted) {
      // rebuild starts the old primary and re-creates the replica from it; "start" would wait
      // for a promoted replica to stream, which it never does
      replica.rebuild();
      promoted = false;
    } else {
      primary.start();
      replica.start();
    }
    changed = false;
  }
}
