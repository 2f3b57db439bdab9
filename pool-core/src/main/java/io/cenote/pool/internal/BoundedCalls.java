package io.cenote.pool.internal;

import io.cenote.pool.ResourceFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the factory's network calls within deadlines, whatever the network does.
 *
 * <p>A driver's own timeouts do not cover every fault: on a black-holed network (the peer
 * accepts, then nothing comes back and nothing is reset) {@code isValid(int)} waits whole
 * seconds, and a connect without a login timeout waits for ever. So:
 * <ul>
 *   <li><b>Validation</b> runs on the calling thread while a watchdog on this pool's
 *       {@code <pool>-watchdog} thread aborts the resource if the call is still running at its
 *       deadline (for JDBC, {@code Connection.abort} closes the socket, so the blocked read
 *       fails at once). The caller and the watchdog race on one state word, so a resource is
 *       never both reported valid and aborted.
 *   <li><b>Creation</b> runs on a {@code <pool>-connector} thread while the caller waits up to
 *       its deadline. An attempt still running then is abandoned: the caller gets a
 *       {@link TimeoutException} and may try again; if the abandoned attempt ever succeeds, its
 *       resource is destroyed on arrival. At most {@link #MAX_ABANDONED} abandoned attempts may
 *       hang at once; beyond that new attempts fail at once rather than pile up threads.
 * </ul>
 */
final class BoundedCalls<T> {

  private static final Logger log = LoggerFactory.getLogger(BoundedCalls.class);

  /**
   * Abandoned connects that may still hang, each holding a thread blocked in the driver. At one
   * attempt per connectTimeout (10 s by default) this covers a partition of about ten minutes
   * with a driver that never times out by itself; beyond it the pool stops adding threads.
   */
  static final int MAX_ABANDONED = 64;
  /** How long an idle connector thread lives; creations are rare outside bursts. */
  private static final long CONNECTOR_KEEPALIVE_SECONDS = 30;

  private static final int RUNNING = 0;
  private static final int DONE = 1;
  private static final int ABORTED = 2;

  private final String name;
  private final ResourceFactory<T> factory;
  private final ThreadPoolExecutor connector;
  private final ScheduledThreadPoolExecutor watchdog;
  private final AtomicInteger abandoned = new AtomicInteger();
  private final AtomicBoolean capWarned = new AtomicBoolean();
  /** Completed by {@link #abandonAttemptsInFlight()}; replaced by a fresh one each time. */
  private volatile CompletableFuture<Void> giveUp = new CompletableFuture<>();

  BoundedCalls(String name, ResourceFactory<T> factory) {
    this.name = name;
    this.factory = factory;
    this.connector = new ThreadPoolExecutor(0, Integer.MAX_VALUE, CONNECTOR_KEEPALIVE_SECONDS,
        TimeUnit.SECONDS, new SynchronousQueue<>(), daemon(name + "-connector"));
    ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, daemon(name + "-watchdog"));
    w.setRemoveOnCancelPolicy(true); // a validation that ends in time leaves no task behind
    this.watchdog = w;
  }

  static ThreadFactory daemon(String threadName) {
    return r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Opens a resource, giving up after the timeout.
   *
   * @param timeoutNanos how long the attempt may take
   * @return the new resource
   * @throws TimeoutException when the attempt did not finish in time (it is abandoned)
   * @throws Exception what the factory threw
   */
  T create(long timeoutNanos) throws Exception {
    if (abandoned.get() >= MAX_ABANDONED) {
      if (capWarned.compareAndSet(false, true)) {
        log.warn("[{}] {} connection attempts hang in the driver; no new attempt starts until"
            + " one ends. Set the driver's login and socket timeouts (pgjdbc loginTimeout,"
            + " socketTimeout; Connector/J connectTimeout, socketTimeout)", name, MAX_ABANDONED);
      }
      throw new TimeoutException("pool '" + name + "': " + abandoned.get() + " earlier connection"
          + " attempts still hang; not starting another");
    }
    CompletableFuture<T> attempt;
    try {
      attempt = CompletableFuture.supplyAsync(this::createUnchecked, connector);
    } catch (RejectedExecutionException e) {
      throw new TimeoutException("pool '" + name + "' is closing");
    }
    CompletableFuture<Void> stop = giveUp;
    try {
      CompletableFuture.anyOf(attempt, stop).get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      // the attempt failed; attempt.get() below throws its error
    } catch (TimeoutException | InterruptedException e) {
      abandon(attempt);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw e;
      }
      throw new TimeoutException("pool '" + name + "': a connection attempt did not finish within "
          + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (connectTimeout)");
    }
    if (!attempt.isDone()) {
      abandon(attempt);
      throw new Abandoned(name);
    }
    try {
      return attempt.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof WrappedCheckedException w ? w.getCause()
          : e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw (Error) cause;
    }
  }

  /**
   * Abandons the connection attempts under way, so their callers start afresh at once: after a
   * soft eviction (a router re-admitting a host that was unreachable, say) an attempt begun
   * during the outage may hang on a connection the network dropped, until connectTimeout.
   */
  void abandonAttemptsInFlight() {
    CompletableFuture<Void> stop = giveUp;
    giveUp = new CompletableFuture<>();
    stop.complete(null);
  }

  private T createUnchecked() {
    try {
      return factory.create();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new WrappedCheckedException(e);
    }
  }

  private void abandon(CompletableFuture<T> attempt) {
    abandoned.incrementAndGet();
    attempt.whenComplete((resource, error) -> {
      abandoned.decrementAndGet();
      if (resource != null) {
        log.debug("[{}] an abandoned connection attempt succeeded late; closing it", name);
        try {
          factory.destroy(resource);
        } catch (RuntimeException e) {
          log.debug("[{}] closing a late connection failed", name, e);
        }
      }
    });
  }

  /**
   * Validates a resource the caller owns, aborting it if the check outlives the timeout.
   *
   * @param resource the resource
   * @param timeoutNanos the most the check may take
   * @return true when valid; false when invalid, failed or aborted
   */
  boolean validate(T resource, long timeoutNanos) {
    AtomicInteger state = new AtomicInteger(RUNNING);
    ScheduledFuture<?> abort;
    try {
      abort = watchdog.schedule(() -> {
        if (state.compareAndSet(RUNNING, ABORTED)) {
          log.debug("[{}] validation still running after {} ms; aborting the connection", name,
              TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
          try {
            factory.abort(resource);
          } catch (RuntimeException e) {
            log.debug("[{}] abort after a hung validation failed", name, e);
          }
        }
      }, timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return false; // the pool is closing
    }
    boolean ok;
    try {
      ok = factory.validate(resource, Duration.ofNanos(timeoutNanos));
    } finally {
      abort.cancel(false);
    }
    return state.compareAndSet(RUNNING, DONE) && ok;
  }

  /** @return abandoned connection attempts still running */
  int abandoned() {
    return abandoned.get();
  }

  /** Stops both threads; abandoned attempts finish (or hang) on their own. */
  void shutdown() {
    watchdog.shutdownNow();
    connector.shutdownNow();
  }

  /** A connection attempt given up by {@link #abandonAttemptsInFlight()}: no failure. */
  static final class Abandoned extends TimeoutException {
    private static final long serialVersionUID = 1L;

    Abandoned(String pool) {
      super("pool '" + pool + "': connection attempt abandoned by a soft eviction");
    }
  }

  /** Carries a checked exception of {@code create()} through the future. */
  private static final class WrappedCheckedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WrappedCheckedException(Exception cause) {
      super(cause);
    }
  }
}
