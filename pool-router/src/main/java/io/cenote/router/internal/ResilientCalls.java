package io.cenote.router.internal;

import io.cenote.resilience.Attempt;
import io.cenote.resilience.Resilience;
import io.cenote.resilience.RetryRunner;
import java.sql.SQLException;

/**
 * The calls of a cluster with a resilience section: one {@link RetryRunner} for reads (its
 * attempts may move to another host, so a busy pool is worth another attempt) and one for
 * writes, both under the section's one budget of {@code maxAttempts} attempts per call. A write
 * that reached a read-only server makes the cluster check its hosts' roles before any retry.
 */
final class ResilientCalls implements CallPolicy {

  private final RetryRunner reads;
  private final RetryRunner writes;

  ResilientCalls(Resilience resilience, String cluster, Runnable refreshRoles) {
    this.reads = resilience.runner(cluster + "-read", true, refreshRoles);
    this.writes = resilience.runner(cluster + "-write", false, refreshRoles);
  }

  @Override
  public <T> T read(Attempt<T> attempt) throws SQLException {
    return reads.run(true, attempt);
  }

  @Override
  public <T> T write(boolean repeatable, Attempt<T> attempt) throws SQLException {
    return writes.run(repeatable, attempt);
  }

  @Override
  public boolean evicts(SQLException failure) {
    return writes.evicts(failure);
  }
}
