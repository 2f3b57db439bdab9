package io.cenote.dashboard;

import io.cenote.dashboard.internal.DashboardServer;
import io.cenote.router.PoolManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * A live web dashboard and JSON API for the pools and clusters of a {@link PoolManager}: gauges,
 * wait and hold percentiles, health, a history per pool, an event timeline over server-sent
 * events, and the runtime controls (resize, suspend, resume, soft-evict; scenarios and replica
 * outages when the application provides them).
 *
 * <pre>{@code
 * DashboardEvents events = new DashboardEvents();   // added as listener to the pools' configs
 * try (Dashboard dashboard = Dashboard.builder(manager).port(8080).events(events).build()) {
 *   dashboard.start();
 *   System.out.println("dashboard at " + dashboard.url());
 *   dashboard.awaitShutdown();                        // until POST /api/shutdown
 * }
 * }</pre>
 *
 * <p>Building describes and validates; {@link #start()} opens the port, the sampling thread and
 * the event streams; {@link #close()} stops them all. The dashboard never closes the manager or
 * its pools. It binds 127.0.0.1 by default; any other address needs a {@linkplain
 * Builder#token(String) token}. See docs/dashboard.md for the HTTP API and its security rules.
 */
public final class Dashboard implements AutoCloseable {

  /** The default port. */
  public static final int DEFAULT_PORT = 8080;

  /** The default bind address: loopback only. */
  public static final String DEFAULT_BIND = "127.0.0.1";

  /** The default length of each pool's history. */
  public static final Duration DEFAULT_HISTORY = Duration.ofMinutes(5);

  /** The shortest history: one sample. */
  private static final Duration MIN_HISTORY = Duration.ofSeconds(1);

  private final String bind;
  private final DashboardServer server;

  private Dashboard(Builder b) {
    this.bind = b.bind;
    DashboardEvents events = b.events != null ? b.events : new DashboardEvents();
    this.server = new DashboardServer(b.manager, b.bind, b.port, b.token, events, b.scenarios,
        b.replicas, b.history);
  }

  /**
   * Starts describing a dashboard.
   *
   * @param manager the pools and clusters to show
   * @return a builder with the defaults
   */
  public static Builder builder(PoolManager manager) {
    return new Builder(manager);
  }

  /**
   * Binds the port and starts sampling; returns when the server listens. If binding fails,
   * nothing stays open and this dashboard cannot be started again.
   *
   * @throws IllegalStateException when it was started or closed before
   */
  public void start() {
    server.start();
  }

  /**
   * The dashboard's address.
   *
   * @return for example {@code http://127.0.0.1:8080/}, with the port actually bound
   * @throws IllegalStateException when it is not running
   */
  public URI url() {
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    return URI.create("http://" + host + ":" + server.port() + "/");
  }

  /**
   * Blocks until the dashboard has stopped: after {@code POST /api/shutdown} has stopped the
   * scenarios and the server, or after {@link #close()}.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public void awaitShutdown() throws InterruptedException {
    server.awaitShutdown();
  }

  /**
   * Stops sampling, closes the event streams and stops the server. Does not close the manager
   * or any pool. Idempotent.
   */
  @Override
  public void close() {
    server.close();
  }

  /** Runs one sampling tick now (it also runs every second), for tests. */
  void sampleNow() {
    server.tick();
  }

  /** Describes a {@link Dashboard}; {@link #build()} validates and opens nothing. */
  public static final class Builder {

    private final PoolManager manager;
    private String bind = DEFAULT_BIND;
    private int port = DEFAULT_PORT;
    private String token;
    private DashboardEvents events;
    private ScenarioControl scenarios;
    private ReplicaControl replicas;
    private Duration history = DEFAULT_HISTORY;

    private Builder(PoolManager manager) {
      this.manager = Objects.requireNonNull(manager, "manager");
    }

    /**
     * The address to listen on; any but a loopback address requires {@link #token(String)}.
     *
     * @param address an IP address or host name; default {@value #DEFAULT_BIND}
     * @return this builder
     */
    public Builder bind(String address) {
      this.bind = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * The port to listen on.
     *
     * @param value 1 to 65535, or 0 for a free port (read it from {@link Dashboard#url()}); default
     *     {@value #DEFAULT_PORT}
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, but was " + value);
      }
      this.port = value;
      return this;
    }

    /**
     * A secret every API request must present ({@code Authorization: Bearer <token>}, or
     * {@code ?token=} on a GET). Optional on loopback, required on any other address.
     *
     * @param value the token, not blank
     * @return this builder
     * @throws IllegalArgumentException when blank
     */
    public Builder token(String value) {
      Objects.requireNonNull(value, "token");
      if (value.isBlank()) {
        throw new IllegalArgumentException("token must not be blank");
      }
      this.token = value;
      return this;
    }

    /**
     * The event hub the application added as listener to its pools, clusters and resilience.
     * Without it, the timeline shows only what the dashboard itself does.
     *
     * @param value the hub
     * @return this builder
     */
    public Builder events(DashboardEvents value) {
      this.events = Objects.requireNonNull(value, "events");
      return this;
    }

    /**
     * The application's scenarios, to list, start and stop from the page.
     *
     * @param value the control
     * @return this builder
     */
    public Builder scenarios(ScenarioControl value) {
      this.scenarios = Objects.requireNonNull(value, "scenarios");
      return this;
    }

    /**
     * The application's way to take cluster hosts down and up from the page.
     *
     * @param value the control
     * @return this builder
     */
    public Builder replicas(ReplicaControl value) {
      this.replicas = Objects.requireNonNull(value, "replicas");
      return this;
    }

    /**
     * How far back each pool's history reaches; one sample is taken per second.
     *
     * @param length at least one second; default 5 minutes
     * @return this builder
     * @throws IllegalArgumentException when shorter than a second
     */
    public Builder history(Duration length) {
      Objects.requireNonNull(length, "history");
      if (length.compareTo(MIN_HISTORY) < 0) {
        throw new IllegalArgumentException("history must be >= 1 s, but was " + length);
      }
      this.history = length;
      return this;
    }

    /**
     * Validates the description. Opens nothing.
     *
     * @return the dashboard, not started
     * @throws IllegalStateException naming the address when it is not a loopback address and
     *     no token is set
     * @throws IllegalArgumentException when the address cannot be resolved
     */
    public Dashboard build() {
      if (token == null && !isLoopback(bind)) {
        throw new IllegalStateException("the dashboard binds " + bind + ", which is not a"
            + " loopback address: set a token(...) so that only its holders can see and"
            + " control the pools");
      }
      return new Dashboard(this);
    }

    private static boolean isLoopback(String address) {
      try {
        return InetAddress.getByName(address).isLoopbackAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("bind address " + address + " cannot be resolved",
            e);
      }
    }
  }
}
