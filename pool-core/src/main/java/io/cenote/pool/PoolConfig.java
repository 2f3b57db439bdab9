package io.cenote.pool;

import io.cenote.pool.internal.Backoffs;
import io.cenote.pool.internal.ConfigText;
import io.cenote.pool.internal.Secrets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import javax.sql.DataSource;

/**
 * The immutable configuration of one pool, built by a validating {@link Builder}.
 *
 * <p>Every setter checks its value at once and {@link Builder#build()} checks the rules that span
 * several values; a rejected value names the property and the bad value, for example
 * {@code maxSize must be >= 1, but was 0}. Nothing is silently corrected.
 *
 * <p>A configuration can also be read from {@link #fromProperties(Properties) properties}
 * (property names as in the table of {@code docs/core.md}, e.g. {@code maxSize},
 * {@code acquireTimeout=30s}) or from {@link #fromEnvironment() environment variables}
 * ({@code CENOTE_MAX_SIZE}, {@code CENOTE_ACQUIRE_TIMEOUT}, ...); a loader of its own sets
 * properties by name with {@link Builder#set(String, String)} (names in {@link #propertyNames()},
 * parsers in {@link ConfigValues}).
 *
 * <p>{@link #toString()} never shows the password, and masks credentials inside the URL.
 *
 * <pre>{@code
 * PoolConfig config = PoolConfig.builder()
 *     .jdbcUrl("jdbc:postgresql://127.0.0.1:5432/appdb")
 *     .username("app").password(secret)
 *     .maxSize(20)
 *     .acquireTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 */
public final class PoolConfig {

  /** Value of {@link #transactionIsolation()} when the driver default is kept. */
  public static final int DRIVER_DEFAULT_ISOLATION = -1;

  private static final AtomicInteger POOL_COUNTER = new AtomicInteger();
  /** Keys starting with this go to the JDBC driver, without it. */
  private static final String DRIVER_PREFIX = "driver.";

  private final String poolName;
  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final Properties driverProperties;
  private final DataSource dataSource;
  private final int minIdle;
  /** minIdle as set, or null when it follows maxSize (kept for {@link #toBuilder()}). */
  private final Integer minIdleSetting;
  private final int maxSize;
  private final int maxOverflow;
  private final Duration acquireTimeout;
  private final Duration maxLifetime;
  private final Duration idleTimeout;
  private final long maxUses;
  private final boolean validateOnBorrow;
  private final Duration validationBypassWindow;
  private final String validationQuery;
  private final Duration validationTimeout;
  private final Duration keepaliveInterval;
  private final Duration leakDetectionThreshold;
  private final Duration leakReclaim;
  private final String connectionInitSql;
  private final Boolean autoCommit;
  private final Boolean readOnly;
  private final int transactionIsolation;
  private final String catalog;
  private final String schema;
  private final Duration defaultQueryTimeout;
  private final Duration initializationFailTimeout;
  private final Backoff connectionBackoff;
  private final Duration connectTimeout;
  private final Duration shutdownGracePeriod;
  private final boolean registerMbean;
  private final boolean adaptiveSizing;
  private final int adaptiveMinSize;
  private final int adaptiveMaxSize;
  /** adaptiveMaxSize as set, or null when it follows maxSize (kept for {@link #toBuilder()}). */
  private final Integer adaptiveMaxSizeSetting;
  private final double healthMaxUtilisation;
  private final Duration healthMaxP99Wait;
  private final double healthMinHitRate;
  private final double healthMaxValidationFailureRate;
  private final Duration healthWindow;
  private final List<PoolListener> listeners;
  private final Ticker ticker;

  private PoolConfig(Builder b) {
    this.poolName = b.poolName != null ? b.poolName : "cenote-" + POOL_COUNTER.incrementAndGet();
    this.jdbcUrl = b.jdbcUrl;
    this.username = b.username;
    this.password = b.password;
    this.driverProperties = copy(b.driverProperties);
    this.dataSource = b.dataSource;
    this.maxSize = b.maxSize;
    this.minIdle = b.minIdle != null ? b.minIdle : b.maxSize;
    this.minIdleSetting = b.minIdle;
    this.maxOverflow = b.maxOverflow;
    this.acquireTimeout = b.acquireTimeout;
    this.maxLifetime = b.maxLifetime;
    this.idleTimeout = b.idleTimeout;
    this.maxUses = b.maxUses;
    this.validateOnBorrow = b.validateOnBorrow;
    this.validationBypassWindow = b.validationBypassWindow;
    this.validationQuery = b.validationQuery;
    this.validationTimeout = b.validationTimeout;
    this.keepaliveInterval = b.keepaliveInterval;
    this.leakDetectionThreshold = b.leakDetectionThreshold;
    this.leakReclaim = b.leakReclaim;
    this.connectionInitSql = b.connectionInitSql;
    this.autoCommit = b.autoCommit;
    this.readOnly = b.readOnly;
    this.transactionIsolation = b.transactionIsolation;
    this.catalog = b.catalog;
    this.schema = b.schema;
    this.defaultQueryTimeout = b.defaultQueryTimeout;
    this.initializationFailTimeout = b.initializationFailTimeout;
    this.connectionBackoff = b.connectionBackoff;
    this.connectTimeout = b.connectTimeout;
    this.shutdownGracePeriod = b.shutdownGracePeriod;
    this.registerMbean = b.registerMbean;
    this.adaptiveSizing = b.adaptiveSizing;
    this.adaptiveMinSize = b.adaptiveMinSize != null ? b.adaptiveMinSize : 1;
    this.adaptiveMaxSize = b.adaptiveMaxSize != null ? b.adaptiveMaxSize : b.maxSize;
    this.adaptiveMaxSizeSetting = b.adaptiveMaxSize;
    this.healthMaxUtilisation = b.healthMaxUtilisation;
    this.healthMaxP99Wait = b.healthMaxP99Wait;
    this.healthMinHitRate = b.healthMinHitRate;
    this.healthMaxValidationFailureRate = b.healthMaxValidationFailureRate;
    this.healthWindow = b.healthWindow;
    this.listeners = List.copyOf(b.listeners);
    this.ticker = b.ticker;
  }

