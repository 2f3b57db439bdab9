package io.cenote.resilience.internal;

import io.cenote.pool.LeasedConnection;
import io.cenote.resilience.FailureKind;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.router.ConnectionWork;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of work and borrows under resilience4j {@code Retry}: Retry(CircuitBreaker(work)),
 * the breaker being consulted by the host guard inside each attempt.
 *
 * <p>Whether a failed attempt is retried is decided per attempt, not by a static predicate: the
 * failure must be of a retryable kind; work that must not repeat is retried only if it never
 * started (its borrow failed); a commit that failed with a host failure has an unknown outcome
 * and is never retried; an open breaker is never retried; a busy pool is retried only by a
 * runner whose attempts may go to another host. A retryable failure is wrapped in
 * {@link RetryableFailure}, the only type the retry config retries, and unwrapped at the end.
 */
public final class UnitRunner {

  private static final Logger log = LoggerFactory.getLogger(UnitRunner.class);

  private final HostBreakers breakers;
  private final Retry retry;
  private final String defaultHost;
  private final boolean severalHosts;
  private final ReadOnlyHandler readOnly;

  /** What to do when a write reached a read-only server (refresh the cluster's roles). */
  @FunctionalInterface
  public interface ReadOnlyHandler {
    /** Refreshes roles; runs on the caller's thread before a retry. */
    void refresh();
  }

  /** One attempt of a unit: borrows, runs and returns a result. */
  @FunctionalInterface
  public interface Attempt<T> {
    /**
     * Runs the attempt.
     *
     * @param work the wrapped work to hand to the cluster or pool
     * @return the result
     * @throws SQLException when the attempt failed
     */
    T run(ConnectionWork<T> work) throws SQLException;
  }

  /**
   * Creates a runner.
   *
   * @param breakers the registry
   * @param retries the retry registry
   * @param name the retry's name (the cluster or pool name)
   * @param defaultHost the host charged with a failure that happened before any borrow
   * @param severalHosts true when an attempt may go to another host than the last (a cluster's
   *     reads), so a busy pool is worth a retry
   * @param readOnly the read-only-server handler
   */
  public UnitRunner(HostBreakers breakers, RetryRegistry retries, String name,
      String defaultHost, boolean severalHosts, ReadOnlyHandler readOnly) {
    this.breakers = breakers;
    this.defaultHost = defaultHost;
    this.severalHosts = severalHosts;
    this.readOnly = readOnly;
    this.retry = retries.retry(name, retryConfig(breakers.config()));
    retry.getEventPublisher().onRetry(e -> {
      if (e.getLastThrowable() instanceof RetryableFailure f) {
        breakers.host(f.host()).retries.increment();
        breakers.events().retry(f.host(), e.getNumberOfRetryAttempts(), e.getWaitInterval(),
            f.sqlCause());
      }
    });
  }

  /**
   * Builds the retry config: attempts and exponential random backoff from the configuration.
   *
   * @param config the configuration
   * @return the resilience4j config
   */
  public static RetryConfig retryConfig(ResilienceConfig config) {
    return RetryConfig.custom()
        .maxAttempts(config.maxAttempts())
        .intervalFunction(intervals(config))
        .retryExceptions(RetryableFailure.class)
        .build();
  }

  /**
   * Returns the backoff as resilience4j's interval function (milliseconds per attempt).
   *
   * @param config the configuration
   * @return {@code IntervalFunction.ofExponentialRandomBackoff} of its settings
   */
  public static IntervalFunction intervals(ResilienceConfig config) {
    return IntervalFunction.ofExponentialRandomBackoff(config.initialDelay(),
        config.multiplier(), config.jitter(), config.maxDelay());
  }

  /**
   * Borrows a connection, retrying borrow failures (a borrow may always repeat).
   *
   * @param borrow the borrow
   * @return the connection
   * @throws SQLException the last failure
   */
  public Connection borrow(Borrow borrow) throws SQLException {
    return run(true, work -> borrow.get(), null);
  }

  /** A borrow to retry. */
  @FunctionalInterface
  public interface Borrow {
    /**
     * Borrows.
     *
     * @return the connection
     * @throws SQLException when the borrow failed
     */
    Connection get() throws SQLException;
  }

  /**
   * Runs a unit of work.
   *
   * @param repeatable true for reads and idempotent writes
   * @param attempt how one attempt reaches a connection (cluster read/write, or the pool)
   * @param work the user's work
   * @param <T> its result type
   * @return its result
   * @throws SQLException the failure that ended it
   */
  public <T> T run(boolean repeatable, Attempt<T> attempt, ConnectionWork<T> work)
      throws SQLException {
    Unit<T> unit = new Unit<>(repeatable, attempt, work);
    try {
      return retry.executeCallable(unit::attempt);
    } catch (RetryableFailure f) {
      throw f.sqlCause();
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SQLException("unit of work failed: " + e, e);
    }
  }

  /** The state of one unit of work across its attempts. */
  private final class Unit<T> {
    private final boolean repeatable;
    private final Attempt<T> attempt;
    private final ConnectionWork<T> work;
    private int attempts;
    private boolean started;
    private CommitWatch watch;

    Unit(boolean repeatable, Attempt<T> attempt, ConnectionWork<T> work) {
      this.repeatable = repeatable;
      this.attempt = attempt;
      this.work = work;
    }

    T attempt() throws SQLException {
      attempts++;
      started = false;
      watch = null;
      breakers.takeLastHost();
      try {
        T result = attempt.run(work == null ? null : this::runWork);
        String host = host();
        if (attempts > 1) {
          breakers.host(host).retrySuccesses.increment();
          breakers.events().retrySucceeded(host, attempts);
        }
        return result;
      } catch (SQLException e) {
        String host = host();
        if (retryable(e, host)) {
          throw new RetryableFailure(e, host);
        }
        throw e;
      }
    }

    private T runWork(Connection c) throws SQLException {
      started = true;
      watch = new CommitWatch(c);
      try {
        return work.run(watch);
      } catch (SQLException e) {
        if (breakers.classify(e) == FailureKind.READ_ONLY_SERVER) {
          evict(c);
        }
        throw e;
      }
    }

    private boolean retryable(SQLException e, String host) {
      FailureKind kind = breakers.classify(e);
      if (watch != null && watch.commitFailed() && kind.countsAgainstBreaker()) {
        log.warn("[{}] commit failed with a connection failure; its outcome is unknown, so the"
            + " work is not retried: {}", host, e.toString());
        breakers.events().unknownCommitOutcome(host, e);
        return false;
      }
      if (kind == FailureKind.READ_ONLY_SERVER) {
        breakers.events().readOnlyServer(host, e);
        readOnly.refresh();
      }
      if (kind == FailureKind.POOL_BUSY && !severalHosts) {
        return false; // the same busy pool again: the caller would wait acquireTimeout once more
      }
      return kind.retryable() && (repeatable || !started);
    }

    private String host() {
      String h = breakers.takeLastHost();
      return h != null ? h : defaultHost;
    }
  }

  private static void evict(Connection c) {
    try {
      c.unwrap(LeasedConnection.class).invalidate();
    } catch (SQLException e) {
      log.debug("could not evict a connection of a read-only server", e);
    }
  }
}
