package io.cenote.testkit.fault;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A JDBC driver for testing pools under failure: it serves cheap in-memory stub connections, or
 * wraps a real driver's connections, and injects the faults programmed in a {@link FaultPlan}.
 *
 * <p>URLs:
 * <ul>
 *   <li>{@code jdbc:cenote-fault:stub} - the shared stub server;
 *   <li>{@code jdbc:cenote-fault:stub:<name>} - an isolated stub server with its own plan and
 *       counters, for example {@code jdbc:cenote-fault:stub:test-123} (see
 *       {@link #uniqueStubUrl()});
 *   <li>{@code jdbc:cenote-fault:<rest>} - connects {@code jdbc:<rest>} through the real driver
 *       registered for it (for example {@code jdbc:cenote-fault:postgresql://127.0.0.1:5432/app})
 *       and wraps the connection so the same faults apply.
 * </ul>
 *
 * <p>The driver registers itself with {@link DriverManager} when its class loads, which the
 * {@code META-INF/services/java.sql.Driver} entry triggers; {@link #register()} does it explicitly.
 * All state is static, so every instance of this class behaves the same.
 *
 * <pre>{@code
 * String url = FaultDriver.uniqueStubUrl();
 * FaultPlan plan = FaultDriver.plan(url);
 * plan.failConnects(FaultTrigger.once());
 * assertThatThrownBy(() -> DriverManager.getConnection(url)).isInstanceOf(SQLException.class);
 * try (Connection c = DriverManager.getConnection(url)) {
 *   assertThat(c.isValid(1)).isTrue();
 * }
 * assertThat(plan.stats().connectFailures()).isEqualTo(1);
 * }</pre>
 */
public final class FaultDriver implements Driver {

  /** The prefix of every URL this driver accepts: {@value}. */
  public static final String URL_PREFIX = PlanRegistry.PREFIX;

  /** The URL of the shared stub server: {@value}. */
  public static final String STUB_URL = URL_PREFIX + "stub";

  private static final PlanRegistry PLANS = new PlanRegistry();
  private static final AtomicLong UNIQUE = new AtomicLong();
  private static final FaultDriver INSTANCE = new FaultDriver();

  static {
    register();
  }

  /**
   * Creates a driver; used by {@link java.util.ServiceLoader}. All instances share the same plans.
   */
  public FaultDriver() {}

  // ---------------------------------------------------------------- static API

  /**
   * Registers the driver with {@link DriverManager}; calling it again is harmless.
   *
   * @return the registered instance
   */
  public static FaultDriver register() {
    try {
      DriverManager.registerDriver(INSTANCE);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot register the fault driver", e);
    }
    return INSTANCE;
  }

  /**
   * Returns the URL of an isolated stub server, {@code jdbc:cenote-fault:stub:<name>}.
   *
   * @param name the server's name; it becomes the plan key {@code stub:<name>}
   * @return the URL
   */
  public static String stubUrl(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("stub name must not be empty, but was '" + name + "'");
    }
    return STUB_URL + ":" + name;
  }

  /**
   * Returns the URL of a stub server no one else uses, so a test gets its own plan and counters.
   *
   * @return a URL such as {@code jdbc:cenote-fault:stub:isolated-42}
   */
  public static String uniqueStubUrl() {
    return stubUrl("isolated-" + UNIQUE.incrementAndGet());
  }

  /**
   * Returns the fault-injecting URL for a real JDBC URL: {@code jdbc:postgresql://h/db} becomes
   * {@code jdbc:cenote-fault:postgresql://h/db}.
   *
   * @param jdbcUrl a real driver's URL, starting with {@code jdbc:}
   * @return the wrapping URL
   */
  public static String wrap(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:") || jdbcUrl.startsWith(URL_PREFIX)) {
      throw new IllegalArgumentException("expected a real JDBC URL starting with jdbc:");
    }
    return URL_PREFIX + jdbcUrl.substring("jdbc:".length());
  }

  /**
   * Returns the plan for a key or URL, creating it on first use. All of these give the same
   * plan: {@code "stub:orders"}, {@code "jdbc:cenote-fault:stub:orders"},
   * {@code "jdbc:cenote-fault:stub:orders?x=1"}; and for real servers
   * {@code "postgresql://h:5432/db"}, {@code "jdbc:postgresql://h:5432/db?user=app"} and its
   * {@code jdbc:cenote-fault:} form. {@code "*"} is the {@linkplain #global() global plan}.
   *
   * @param keyOrUrl a plan key or a URL
   * @return the plan
   */
  public static FaultPlan plan(String keyOrUrl) {
    return PLANS.plan(keyOrUrl);
  }

  /**
   * Returns the global plan: its faults apply to every connection of every plan, its
   * {@link FaultPlan#restart()} resets them all, and its counters add up all plans.
   *
   * @return the global plan
   */
  public static FaultPlan global() {
    return PLANS.global();
  }

  /**
   * Returns a snapshot of a plan's counters.
   *
   * @param keyOrUrl a plan key or URL, as for {@link #plan(String)}
   * @return the snapshot
   */
  public static FaultStats stats(String keyOrUrl) {
    return plan(keyOrUrl).stats();
  }

  /**
   * Returns a snapshot of the counters of all plans together.
   *
   * @return the snapshot
   */
  public static FaultStats stats() {
    return global().stats();
  }

  /**
   * Clears the faults of every plan, the global one included; counters and connections stay.
   * Handy in a test's {@code @AfterEach}.
   */
  public static void resetAll() {
    PLANS.global().reset();
    for (FaultPlan plan : PLANS.plans()) {
      plan.reset();
    }
  }

  // ---------------------------------------------------------------- java.sql.Driver

  /**
   * Opens a connection for a {@code jdbc:cenote-fault:} URL, injecting the plan's connect faults.
   *
   * @param url the URL
   * @param info driver properties, passed on to a wrapped real driver
   * @return the connection, or null if the URL is not this driver's (as JDBC requires)
   * @throws SQLException an injected or real connect failure
   */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (url == null) {
      throw new SQLException("url must not be null", FaultSqlStates.CONNECT_FAILURE);
    }
    if (!url.startsWith(URL_PREFIX)) {
      return null;
    }
    return Connector.connect(PLANS.forUrl(url), url, info);
  }

  /**
   * Tells whether the URL starts with {@code jdbc:cenote-fault:}.
   *
   * @param url the URL
   * @return true if this driver serves it
   */
  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(URL_PREFIX);
  }

  /**
   * Returns no properties: the stub needs none and a wrapped driver is asked directly.
   *
   * @param url the URL
   * @param info the proposed properties
   * @return an empty array
   */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  /**
   * Returns the driver's major version.
   *
   * @return 0
   */
  @Override
  public int getMajorVersion() {
    return 0;
  }

  /**
   * Returns the driver's minor version.
   *
   * @return 1
   */
  @Override
  public int getMinorVersion() {
    return 1;
  }

  /**
   * Tells that this test driver makes no claim of JDBC compliance.
   *
   * @return false
   */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  /**
   * Not supported: the driver does not log.
   *
   * @return never
   * @throws SQLFeatureNotSupportedException always
   */
  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("the fault driver does not log");
  }
}
