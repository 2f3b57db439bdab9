package io.cenote.dashboard;

import io.cenote.dashboard.internal.EventKinds;
import io.cenote.dashboard.internal.EventLog;
import io.cenote.dashboard.internal.Redaction;
import io.cenote.pool.CloseReason;
import io.cenote.pool.PoolListener;
import io.cenote.resilience.BreakerState;
import io.cenote.resilience.ResilienceListener;
import io.cenote.router.ExclusionReason;
import io.cenote.router.ReplicationLag;
import io.cenote.router.RouterListener;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The dashboard's event hub, and the listener that feeds it: add one instance as
 * {@link PoolListener} to the {@code PoolConfig}s, as {@link RouterListener} to the
 * {@code ClusterConfig}s and as {@link ResilienceListener} to the {@code ResilienceConfig} of
 * the pools the dashboard shows, and hand it to {@link Dashboard.Builder#events}.
 *
 * <pre>{@code
 * DashboardEvents events = new DashboardEvents();
 * PoolConfig orders = PoolConfig.builder().poolName("orders").jdbcUrl(url)
 *     .listener(events).build();
 * }</pre>
 *
 * <p>It turns connects, connect failures, closes, invalidations, exhaustion, timeouts, leaks,
 * exclusions, re-admissions, lag, fallbacks, writer changes and breaker transitions into
 * {@link DashboardEvent}s. Per-borrow callbacks (checkout, checkin, routing choices) are ignored,
 * so the pool's fast path stays free. {@link #publish} adds anything else (a simulator's steps,
 * the dashboard's own control actions).
 *
 * <p>Events are numbered 1, 2, 3... in publication order; the newest {@value #RETAINED} are kept
 * for clients that connect later, and subscribers receive events in number order. Messages pass
 * through a filter that masks JDBC URLs, credentials and user names. Thread-safe.
 */
public final class DashboardEvents implements PoolListener, RouterListener, ResilienceListener {

  /** How many of the newest events are kept for late subscribers. */
  public static final int RETAINED = 1_000;

  private static final double NANOS_PER_MILLI = 1_000_000.0;

  private final EventLog log;

  /** Creates a hub stamping events with the system clock (UTC). */
  public DashboardEvents() {
    this(Clock.systemUTC());
  }

  /**
   * Creates a hub stamping events with the given clock.
   *
   * @param clock the clock, for example a test's manual clock
   */
  public DashboardEvents(Clock clock) {
    this.log = new EventLog(clock, RETAINED);
  }

  /**
   * Publishes an event. URLs, credentials and user names in the message are masked.
   *
   * @param source the pool, host, cluster or scenario it is about
   * @param kind one of the kinds listed on {@link DashboardEvent#kind()}
   * @param message what happened, in a few words
   * @return the event, with its number and time
   */
  public DashboardEvent publish(String source, String kind, String message) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    return log.publish(source, kind, Redaction.clean(message));
  }

  /**
   * The retained events.
   *
   * @return at most {@value #RETAINED} events, oldest first
   */
  public List<DashboardEvent> recent() {
    return log.retained();
  }

  /**
   * Subscribes to events: first the retained ones numbered above {@code afterSeq}, then every new
   * one, all in number order and with no gap between the two. The subscriber runs on the
   * publishing thread while the hub is locked, so it must be quick and must not block (queue the
   * event and handle it elsewhere); an exception from it is logged and ignored.
   *
   * @param afterSeq the last number already seen, 0 for none; a number above the newest (from
   *     an earlier run of the application) replays everything retained
   * @param subscriber receives the events
   * @return the subscription, to close when done
   */
  public Subscription subscribe(long afterSeq, Consumer<DashboardEvent> subscriber) {
    Runnable cancel = log.subscribe(afterSeq, subscriber);
    return cancel::run;
  }

  /** An event subscription; closing it stops the deliveries. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {

    /** Stops the deliveries; closing again is harmless. */
    @Override
    void close();
  }

  // ------------------------------------------------------------------ PoolListener

  /** {@inheritDoc} Published as {@code connect}. */
  @Override
  public void onConnect(String poolName, long connectionId, long elapsedNanos) {
    publish(poolName, EventKinds.CONNECT,
        "connection " + connectionId + " opened in " + millis(elapsedNanos));
  }

  /** {@inheritDoc} Published as {@code connect_failure}. */
  @Override
  public void onConnectFailure(String poolName, Throwable cause) {
    publish(poolName, EventKinds.CONNECT_FAILURE, "connecting failed: "
        + Redaction.describe(cause));
  }

  /** {@inheritDoc} Published as {@code close}. */
  @Override
  public void onClose(String poolName, long connectionId, CloseReason reason) {
    publish(poolName, EventKinds.CLOSE, "connection " + connectionId + " closed ("
        + reason.name().toLowerCase(Locale.ROOT) + ")");
  }

  /** {@inheritDoc} Published as {@code invalidate}. */
  @Override
  public void onInvalidate(String poolName, long connectionId) {
    publish(poolName, EventKinds.INVALIDATE, "connection " + connectionId + " found broken");
  }

  /** {@inheritDoc} Published as {@code leak}, without the borrower's stack trace. */
  @Override
  public void onLeakSuspected(String poolName, long connectionId, long heldNanos,
      Throwable borrowSite) {
    publish(poolName, EventKinds.LEAK, "connection " + connectionId + " held for "
        + millis(heldNanos) + ": leak suspected");
  }

  /** {@inheritDoc} Published as {@code timeout}. */
  @Override
  public void onAcquireTimeout(String poolName, long waitedNanos) {
    publish(poolName, EventKinds.TIMEOUT, "a borrower gave up after " + millis(waitedNanos));
  }

  /** {@inheritDoc} Published as {@code exhausted}. */
  @Override
  public void onPoolExhausted(String poolName, int waiting) {
    publish(poolName, EventKinds.EXHAUSTED, "no connection free: " + waiting + " waiting");
  }

  // ------------------------------------------------------------------ RouterListener

  /** {@inheritDoc} Published as {@code excluded}, with the host as source. */
  @Override
  public void onExcluded(String cluster, String host, ExclusionReason reason, String detail) {
    publish(host, EventKinds.EXCLUDED, "excluded from " + cluster + ": " + reason
        + (detail == null ? "" : " (" + detail + ")"));
  }

  /** {@inheritDoc} Published as {@code readmitted}, with the host as source. */
  @Override
  public void onReadmitted(String cluster, String host, long excludedNanos) {
    publish(host, EventKinds.READMITTED, "readmitted to " + cluster + " after "
        + millis(excludedNanos));
  }

  /** {@inheritDoc} Published as {@code lagging}, with the host as source. */
  @Override
  public void onLagging(String cluster, String host, ReplicationLag lag) {
    publish(host, EventKinds.LAGGING, "lagging behind in " + cluster + ": " + lag.detail());
  }

  /** {@inheritDoc} Published as {@code fallback}, with the cluster as source. */
  @Override
  public void onFallbackToPrimary(String cluster, String primary) {
    publish(cluster, EventKinds.FALLBACK, "no replica eligible: read served by " + primary);
  }

  /** {@inheritDoc} Published as {@code writer_changed}, with the cluster as source. */
  @Override
  public void onWriterChanged(String cluster, String from, String to) {
    publish(cluster, EventKinds.WRITER_CHANGED, "writes moved from "
        + (from == null ? "nowhere" : from) + " to " + (to == null ? "nowhere" : to));
  }

  // ------------------------------------------------------------------ ResilienceListener

  /** {@inheritDoc} Published as {@code breaker}, with the host as source. */
  @Override
  public void onStateTransition(String host, BreakerState from, BreakerState to) {
    publish(host, EventKinds.BREAKER, "circuit breaker " + from + " -> " + to);
  }

  /** {@inheritDoc} Published as {@code fallback}, with the skipped replica as source. */
  @Override
  public void onFallback(String host) {
    publish(host, EventKinds.FALLBACK, "read skipped this replica: its breaker refused it");
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / NANOS_PER_MILLI);
  }
}
