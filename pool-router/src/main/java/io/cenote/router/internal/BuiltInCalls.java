package io.cenote.router.internal;

import io.cenote.resilience.Attempt;
import io.cenote.resilience.AttemptContext;
import java.sql.SQLException;

/**
 * The calls of a cluster without a resilience section. A read whose attempt failed on a
 * replica with a connection failure, or found the replica's pool busy, moves to another host
 * at once (the router avoids the hosts that failed this call), at most once per replica: the
 * caller meets a dead replica at most once and the read itself does not fail while another host
 * serves. A failure on the write host ends a read; writes make one attempt.
 */
final class BuiltInCalls implements CallPolicy {

  private final int attemptsPerRead;
  private final HostRoles roles;

  /** Tells whether a host's failure lets a read move on. */
  @FunctionalInterface
  interface HostRoles {
    /**
     * @param host a host's name
     * @return true when it serves reads as a replica (not the write host)
     */
    boolean isReplica(String host);
  }

  /**
   * Creates the policy.
   *
   * @param replicas how many replicas the cluster has
   * @param roles which hosts are replicas
   */
  BuiltInCalls(int replicas, HostRoles roles) {
    this.attemptsPerRead = replicas + 1;
    this.roles = roles;
  }

  @Override
  public <T> T read(Attempt<T> attempt) throws SQLException {
    AttemptContext call = new AttemptContext();
    while (true) {
      call.nextAttempt();
      try {
        return attempt.run(call);
      } catch (SQLException e) {
        call.attemptFailed(e);
        if (call.number() >= attemptsPerRead || call.host() == null
            || !roles.isReplica(call.host())
            || !(Failures.isConnectionFailure(e) || Failures.isBusy(e))) {
          throw e;
        }
      }
    }
  }

  @Override
  public <T> T write(boolean repeatable, Attempt<T> attempt) throws SQLException {
    AttemptContext call = new AttemptContext();
    call.nextAttempt();
    return attempt.run(call);
  }

  @Override
  public boolean evicts(SQLException failure) {
    return false;
  }
}
