package io.cenote.examples.simulator;

import io.cenote.examples.console.EventText;
import io.cenote.examples.console.Format;
import io.cenote.pool.CloseReason;
import io.cenote.pool.PoolListener;
import io.cenote.resilience.BreakerState;
import io.cenote.resilience.ResilienceListener;
import io.cenote.router.ExclusionReason;
import io.cenote.router.RouterListener;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns what the pools, the router and the breakers report into {@link SimEvent}s: it keeps
 * every one for the summary and the report, and hands each to the console, which throttles.
 * Callbacks run on pool and client threads; they only append to a lock-free queue and print.
 */
final class Recorder implements PoolListener, RouterListener, ResilienceListener {

  private final long startNanos;
  private final ConsoleView console;
  private final boolean echoPool;
  private final String scenario;
  private final RunObserver observer;
  private final ConcurrentLinkedQueue<SimEvent> events = new ConcurrentLinkedQueue<>();
  private final Map<String, String> firstFailures = new ConcurrentHashMap<>();
  private final AtomicLong leaks = new AtomicLong();
  private final AtomicLong failFast = new AtomicLong();
  private volatile String leakSite = "";

  /**
   * Creates the recorder; time zero is now.
   *
   * @param console where events are printed
   * @param echoPool whether every checkout and checkin is shown too ({@code ECHO_POOL})
   * @param scenario the scenario whose run this records
   * @param observer who else is told of each event
   */
  Recorder(ConsoleView console, boolean echoPool, String scenario, RunObserver observer) {
    this.startNanos = System.nanoTime();
    this.console = console;
    this.echoPool = echoPool;
    this.scenario = scenario;
    this.observer = observer;
  }

  /** @return the observer of the run, for the run to report the pool it watches */
  RunObserver observer() {
    return observer;
  }

  /** @return the scenario whose run this records */
  String scenario() {
    return scenario;
  }

  /** @return seconds since the recorder was created */
  double second() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * Records an event and shows it (unless the console throttles it).
   *
   * @param kind what sort of event
   * @param message what happened
   */
  void record(SimEvent.Kind kind, String message) {
    SimEvent e = new SimEvent(second(), kind, message);
    events.add(e);
    console.show(e);
    observer.recorded(scenario, e);
  }

  /**
   * Records a client request that failed; the first failure of each exception type is kept
   * for the summary, with its message, as the caller saw it.
   *
   * @param client the client's number
   * @param failure what the request threw
   */
  void failed(int client, Throwable failure) {
    String type = failure.getClass().getSimpleName();
    String text = type + ": " + firstLine(failure.getMessage());
    firstFailures.putIfAbsent(type, text);
    record(SimEvent.Kind.FAILURE, "client " + client + " got " + text);
  }

  /** @return every event so far, in the order recorded */
  List<SimEvent> events() {
    return List.copyOf(events);
  }

  /** @return the first failure of each exception type, as {@code Type: message} */
  Map<String, String> firstFailures() {
    return Map.copyOf(firstFailures);
  }

  /** @return leaks the pools reported */
  long leaks() {
    return leaks.get();
  }

  /** @return where the first reported leak was borrowed, or empty */
  String leakSite() {
    return leakSite;
  }

  /** @return calls a breaker refused without calling the database */
  long failedFast() {
    return failFast.get();
  }

  /**
   * Counts the recorded events of one kind.
   *
   * @param kind the kind
   * @return how many
   */
  long count(SimEvent.Kind kind) {
    return events.stream().filter(e -> e.kind() == kind).count();
  }

  @Override
  public void onConnect(String pool, long id, long elapsedNanos) {
    record(SimEvent.Kind.CONNECT, pool + ": connection #" + id + " opened in "
        + millis(elapsedNanos));
  }

  @Override
  public void onConnectFailure(String pool, Throwable cause) {
    record(SimEvent.Kind.CONNECT_FAILURE, pool + ": could not open a connection: "
        + (cause.getMessage() == null ? cause.getClass().getSimpleName()
        : firstLine(cause.getMessage())));
  }

  @Override
  public void onCheckout(String pool, long id, long waitNanos) {
    Clients.addWait(waitNanos);
    if (echoPool) {
      record(SimEvent.Kind.CHECKOUT, pool + ": connection #" + id + " checked out after "
          + millis(waitNanos));
    }
  }

  @Override
  public void onCheckin(String pool, long id, long holdNanos) {
    if (echoPool) {
      record(SimEvent.Kind.CHECKIN, pool + ": connection #" + id + " checked in after "
          + millis(holdNanos));
    }
  }

  @Override
  public void onClose(String pool, long id, CloseReason reason) {
    record(SimEvent.Kind.CLOSE, pool + ": connection #" + id + " closed: " + reason.name()
        + " (" + EventText.closeReason(reason) + ")");
  }

  @Override
  public void onInvalidate(String pool, long id) {
    record(SimEvent.Kind.INVALID, pool + ": connection #" + id
        + " is broken and will be replaced");
  }

  @Override
  public void onPoolExhausted(String pool, int waiting) {
    record(SimEvent.Kind.EXHAUSTED, pool + ": no idle connection and no room to open one; "
        + waiting + (waiting == 1 ? " borrower" : " borrowers") + " queued");
  }

  @Override
  public void onAcquireTimeout(String pool, long waitedNanos) {
    record(SimEvent.Kind.TIMEOUT, pool + ": a borrower gave up after " + millis(waitedNanos));
  }

  @Override
  public void onLeakSuspected(String pool, long id, long heldNanos, Throwable borrowSite) {
    leaks.incrementAndGet();
    String site = EventText.callerFrame(borrowSite);
    if (leakSite.isEmpty()) {
      leakSite = site;
    }
    record(SimEvent.Kind.LEAK, pool + ": connection #" + id + " held for " + millis(heldNanos)
        + " without being returned; borrowed at " + site);
  }

  @Override
  public void onExcluded(String cluster, String host, ExclusionReason reason, String detail) {
    record(SimEvent.Kind.EXCLUDED, cluster + ": " + host + " excluded ("
        + reason.name().toLowerCase(Locale.ROOT) + (detail == null || detail.isEmpty() ? ""
        : ": " + firstLine(detail)) + ")");
  }

  @Override
  public void onReadmitted(String cluster, String host, long excludedNanos) {
    record(SimEvent.Kind.READMITTED, cluster + ": " + host + " re-admitted after "
        + millis(excludedNanos));
  }

  @Override
  public void onFallbackToPrimary(String cluster, String primary) {
    record(SimEvent.Kind.FALLBACK, cluster + ": no replica is eligible; reads go to " + primary);
  }

  @Override
  public void onWriterChanged(String cluster, String from, String to) {
    record(SimEvent.Kind.WRITER, cluster + ": writes move from " + from + " to " + to);
  }

  @Override
  public void onStateTransition(String host, BreakerState from, BreakerState to) {
    record(SimEvent.Kind.BREAKER, host + ": breaker " + from + " -> " + to);
  }

  @Override
  public void onFailFast(String host, BreakerState state) {
    failFast.incrementAndGet();
  }

  private static String millis(long nanos) {
    return Format.nanos(nanos);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
