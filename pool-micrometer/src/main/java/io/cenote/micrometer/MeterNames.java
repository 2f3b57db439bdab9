package io.cenote.micrometer;

/**
 * The names and tags of Cenote's meters: stable names users may build dashboards and alerts
 * on. Pool meters mirror HikariCP's binder where it has one ({@code hikaricp.connections.*}
 * becomes {@code cenote.connections.*}); {@code docs/metrics.md} describes every meter.
 *
 * <p>Every pool meter carries the tags {@value #POOL}, {@value #CLUSTER}, {@value #HOST} and
 * {@value #ROLE}, so that all meters of one name have the same tag keys (Prometheus requires
 * it). A standalone pool has {@code cluster="none"}, {@code role="standalone"} and its own name
 * as host; a cluster's host has its cluster's name, its host name (its pool name) and
 * {@code primary} or {@code replica}.
 */
public final class MeterNames {

  /** Gauge: physical connections open. */
  public static final String CONNECTIONS = "cenote.connections";
  /** Gauge: connections lent to borrowers. */
  public static final String ACTIVE = "cenote.connections.active";
  /** Gauge: connections ready to be lent. */
  public static final String IDLE = "cenote.connections.idle";
  /** Gauge: borrowers waiting for a connection. */
  public static final String PENDING = "cenote.connections.pending";
  /** Gauge: connections open beyond maxSize. */
  public static final String OVERFLOW = "cenote.connections.overflow";
  /** Gauge: the pool's current maxSize. */
  public static final String MAX = "cenote.connections.max";
  /** Gauge: the pool's current minIdle. */
  public static final String MIN = "cenote.connections.min";
  /**
   * Counter: connections opened ({@code PoolStats.created}). Not {@code ...created}: Prometheus
   * reserves the {@code _created} suffix, which would fold it into {@link #CONNECTIONS}.
   */
  public static final String OPENED = "cenote.connections.opened";
  /** Counter: connections closed ({@code PoolStats.destroyed}), tagged with their reason. */
  public static final String CLOSED = "cenote.connections.closed";
  /** Counter: successful borrows. */
  public static final String ACQUIRED = "cenote.connections.acquired";
  /** Counter: borrows that gave up after acquireTimeout. */
  public static final String TIMEOUT = "cenote.connections.timeout";
  /** Counter: validations that failed. */
  public static final String VALIDATION_FAILURES = "cenote.connections.validation.failures";
  /** Counter: failed attempts to open a connection. */
  public static final String CREATION_FAILURES = "cenote.connections.creation.failures";
  /** Timer: time borrowers waited for a connection (zero when served at once). */
  public static final String ACQUIRE = "cenote.connections.acquire";
  /** Timer: time borrowers held a connection. */
  public static final String USAGE = "cenote.connections.usage";
  /** Suffix of a timer's windowed percentile gauges, tagged with {@value #PHI}. */
  public static final String PERCENTILE_SUFFIX = ".percentile";
  /** Suffix of a timer's windowed maximum gauge. */
  public static final String MAX_SUFFIX = ".max";
  /** Suffix of a timer's cumulative bucket counters, tagged with {@value #LE}. */
  public static final String HISTOGRAM_SUFFIX = ".histogram";

  /** Counter: reads routed to a cluster's host. */
  public static final String HOST_READS = "cenote.host.reads";
  /** Counter: writes routed to a cluster's host. */
  public static final String HOST_WRITES = "cenote.host.writes";
  /** Counter: reads the primary served because no replica was eligible. */
  public static final String HOST_FALLBACKS = "cenote.host.fallbacks";
  /** Counter: times a host was excluded from routing. */
  public static final String HOST_EXCLUSIONS = "cenote.host.exclusions";
  /** Gauge: 1 for the host's current {@value #STATE}, 0 for the others. */
  public static final String HOST_STATE = "cenote.host.state";

  /** Tag: the pool's name. */
  public static final String POOL = "pool";
  /** Tag: the cluster's name, or {@value #NO_CLUSTER}. */
  public static final String CLUSTER = "cluster";
  /** Tag: the host's name (a cluster member's pool name). */
  public static final String HOST = "host";
  /** Tag: {@value #PRIMARY}, {@value #REPLICA} or {@value #STANDALONE}. */
  public static final String ROLE = "role";
  /** Tag of {@link #CLOSED}: why connections were closed. */
  public static final String REASON = "reason";
  /** Tag of {@link #HOST_STATE}: {@value #ELIGIBLE} or an exclusion reason. */
  public static final String STATE = "state";
  /** Tag of percentile gauges: the quantile, e.g. {@code 0.99}. */
  public static final String PHI = "phi";
  /** Tag of histogram counters: the bucket's upper bound in seconds, or {@code +Inf}. */
  public static final String LE = "le";

  /** {@link #CLUSTER} of a standalone pool. */
  public static final String NO_CLUSTER = "none";
  /** {@link #ROLE} of a cluster's primary. */
  public static final String PRIMARY = "primary";
  /** {@link #ROLE} of a cluster's replica. */
  public static final String REPLICA = "replica";
  /** {@link #ROLE} of a standalone pool. */
  public static final String STANDALONE = "standalone";
  /** {@link #STATE} of a host that routing may use. */
  public static final String ELIGIBLE = "eligible";

  private MeterNames() {}
}
