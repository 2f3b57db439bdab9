package io.cenote.resilience;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * What one call learns across its attempts: the host each attempt went to, whether the caller's
 * work started, whether a commit's outcome is unknown, and which hosts failed it so far. A call's
 * context travels with the call, as an argument to each {@link Attempt}: two calls never share
 * one, whichever threads run them and however they nest, so a failure is always charged to the
 * host of the attempt that met it.
 *
 * <p>Not thread-safe: one call runs its attempts one after the other.
 */
public final class AttemptContext {

  /** Most calls fail on at most a few hosts; the array grows if a cluster has more. */
  private static final int INITIAL_FAILED_HOSTS = 4;

  private int number;
  private String host;
  private boolean workStarted;
  private boolean commitOutcomeUnknown;
  private String[] failedHosts;
  private int failedCount;
  private SQLException lastFailure;

  /** Creates the context of a call that has made no attempt yet. */
  public AttemptContext() {}

  /**
   * Starts the next attempt: its number goes up, and what the previous attempt recorded about
   * its host, its work and its commit is cleared (the hosts that failed are kept).
   */
  public void nextAttempt() {
    number++;
    host = null;
    workStarted = false;
    commitOutcomeUnknown = false;
  }

  /** @return the number of the current attempt, 1 for the first; 0 before the first */
  public int number() {
    return number;
  }

  /**
   * Records the host the current attempt borrows from; called before the borrow, so a failed
   * borrow is charged to it too.
   *
   * @param name the host's name (its pool name)
   */
  public void host(String name) {
    this.host = name;
  }

  /** @return the host of the current attempt, or null when it chose none */
  public String host() {
    return host;
  }

  /** Records that the caller's work began on a lent connection (it may have changed data). */
  public void workStarted() {
    workStarted = true;
  }

  /** @return true once the current attempt's work began */
  public boolean isWorkStarted() {
    return workStarted;
  }

  /**
   * Records that the current attempt's commit failed in a way that leaves its outcome unknown
   * (the connection broke during the commit); such a call is never retried.
   */
  public void commitOutcomeUnknown() {
    commitOutcomeUnknown = true;
  }

  /** @return true when the current attempt's commit outcome is unknown */
  public boolean isCommitOutcomeUnknown() {
    return commitOutcomeUnknown;
  }

  /**
   * Records that the current attempt failed on its host, so later attempts can avoid it.
   *
   * @param failure what it failed with
   */
  public void attemptFailed(SQLException failure) {
    lastFailure = failure;
    if (host == null || failedOn(host)) {
      return;
    }
    if (failedHosts == null) {
      failedHosts = new String[INITIAL_FAILED_HOSTS];
    } else if (failedCount == failedHosts.length) {
      failedHosts = Arrays.copyOf(failedHosts, failedCount * 2);
    }
    failedHosts[failedCount++] = host;
  }

  /**
   * Tells whether an earlier attempt of this call failed on a host.
   *
   * @param name the host's name
   * @return true when an attempt failed there
   */
  public boolean failedOn(String name) {
    for (int i = 0; i < failedCount; i++) {
      if (failedHosts[i].equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the failure of the latest failed attempt: what an attempt that finds no host left to
   * try reports, as the call's own failure.
   *
   * @return the failure, or null before any attempt failed
   */
  public SQLException lastFailure() {
    return lastFailure;
  }

  /** @return true when some earlier attempt failed (a host to avoid may exist) */
  public boolean anyFailed() {
    return failedCount > 0;
  }

  @Override
  public String toString() {
    return "AttemptContext{attempt " + number + ", host " + host + ", workStarted "
        + workStarted + ", failed on " + Arrays.toString(Arrays.copyOf(
            failedHosts == null ? new String[0] : failedHosts, failedCount)) + "}";
  }
}
