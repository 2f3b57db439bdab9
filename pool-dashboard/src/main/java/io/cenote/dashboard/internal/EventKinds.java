package io.cenote.dashboard.internal;

/**
 * The {@code kind} values of dashboard events, as documented on
 * {@link io.cenote.dashboard.DashboardEvent}; the page colours its timeline by them.
 */
public final class EventKinds {

  /** A connection was opened. */
  public static final String CONNECT = "connect";
  /** Opening a connection failed. */
  public static final String CONNECT_FAILURE = "connect_failure";
  /** A connection was closed. */
  public static final String CLOSE = "close";
  /** A connection was found broken. */
  public static final String INVALIDATE = "invalidate";
  /** A borrower had to queue. */
  public static final String EXHAUSTED = "exhausted";
  /** A borrower gave up. */
  public static final String TIMEOUT = "timeout";
  /** A connection was held past the leak threshold. */
  public static final String LEAK = "leak";
  /** A host stopped receiving reads. */
  public static final String EXCLUDED = "excluded";
  /** A host receives reads again. */
  public static final String READMITTED = "readmitted";
  /** A replica lags too far behind. */
  public static final String LAGGING = "lagging";
  /** A read went elsewhere than planned. */
  public static final String FALLBACK = "fallback";
  /** Writes moved to another host. */
  public static final String WRITER_CHANGED = "writer_changed";
  /** A circuit breaker changed state. */
  public static final String BREAKER = "breaker";
  /** A pool was resized. */
  public static final String RESIZE = "resize";
  /** Pre-ping was turned on or off. */
  public static final String PRE_PING = "pre_ping";
  /** A pool was suspended. */
  public static final String SUSPEND = "suspend";
  /** A pool was resumed. */
  public static final String RESUME = "resume";
  /** A pool's connections were soft-evicted. */
  public static final String EVICT = "evict";
  /** A scenario started or stopped. */
  public static final String SCENARIO = "scenario";
  /** A host was taken down or brought up. */
  public static final String FAULT = "fault";
  /** A pool's health verdict changed. */
  public static final String HEALTH = "health";
  /** The dashboard is shutting down. */
  public static final String SHUTDOWN = "shutdown";

  private EventKinds() {}
}