  /**
   * Starts a builder with every default from the configuration reference.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder pre-filled with this configuration, to derive a variant. The variant keeps
   * this configuration's pool name, a generated {@code cenote-N} one too, so a layer that adds a
   * listener or a backoff to a configuration does not rename the pool behind it (its log lines,
   * metrics and JMX name would no longer match {@link #poolName()}).
   *
   * @return a new builder holding these values
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Reads a configuration from properties named exactly as the configuration reference
   * ({@code jdbcUrl}, {@code maxSize}, {@code acquireTimeout}, ...). Durations accept
   * {@code 500ms}, {@code 30s}, {@code 10m}, a number of milliseconds, or ISO-8601. Properties
   * starting with {@code driver.} are passed to the JDBC driver without the prefix. An unknown
   * property is rejected, so a typo does not go unnoticed.
   *
   * @param properties the properties
   * @return the validated configuration
   * @throws IllegalArgumentException naming the first bad property
   */
  public static PoolConfig fromProperties(Properties properties) {
    return fromProperties(properties, "");
  }

  /**
   * Reads a configuration from the properties whose names start with {@code prefix} (e.g.
   * {@code orders.}), ignoring all others. See {@link #fromProperties(Properties)}.
   *
   * @param properties the properties
   * @param prefix the prefix every pool property carries, may be empty
   * @return the validated configuration
   * @throws IllegalArgumentException naming the first bad property
   */
  public static PoolConfig fromProperties(Properties properties, String prefix) {
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(prefix, "prefix");
    Builder builder = builder();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(prefix)
          && !builder.apply(key.substring(prefix.length()), properties.getProperty(key))) {
        throw unknownProperty(key); // the whole key, so the prefix of a typo shows too
      }
    }
    return builder.build();
  }

  /**
   * Reads a configuration from the process environment: each property becomes
   * {@code CENOTE_} plus its name in upper snake case ({@code maxSize} is
   * {@code CENOTE_MAX_SIZE}, {@code jdbcUrl} is {@code CENOTE_JDBC_URL}).
   *
   * @return the validated configuration
   * @throws IllegalArgumentException naming the first bad variable
   */
  public static PoolConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Reads a configuration from the given environment map; see {@link #fromEnvironment()}.
   *
   * @param environment variable names to values
   * @return the validated configuration
   * @throws IllegalArgumentException naming the first bad variable
   */
  public static PoolConfig fromEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    Builder builder = builder();
    for (String property : TextSetters.NAMES) {
      String variable = ConfigText.environmentName(property);
      String value = environment.get(variable);
      if (value != null) {
        try {
          builder.set(property, value);
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException(variable + ": " + ex.getMessage(), ex);
        }
      }
    }
    return builder.build();
  }

  /**
   * Lists every property name that {@link #fromProperties(Properties)} and
   * {@link Builder#set(String, String)} accept, for a loader of its own (a fleet configuration
   * file, say) that wants to tell pool settings from its own keys. Keys of the form
   * {@code driver.<name>} are accepted too and are not listed.
   *
   * @return the names in alphabetical order, e.g. {@code acquireTimeout}, {@code adaptiveMaxSize};
   *     unmodifiable
   */
  public static Set<String> propertyNames() {
    return TextSetters.NAMES;
  }

  private static IllegalArgumentException unknownProperty(String name) {
    return new IllegalArgumentException("unknown pool property '" + name + "'");
  }

  /** @return the pool's name, used in log lines, metrics, JMX and thread names */
  public String poolName() {
    return poolName;
  }

  /** @return the JDBC URL, or null when a {@link #dataSource()} supplies connections */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** @return the JDBC URL with credentials masked, safe to log */
  public String maskedJdbcUrl() {
    return Secrets.maskUrl(jdbcUrl);
  }

  /**
   * Masks credentials the way {@link #maskedJdbcUrl()} does, in any JDBC URL or in a text that
   * may contain one (a driver's error message): passwords, secrets and tokens in parameters,
   * {@code user:password@} authorities and Oracle's {@code user/password@}.
   *
   * @param text a URL or message; may be null
   * @return the text with every password-like value replaced by {@code ****}, or null
   */
  public static String maskCredentials(String text) {
    return Secrets.maskUrl(text);
  }

  /** @return the user name, or null */
  public String username() {
    return username;
  }

  /** @return the password, or null; never logged or shown */
  public String password() {
    return password;
  }

  /** @return a copy of the extra properties passed to the driver */
  public Properties driverProperties() {
    return copy(driverProperties);
  }

  /** @return the data source connections come from, or null when {@link #jdbcUrl()} is used */
  public DataSource dataSource() {
    return dataSource;
  }

  /** @return connections kept open even when idle */
  public int minIdle() {
    return minIdle;
  }

  /** @return the pool's permanent capacity */
  public int maxSize() {
    return maxSize;
  }

  /** @return temporary connections allowed beyond {@link #maxSize()} in bursts */
  public int maxOverflow() {
    return maxOverflow;
  }

  /** @return how long {@code getConnection()} waits before failing */
  public Duration acquireTimeout() {
    return acquireTimeout;
  }

  /** @return the age at which a connection is retired; zero means never */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /** @return how long a connection above {@link #minIdle()} may sit idle; zero means forever */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** @return borrows after which a connection is retired; zero means unlimited */
  public long maxUses() {
    return maxUses;
  }

  /** @return whether a connection is checked before it is handed out */
  public boolean validateOnBorrow() {
    return validateOnBorrow;
  }

  /** @return connections used more recently than this skip the pre-ping */
  public Duration validationBypassWindow() {
    return validationBypassWindow;
  }

  /** @return the validation query, or null to use {@link Connection#isValid(int)} */
  public String validationQuery() {
    return validationQuery;
  }

  /** @return the longest a validation may take */
  public Duration validationTimeout() {
    return validationTimeout;
  }

  /** @return how often idle connections are validated in the background; zero means never */
  public Duration keepaliveInterval() {
    return keepaliveInterval;
  }

  /** @return holding a connection longer than this is reported as a leak; zero means off */
  public Duration leakDetectionThreshold() {
    return leakDetectionThreshold;
  }

  /** @return holding a connection longer than this aborts it and frees its slot; zero is off */
  public Duration leakReclaim() {
    return leakReclaim;
  }

  /** @return SQL run once on every new connection, or null */
  public String connectionInitSql() {
    return connectionInitSql;
  }

  /** @return the auto-commit mode every connection starts with, or null for the driver's */
  public Boolean autoCommit() {
    return autoCommit;
  }

  /** @return the read-only flag every connection starts with, or null for the driver's */
  public Boolean readOnly() {
    return readOnly;
  }

  /** @return a {@link Connection} isolation constant, or {@link #DRIVER_DEFAULT_ISOLATION} */
  public int transactionIsolation() {
    return transactionIsolation;
  }

  /** @return the catalog every connection starts with, or null for the driver's */
  public String catalog() {
    return catalog;
  }

  /** @return the schema every connection starts with, or null for the driver's */
  public String schema() {
    return schema;
  }

  /** @return the query timeout applied to statements the user does not time out; zero is off */
  public Duration defaultQueryTimeout() {
    return defaultQueryTimeout;
  }

  /** @return how long start-up tries to reach the database; negative means start anyway */
  public Duration initializationFailTimeout() {
    return initializationFailTimeout;
  }

  /** @return the pause between failed attempts to open a connection */
  public Backoff connectionBackoff() {
    return connectionBackoff;
  }

  /** @return how long one attempt to open a connection may take before it is abandoned */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** @return how long {@code close()} waits for borrowed connections before aborting them */
  public Duration shutdownGracePeriod() {
    return shutdownGracePeriod;
  }

  /** @return whether the pool registers its MXBean with the platform MBean server */
  public boolean registerMbean() {
    return registerMbean;
  }

  /** @return whether adaptive sizing may move maxSize between its bounds */
  public boolean adaptiveSizing() {
    return adaptiveSizing;
  }

  /** @return the lowest maxSize adaptive sizing may set */
  public int adaptiveMinSize() {
    return adaptiveMinSize;
  }

  /** @return the highest maxSize adaptive sizing may set */
  public int adaptiveMaxSize() {
    return adaptiveMaxSize;
  }

  /** @return utilisation above which health reports an alert */
  public double healthMaxUtilisation() {
    return healthMaxUtilisation;
  }

  /** @return p99 acquire wait above which health reports an alert */
  public Duration healthMaxP99Wait() {
    return healthMaxP99Wait;
  }

  /** @return hit rate below which health reports an alert */
  public double healthMinHitRate() {
    return healthMinHitRate;
  }

  /** @return share of failed validations above which health reports an alert */
  public double healthMaxValidationFailureRate() {
    return healthMaxValidationFailureRate;
  }

  /** @return the recent past that health's wait, hit-rate and validation figures cover */
  public Duration healthWindow() {
    return healthWindow;
  }

  /** @return the listeners that receive this pool's events */
  public List<PoolListener> listeners() {
    return listeners;
  }

  /** @return the time source */
  public Ticker ticker() {
    return ticker;
  }

  /** Shows every setting except the password; credentials inside the URL are masked. */
  @Override
  public String toString() {
    return "PoolConfig{poolName=" + poolName
        + ", jdbcUrl=" + Secrets.maskUrl(jdbcUrl)
        + ", username=" + username
        + ", password=" + (password == null ? "<none>" : "****")
        + ", driverProperties=" + driverProperties.stringPropertyNames()
        + ", dataSource=" + (dataSource == null ? null : dataSource.getClass().getName())
        + ", minIdle=" + minIdle + ", maxSize=" + maxSize + ", maxOverflow=" + maxOverflow
        + ", acquireTimeout=" + acquireTimeout + ", maxLifetime=" + maxLifetime
        + ", idleTimeout=" + idleTimeout + ", maxUses=" + maxUses
        + ", validateOnBorrow=" + validateOnBorrow
        + ", validationBypassWindow=" + validationBypassWindow
        + ", validationQuery=" + validationQuery + ", validationTimeout=" + validationTimeout
        + ", keepaliveInterval=" + keepaliveInterval
        + ", leakDetectionThreshold=" + leakDetectionThreshold + ", leakReclaim=" + leakReclaim
        + ", autoCommit=" + autoCommit + ", readOnly=" + readOnly
        + ", transactionIsolation=" + transactionIsolation
        + ", catalog=" + catalog + ", schema=" + schema
        + ", defaultQueryTimeout=" + defaultQueryTimeout
        + ", initializationFailTimeout=" + initializationFailTimeout
        + ", connectionBackoff=" + connectionBackoff + ", connectTimeout=" + connectTimeout
        + ", adaptiveSizing=" + adaptiveSizing + "}";
  }

  private static Properties copy(Properties source) {
    Properties p = new Properties();
    for (String name : source.stringPropertyNames()) {
      p.setProperty(name, source.getProperty(name));
    }
    return p;
  }

  private static void requireNonNegative(String property, Duration value) {
    Objects.requireNonNull(value, property);
    if (value.isNegative()) {
      throw new IllegalArgumentException(property + " must be >= 0, but was " + value);
    }
  }

  private static void requirePositive(String property, Duration value) {
    Objects.requireNonNull(value, property);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(property + " must be > 0, but was " + value);
    }
  }

  private static void requireAtLeast(String property, long min, long value) {
    if (value < min) {
      throw new IllegalArgumentException(property + " must be >= " + min + ", but was " + value);
    }
  }

  private static void requireFraction(String property, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(
          property + " must be between 0.0 and 1.0, but was " + value);
    }
  }

  private static int parseIsolation(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
    if (t.startsWith("TRANSACTION_")) {
      t = t.substring("TRANSACTION_".length());
    }
    switch (t) {
      case "NONE": return Connection.TRANSACTION_NONE;
      case "READ_UNCOMMITTED": return Connection.TRANSACTION_READ_UNCOMMITTED;
      case "READ_COMMITTED": return Connection.TRANSACTION_READ_COMMITTED;
      case "REPEATABLE_READ": return Connection.TRANSACTION_REPEATABLE_READ;
      case "SERIALIZABLE": return Connection.TRANSACTION_SERIALIZABLE;
      default:
        try {
          return Integer.parseInt(t);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("transactionIsolation must be NONE,"
              + " READ_UNCOMMITTED, READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE or a"
              + " Connection.TRANSACTION_* number, but was '" + text + "'", e);
        }
    }
  }

  /** Text setters keyed by property name, behind {@link Builder#set(String, String)}. */
  private static final class TextSetters {
    static final Map<String, BiConsumer<Builder, String>> ALL = build();
    static final Set<String> NAMES = Collections.unmodifiableSortedSet(new TreeSet<>(ALL.keySet()));

    private static Map<String, BiConsumer<Builder, String>> build() {
      Map<String, BiConsumer<Builder, String>> m = new HashMap<>();
      m.put("poolName", Builder::poolName);
      m.put("jdbcUrl", Builder::jdbcUrl);
      m.put("username", Builder::username);
      m.put("password", Builder::password);
      m.put("minIdle", (b, v) -> b.minIdle(ConfigText.integer("minIdle", v)));
      m.put("maxSize", (b, v) -> b.maxSize(ConfigText.integer("maxSize", v)));
      m.put("maxOverflow", (b, v) -> b.maxOverflow(ConfigText.integer("maxOverflow", v)));
      m.put("acquireTimeout", (b, v) -> b.acquireTimeout(ConfigText.duration("acquireTimeout", v)));
      m.put("maxLifetime", (b, v) -> b.maxLifetime(ConfigText.duration("maxLifetime", v)));
      m.put("idleTimeout", (b, v) -> b.idleTimeout(ConfigText.duration("idleTimeout", v)));
      m.put("maxUses", (b, v) -> b.maxUses(ConfigText.longValue("maxUses", v)));
      m.put("validateOnBorrow",
          (b, v) -> b.validateOnBorrow(ConfigText.bool("validateOnBorrow", v)));
      m.put("validationBypassWindow", (b, v) ->
          b.validationBypassWindow(ConfigText.duration("validationBypassWindow", v)));
      m.put("validationQuery", Builder::validationQuery);
      m.put("validationTimeout",
          (b, v) -> b.validationTimeout(ConfigText.duration("validationTimeout", v)));
      m.put("keepaliveInterval",
          (b, v) -> b.keepaliveInterval(ConfigText.duration("keepaliveInterval", v)));
      m.put("leakDetectionThreshold", (b, v) ->
          b.leakDetectionThreshold(ConfigText.duration("leakDetectionThreshold", v)));
      m.put("leakReclaim", (b, v) -> b.leakReclaim(ConfigText.duration("leakReclaim", v)));
      m.put("connectionInitSql", Builder::connectionInitSql);
      m.put("autoCommit", (b, v) -> b.autoCommit(ConfigText.bool("autoCommit", v)));
      m.put("readOnly", (b, v) -> b.readOnly(ConfigText.bool("readOnly", v)));
      m.put("transactionIsolation", (b, v) -> b.transactionIsolation(parseIsolation(v)));
      m.put("catalog", Builder::catalog);
      m.put("schema", Builder::schema);
      m.put("defaultQueryTimeout",
          (b, v) -> b.defaultQueryTimeout(ConfigText.duration("defaultQueryTimeout", v)));
      m.put("initializationFailTimeout", (b, v) ->
          b.initializationFailTimeout(ConfigText.duration("initializationFailTimeout", v)));
      m.put("connectionBackoff",
          (b, v) -> b.connectionBackoff(Backoffs.parse("connectionBackoff", v)));
      m.put("connectTimeout",
          (b, v) -> b.connectTimeout(ConfigText.duration("connectTimeout", v)));
      m.put("healthMaxUtilisation", (b, v) ->
          b.healthMaxUtilisation(ConfigText.decimal("healthMaxUtilisation", v)));
      m.put("healthMaxP99Wait",
          (b, v) -> b.healthMaxP99Wait(ConfigText.duration("healthMaxP99Wait", v)));
      m.put("healthMinHitRate",
          (b, v) -> b.healthMinHitRate(ConfigText.decimal("healthMinHitRate", v)));
      m.put("healthMaxValidationFailureRate", (b, v) -> b.healthMaxValidationFailureRate(
          ConfigText.decimal("healthMaxValidationFailureRate", v)));
      m.put("healthWindow", (b, v) -> b.healthWindow(ConfigText.duration("healthWindow", v)));
      m.put("shutdownGracePeriod",
          (b, v) -> b.shutdownGracePeriod(ConfigText.duration("shutdownGracePeriod", v)));
      m.put("registerMbean", (b, v) -> b.registerMbean(ConfigText.bool("registerMbean", v)));
      m.put("adaptiveSizing", (b, v) -> b.adaptiveSizing(ConfigText.bool("adaptiveSizing", v)));
      m.put("adaptiveMinSize",
          (b, v) -> b.adaptiveMinSize(ConfigText.integer("adaptiveMinSize", v)));
      m.put("adaptiveMaxSize",
          (b, v) -> b.adaptiveMaxSize(ConfigText.integer("adaptiveMaxSize", v)));
      return Map.copyOf(m);
    }
  }

  /**
   * Builds a {@link PoolConfig}. Each setter rejects a bad value at once with an
   * {@link IllegalArgumentException} naming the property; {@link #build()} checks rules that
   * span several properties.
   */
  public static final class Builder {
    private String poolName;
    private String jdbcUrl;
    private String username;
    private String password;
    private final Properties driverProperties = new Properties();
    private DataSource dataSource;
    private Integer minIdle;
    private int maxSize = 10;
    private int maxOverflow;
    private Duration acquireTimeout = Duration.ofSeconds(30);
    private Duration maxLifetime = Duration.ofMinutes(30);
    private Duration idleTimeout = Duration.ofMinutes(10);
    private long maxUses;
    private boolean validateOnBorrow = true;
    private Duration validationBypassWindow = Duration.ofMillis(500);
    private String validationQuery;
    private Duration validationTimeout = Duration.ofSeconds(5);
    private Duration keepaliveInterval = Duration.ofMinutes(2);
    private Duration leakDetectionThreshold = Duration.ZERO;
    private Duration leakReclaim = Duration.ZERO;
    private String connectionInitSql;
    private Boolean autoCommit;
    private Boolean readOnly;
    private int transactionIsolation = DRIVER_DEFAULT_ISOLATION;
    private String catalog;
    private String schema;
    private Duration defaultQueryTimeout = Duration.ZERO;
    private Duration initializationFailTimeout = Duration.ofSeconds(1);
    private Backoff connectionBackoff = Backoff.defaults();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration shutdownGracePeriod = Duration.ofSeconds(5);
    private boolean registerMbean = true;
    private boolean adaptiveSizing;
    private Integer adaptiveMinSize;
    private Integer adaptiveMaxSize;
    private double healthMaxUtilisation = 0.9;
    private Duration healthMaxP99Wait = Duration.ofMillis(100);
    private double healthMinHitRate = 0.8;
    private double healthMaxValidationFailureRate = 0.1;
    private Duration healthWindow = Duration.ofSeconds(60);
    private final List<PoolListener> listeners = new ArrayList<>();
    private Ticker ticker = Ticker.system();

    private Builder() {}

    private Builder(PoolConfig c) {
      poolName = c.poolName;
      jdbcUrl = c.jdbcUrl;
      username = c.username;
      password = c.password;
      driverProperties.putAll(c.driverProperties);
      dataSource = c.dataSource;
      minIdle = c.minIdleSetting;
      maxSize = c.maxSize;
      maxOverflow = c.maxOverflow;
      acquireTimeout = c.acquireTimeout;
      maxLifetime = c.maxLifetime;
      idleTimeout = c.idleTimeout;
      maxUses = c.maxUses;
      validateOnBorrow = c.validateOnBorrow;
      validationBypassWindow = c.validationBypassWindow;
      validationQuery = c.validationQuery;
      validationTimeout = c.validationTimeout;
      keepaliveInterval = c.keepaliveInterval;
      leakDetectionThreshold = c.leakDetectionThreshold;
      leakReclaim = c.leakReclaim;
      connectionInitSql = c.connectionInitSql;
      autoCommit = c.autoCommit;
      readOnly = c.readOnly;
      transactionIsolation = c.transactionIsolation;
      catalog = c.catalog;
      schema = c.schema;
      defaultQueryTimeout = c.defaultQueryTimeout;
      initializationFailTimeout = c.initializationFailTimeout;
      connectionBackoff = c.connectionBackoff;
      connectTimeout = c.connectTimeout;
      shutdownGracePeriod = c.shutdownGracePeriod;
      registerMbean = c.registerMbean;
      adaptiveSizing = c.adaptiveSizing;
      adaptiveMinSize = c.adaptiveMinSize;
      adaptiveMaxSize = c.adaptiveMaxSizeSetting;
      healthMaxUtilisation = c.healthMaxUtilisation;
      healthMaxP99Wait = c.healthMaxP99Wait;
      healthMinHitRate = c.healthMinHitRate;
      healthMaxValidationFailureRate = c.healthMaxValidationFailureRate;
      healthWindow = c.healthWindow;
      listeners.addAll(c.listeners);
      ticker = c.ticker;
    }

    /**
     * Sets one property from text, exactly as {@link PoolConfig#fromProperties(Properties)}
     * does: {@code property} is a name of {@link PoolConfig#propertyNames()} (durations such as
     * {@code 500ms}, {@code 30s} or {@code PT30S}; {@code true}/{@code false}; isolation levels
     * by name) or {@code driver.<name>} for a driver property. The value is checked at once,
     * like every setter's.
     *
     * <pre>{@code
     * PoolConfig.Builder b = PoolConfig.builder();
     * b.set("jdbcUrl", "jdbc:postgresql://db1/app").set("maxSize", "20")
     *  .set("acquireTimeout", "5s").set("driver.ssl", "true");
     * }</pre>
     *
     * @param property the property's name
     * @param value its value as text
     * @return this builder
     * @throws IllegalArgumentException {@code unknown pool property '<property>'}, or a message
     *     naming the property and the bad value
     */
    public Builder set(String property, String value) {
      Objects.requireNonNull(property, "property");
      Objects.requireNonNull(value, "value");
      if (!apply(property, value)) {
        throw unknownProperty(property);
      }
      return this;
    }

    /** Sets a property from text; false, changing nothing, when no property has that name. */
    private boolean apply(String property, String value) {
      if (property.startsWith(DRIVER_PREFIX) && property.length() > DRIVER_PREFIX.length()) {
        driverProperty(property.substring(DRIVER_PREFIX.length()), value);
        return true;
      }
      BiConsumer<Builder, String> setter = TextSetters.ALL.get(property);
      if (setter == null) {
        return false;
      }
      setter.accept(this, value);
      return true;
    }

    /**
     * Names the pool; the name appears in every log line, metric, thread name and JMX name.
     *
     * @param poolName letters, digits and {@code - _ .}; default {@code cenote-N}
     * @return this builder
     */
    public Builder poolName(String poolName) {
      Objects.requireNonNull(poolName, "poolName");
      if (!poolName.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException("poolName must contain only letters, digits and"
            + " '.', '_', '-', but was '" + poolName + "'");
      }
      this.poolName = poolName;
      return this;
    }

    /**
     * Sets the JDBC URL connections are opened with through {@link java.sql.DriverManager}.
     *
     * @param jdbcUrl a URL starting with {@code jdbc:}
     * @return this builder
     */
    public Builder jdbcUrl(String jdbcUrl) {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:")) {
        throw new IllegalArgumentException(
            "jdbcUrl must start with 'jdbc:', but was '" + Secrets.maskUrl(jdbcUrl) + "'");
      }
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    /**
     * Sets the database user.
     *
     * @param username the user name
     * @return this builder
     */
    public Builder username(String username) {
      this.username = Objects.requireNonNull(username, "username");
      return this;
    }

    /**
     * Sets the database password; it is never logged, shown or put in an exception.
     *
     * @param password the password
     * @return this builder
     */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Adds a property passed to the JDBC driver when connecting.
     *
     * @param name the driver property's name
     * @param value its value
     * @return this builder
     */
    public Builder driverProperty(String name, String value) {
      driverProperties.setProperty(Objects.requireNonNull(name, "name"),
          Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Takes connections from a {@link DataSource} instead of a JDBC URL.
     *
     * @param dataSource an unpooled data source
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * Sets how many connections stay open when idle; default equals {@code maxSize}.
     *
     * @param minIdle 0 to maxSize
     * @return this builder
     */
    public Builder minIdle(int minIdle) {
      requireAtLeast("minIdle", 0, minIdle);
      this.minIdle = minIdle;
      return this;
    }

    /**
     * Sets the pool's permanent capacity; default 10.
     *
     * @param maxSize at least 1
     * @return this builder
     */
    public Builder maxSize(int maxSize) {
      requireAtLeast("maxSize", 1, maxSize);
      this.maxSize = maxSize;
      return this;
    }

    /**
     * Sets how many temporary connections beyond maxSize a burst may open; default 0.
     *
     * @param maxOverflow at least 0
     * @return this builder
     */
    public Builder maxOverflow(int maxOverflow) {
      requireAtLeast("maxOverflow", 0, maxOverflow);
      this.maxOverflow = maxOverflow;
      return this;
    }

    /**
     * Sets how long {@code getConnection()} waits; default 30 s.
     *
     * @param acquireTimeout greater than zero
     * @return this builder
     */
    public Builder acquireTimeout(Duration acquireTimeout) {
      requirePositive("acquireTimeout", acquireTimeout);
      this.acquireTimeout = acquireTimeout;
      return this;
    }

    /**
     * Sets the age at which a connection is retired (never while in use); default 30 min.
     *
     * @param maxLifetime zero for never, else at least 1 s
     * @return this builder
     */
    public Builder maxLifetime(Duration maxLifetime) {
      requireNonNegative("maxLifetime", maxLifetime);
      if (!maxLifetime.isZero() && maxLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException(
            "maxLifetime must be 0 (never) or >= PT1S, but was " + maxLifetime);
      }
      this.maxLifetime = maxLifetime;
      return this;
    }

    /**
     * Sets how long a connection above minIdle may stay idle; default 10 min.
     *
     * @param idleTimeout zero for forever, else positive
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      requireNonNegative("idleTimeout", idleTimeout);
      this.idleTimeout = idleTimeout;
      return this;
    }

    /**
     * Retires a connection after this many borrows; default 0 (unlimited).
     *
     * @param maxUses zero or more
     * @return this builder
     */
    public Builder maxUses(long maxUses) {
      requireAtLeast("maxUses", 0, maxUses);
      this.maxUses = maxUses;
      return this;
    }

    /**
     * Turns the pre-ping before hand-out on or off; default on.
     *
     * @param validateOnBorrow whether to validate on borrow
     * @return this builder
     */
    public Builder validateOnBorrow(boolean validateOnBorrow) {
      this.validateOnBorrow = validateOnBorrow;
      return this;
    }

    /**
     * Skips the pre-ping for connections used this recently; default 500 ms.
     *
     * @param window zero or more
     * @return this builder
     */
    public Builder validationBypassWindow(Duration window) {
      requireNonNegative("validationBypassWindow", window);
      this.validationBypassWindow = window;
      return this;
    }

    /**
     * Validates with this query instead of {@link Connection#isValid(int)}.
     *
     * @param validationQuery a cheap query such as {@code SELECT 1}
     * @return this builder
     */
    public Builder validationQuery(String validationQuery) {
      Objects.requireNonNull(validationQuery, "validationQuery");
      if (validationQuery.isBlank()) {
        throw new IllegalArgumentException("validationQuery must not be blank");
      }
      this.validationQuery = validationQuery;
      return this;
    }

    /**
     * Sets the longest a validation may take; default 5 s.
     *
     * @param validationTimeout greater than zero
     * @return this builder
     */
    public Builder validationTimeout(Duration validationTimeout) {
      requirePositive("validationTimeout", validationTimeout);
      this.validationTimeout = validationTimeout;
      return this;
    }

    /**
     * Sets how often idle connections are validated in the background; default 2 min.
     *
     * @param keepaliveInterval zero for never, else positive
     * @return this builder
     */
    public Builder keepaliveInterval(Duration keepaliveInterval) {
      requireNonNegative("keepaliveInterval", keepaliveInterval);
      this.keepaliveInterval = keepaliveInterval;
      return this;
    }

    /**
     * Reports connections held longer than this, with the borrower's stack; default off.
     *
     * @param threshold zero for off, else positive
     * @return this builder
     */
    public Builder leakDetectionThreshold(Duration threshold) {
      requireNonNegative("leakDetectionThreshold", threshold);
      this.leakDetectionThreshold = threshold;
      return this;
    }

    /**
     * Aborts connections held longer than this and frees their slot; default off. Requires
     * leak detection with a lower threshold.
     *
     * @param leakReclaim zero for off, else greater than leakDetectionThreshold
     * @return this builder
     */
    public Builder leakReclaim(Duration leakReclaim) {
      requireNonNegative("leakReclaim", leakReclaim);
      this.leakReclaim = leakReclaim;
      return this;
    }

    /**
     * Runs this SQL once on every new connection.
     *
     * @param sql the statement
     * @return this builder
     */
    public Builder connectionInitSql(String sql) {
      Objects.requireNonNull(sql, "connectionInitSql");
      if (sql.isBlank()) {
        throw new IllegalArgumentException("connectionInitSql must not be blank");
      }
      this.connectionInitSql = sql;
      return this;
    }

    /**
     * Sets the auto-commit mode every connection starts with (and is restored to).
     *
     * @param autoCommit the mode
     * @return this builder
     */
    public Builder autoCommit(boolean autoCommit) {
      this.autoCommit = autoCommit;
      return this;
    }

    /**
     * Sets the read-only flag every connection starts with (and is restored to).
     *
     * @param readOnly the flag
     * @return this builder
     */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /**
     * Sets the isolation level every connection starts with (and is restored to).
     *
     * @param level one of the {@code Connection.TRANSACTION_*} constants
     * @return this builder
     */
    public Builder transactionIsolation(int level) {
      if (level != Connection.TRANSACTION_NONE
          && level != Connection.TRANSACTION_READ_UNCOMMITTED
          && level != Connection.TRANSACTION_READ_COMMITTED
          && level != Connection.TRANSACTION_REPEATABLE_READ
          && level != Connection.TRANSACTION_SERIALIZABLE) {
        throw new IllegalArgumentException("transactionIsolation must be a"
            + " Connection.TRANSACTION_* constant, but was " + level);
      }
      this.transactionIsolation = level;
      return this;
    }

    /**
     * Sets the catalog every connection starts with (and is restored to).
     *
     * @param catalog the catalog
     * @return this builder
     */
    public Builder catalog(String catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /**
     * Sets the schema every connection starts with (and is restored to).
     *
     * @param schema the schema
     * @return this builder
     */
    public Builder schema(String schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /**
     * Applies this query timeout to every statement the user does not time out; default off.
     * JDBC query timeouts are whole seconds.
     *
     * @param timeout zero for off, else a whole number of seconds
     * @return this builder
     */
    public Builder defaultQueryTimeout(Duration timeout) {
      requireNonNegative("defaultQueryTimeout", timeout);
      if (timeout.getNano() != 0) {
        throw new IllegalArgumentException(
            "defaultQueryTimeout must be a whole number of seconds, but was " + timeout);
      }
      this.defaultQueryTimeout = timeout;
      return this;
    }

    /**
     * Sets how long start-up tries to open a first connection before failing; a negative value
     * starts the pool even when the database is down. Default 1 s.
     *
     * @param timeout any duration
     * @return this builder
     */
    public Builder initializationFailTimeout(Duration timeout) {
      this.initializationFailTimeout = Objects.requireNonNull(timeout,
          "initializationFailTimeout");
      return this;
    }

    /**
     * Sets the pause between failed attempts to open a connection (at start-up and in the
     * background creator); default {@link Backoff#defaults()}, 10 ms doubling to 1 s with
     * jitter. Borrows are not affected. In properties: {@code exponential(10ms,1s)} or
     * {@code fixed(100ms)}.
     *
     * @param backoff the policy
     * @return this builder
     */
    public Builder connectionBackoff(Backoff backoff) {
      this.connectionBackoff = Objects.requireNonNull(backoff, "connectionBackoff");
      return this;
    }

    /**
     * Sets how long one attempt to open a connection may take; default 10 s. The attempt runs
     * on a {@code <pool>-connector} thread, so even a driver that waits for ever on a
     * black-holed network (no login or socket timeout) cannot stall the pool: an attempt still
     * running at this deadline is abandoned and retried, and a connection it opens late is
     * closed on arrival. Borrowers are bounded by {@code acquireTimeout} whatever this is.
     *
     * @param timeout greater than zero
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      requirePositive("connectTimeout", timeout);
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Sets how long {@code close()} waits for borrowed connections before aborting them;
     * default 5 s.
     *
     * @param grace zero or more
     * @return this builder
     */
    public Builder shutdownGracePeriod(Duration grace) {
      requireNonNegative("shutdownGracePeriod", grace);
      this.shutdownGracePeriod = grace;
      return this;
    }

    /**
     * Turns registration of the pool's MXBean on or off; default on.
     *
     * @param registerMbean whether to register
     * @return this builder
     */
    public Builder registerMbean(boolean registerMbean) {
      this.registerMbean = registerMbean;
      return this;
    }

    /**
     * Lets the pool grow and shrink maxSize between adaptiveMinSize and adaptiveMaxSize from
     * utilisation and waiters; default off.
     *
     * @param adaptiveSizing whether adaptive sizing is on
     * @return this builder
     */
    public Builder adaptiveSizing(boolean adaptiveSizing) {
      this.adaptiveSizing = adaptiveSizing;
      return this;
    }

    /**
     * Sets the lowest maxSize adaptive sizing may choose; default 1.
     *
     * @param size at least 1
     * @return this builder
     */
    public Builder adaptiveMinSize(int size) {
      requireAtLeast("adaptiveMinSize", 1, size);
      this.adaptiveMinSize = size;
      return this;
    }

    /**
     * Sets the highest maxSize adaptive sizing may choose; default maxSize.
     *
     * @param size at least 1
     * @return this builder
     */
    public Builder adaptiveMaxSize(int size) {
      requireAtLeast("adaptiveMaxSize", 1, size);
      this.adaptiveMaxSize = size;
      return this;
    }

    /**
     * Sets the utilisation above which health raises an alert; default 0.9.
     *
     * @param fraction 0.0 to 1.0
     * @return this builder
     */
    public Builder healthMaxUtilisation(double fraction) {
      requireFraction("healthMaxUtilisation", fraction);
      this.healthMaxUtilisation = fraction;
      return this;
    }

    /**
     * Sets the p99 acquire wait above which health raises an alert; default 100 ms.
     *
     * @param wait zero or more
     * @return this builder
     */
    public Builder healthMaxP99Wait(Duration wait) {
      requireNonNegative("healthMaxP99Wait", wait);
      this.healthMaxP99Wait = wait;
      return this;
    }

    /**
     * Sets the hit rate below which health raises an alert; default 0.8.
     *
     * @param fraction 0.0 to 1.0
     * @return this builder
     */
    public Builder healthMinHitRate(double fraction) {
      requireFraction("healthMinHitRate", fraction);
      this.healthMinHitRate = fraction;
      return this;
    }

    /**
     * Sets the share of failed validations above which health raises an alert; default 0.1.
     *
     * @param fraction 0.0 to 1.0
     * @return this builder
     */
    public Builder healthMaxValidationFailureRate(double fraction) {
      requireFraction("healthMaxValidationFailureRate", fraction);
      this.healthMaxValidationFailureRate = fraction;
      return this;
    }

    /**
     * Sets the recent past that health judges: the p99 acquire wait, the hit rate and the
     * validation-failure rate of {@code health()} cover about this much time, so an alert
     * clears once an incident is this far behind and a late incident is not diluted by a long
     * quiet history. Default 60 s; at least 1 s.
     *
     * @param window 1 s or more
     * @return this builder
     */
    public Builder healthWindow(Duration window) {
      requirePositive("healthWindow", window);
      if (window.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("healthWindow must be >= 1s, but was " + window);
      }
      this.healthWindow = window;
      return this;
    }

    /**
     * Adds a listener for the pool's lifecycle events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(PoolListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Replaces the time source (for tests); default {@link Ticker#system()}.
     *
     * @param ticker the time source
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Checks the rules that span several properties and builds the configuration.
     *
     * @return the immutable configuration
     * @throws IllegalArgumentException naming the properties in conflict
     */
    public PoolConfig build() {
      if (jdbcUrl != null && dataSource != null) {
        throw new IllegalArgumentException("set either jdbcUrl or dataSource, not both");
      }
      if (minIdle != null && minIdle > maxSize) {
        throw new IllegalArgumentException("minIdle must be <= maxSize (" + maxSize
            + "), but was " + minIdle);
      }
      if (!leakReclaim.isZero()) {
        if (leakDetectionThreshold.isZero()) {
          throw new IllegalArgumentException(
              "leakReclaim requires leakDetectionThreshold to be set, but it is off");
        }
        if (leakReclaim.compareTo(leakDetectionThreshold) <= 0) {
          throw new IllegalArgumentException("leakReclaim must be > leakDetectionThreshold ("
              + leakDetectionThreshold + "), but was " + leakReclaim);
        }
      }
      if (adaptiveSizing) {
        int lo = adaptiveMinSize != null ? adaptiveMinSize : 1;
        int hi = adaptiveMaxSize != null ? adaptiveMaxSize : maxSize;
        if (lo > maxSize) {
          throw new IllegalArgumentException("adaptiveMinSize must be <= maxSize (" + maxSize
              + "), but was " + lo);
        }
        if (hi < maxSize) {
          throw new IllegalArgumentException("adaptiveMaxSize must be >= maxSize (" + maxSize
              + "), but was " + hi);
        }
      }
      return new PoolConfig(this);
    }
  }
}
