package io.cenote.router.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One attempt to open a health-check connection, on a helper thread, so that a check can stop
 * waiting for a connect that hangs (a driver without a login timeout, a host that accepts and
 * then stays silent) without leaking the connection should it arrive: the connection is handed
 * over through a future, and one that arrives after {@link #abandon()} is aborted at once.
 */
final class ConnectAttempt {

  /** Marks {@link #threadEnded} once the attempt's thread is done. */
  private static final Runnable ENDED = () -> { };

  private final CompletableFuture<Connection> result = new CompletableFuture<>();
  private final long startedNanos = System.nanoTime();
  /** Run when the attempt's thread ends, for {@link #abandonThen}; {@link #ENDED} after. */
  private final AtomicReference<Runnable> threadEnded = new AtomicReference<>();

  private ConnectAttempt() {}

  /**
   * Starts connecting.
   *
   * @param open opens the connection
   * @param helpers runs it; a shut-down executor means the checks are stopping
   * @return the running attempt
   * @throws SQLException when the helpers refuse it
   */
  static ConnectAttempt start(Callable<Connection> open, Executor helpers) throws SQLException {
    ConnectAttempt attempt = new ConnectAttempt();
    try {
      helpers.execute(() -> attempt.run(open));
    } catch (RejectedExecutionException e) {
      throw new SQLNonTransientConnectionException("health checks are stopping", "08003", e);
    }
    return attempt;
  }

  private void run(Callable<Connection> open) {
    try {
      Connection c = open.call();
      if (!result.complete(c)) {
        Probe.abortQuietly(c); // abandoned meanwhile: nobody will use it
      }
    } catch (Exception e) {
      result.completeExceptionally(e);
    } finally {
      Runnable hook = threadEnded.getAndSet(ENDED);
      if (hook != null) {
        hook.run();
      }
    }
  }

  /** @return how long ago the attempt started, in nanoseconds */
  long ageNanos() {
    return System.nanoTime() - startedNanos;
  }

  /**
   * Waits for the attempt.
   *
   * @param nanos how long to wait at most
   * @return the connection, or null when the attempt is still running
   * @throws SQLException the driver's error when the attempt failed, or when it was abandoned
   *     or the wait interrupted (the interrupt flag is kept)
   */
  Connection await(long nanos) throws SQLException {
    try {
      return result.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof SQLException s ? s
          : new SQLNonTransientConnectionException(Failures.describe(cause), "08001", cause);
    } catch (CancellationException e) {
      throw new SQLNonTransientConnectionException("the connect was abandoned", "08003", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLNonTransientConnectionException("interrupted while connecting", "08001", e);
    }
  }

  /** @return true once the attempt has failed or was abandoned */
  boolean failed() {
    return result.isCompletedExceptionally();
  }

  /** @return true once the attempt connected, failed or was abandoned */
  boolean isDone() {
    return result.isDone();
  }

  /**
   * Abandons the attempt and runs {@code whenThreadEnds} once its thread is done (at once if it
   * already is), so a caller can count the threads that abandoned attempts still hold.
   */
  void abandonThen(Runnable whenThreadEnds) {
    abandon();
    if (!threadEnded.compareAndSet(null, whenThreadEnds)) {
      whenThreadEnds.run();
    }
  }

  /** Stops waiting for good: a connection that arrives later is aborted. */
  void abandon() {
    if (result.cancel(false)) {
      return;
    }
    try {
      Probe.abortQuietly(result.getNow(null));
    } catch (CompletionException | CancellationException failed) {
      // it never connected: nothing to close
    }
  }
}
