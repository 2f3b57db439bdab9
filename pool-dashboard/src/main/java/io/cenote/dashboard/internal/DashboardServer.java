package io.cenote.dashboard.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cenote.dashboard.DashboardEvents;
import io.cenote.dashboard.ReplicaControl;
import io.cenote.dashboard.ScenarioControl;
import io.cenote.router.PoolManager;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a started dashboard runs: the Javalin server with its routes, the once-a-second
 * ticker (history, health events, the {@code stats} message), the keepalive, and the event
 * streams' writers. {@link io.cenote.dashboard.Dashboard} owns one; {@link #start()} opens it,
 * {@link #close()} stops it all and never touches the pools.
 */
public final class DashboardServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);

  /** Proxies drop idle connections after a minute or so; a comment this often keeps SSE up. */
  private static final Duration KEEPALIVE = Duration.ofSeconds(15);

  /** HTTP threads: a dashboard has a few viewers; SSE streams hold no thread while idle. */
  private static final int MAX_HTTP_THREADS = 16;
  private static final int MIN_HTTP_THREADS = 2;
  private static final int HTTP_IDLE_MILLIS = 60_000;

  /** Writers of event streams; a slow client can block one while the other serves the rest. */
  private static final int STREAM_WRITERS = 2;

  private enum State { NEW, RUNNING, CLOSED }

  private final PoolManager manager;
  private final String host;
  private final int port;
  private final String token;
  private final DashboardEvents events;
  private final ScenarioControl scenarioControl;
  private final Scenarios scenarios;
  private final ReplicaControl replicas;
  private final Duration historyLength;

  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicBoolean shuttingDown = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private State state = State.NEW;
  private Javalin app;
  private EventStreams streams;
  private Heartbeat heartbeat;
  private ScheduledExecutorService ticker;

  /**
   * Describes a server; opens nothing.
   *
   * @param manager the pools to show
   * @param host the address to bind
   * @param port the port, 0 for a free one
   * @param token the token, or null
   * @param events the event hub
   * @param scenarios the application's scenarios, or null
   * @param replicas the application's replica control, or null
   * @param history how far back each pool's history reaches
   */
  public DashboardServer(PoolManager manager, String host, int port, String token,
      DashboardEvents events, ScenarioControl scenarios, ReplicaControl replicas,
      Duration history) {
    this.manager = manager;
    this.host = host;
    this.port = port;
    this.token = token;
    this.events = events;
    this.scenarioControl = scenarios;
    this.scenarios = new Scenarios(scenarios, events);
    this.replicas = replicas;
    this.historyLength = history;
  }

  /**
   * Binds the server and starts the ticker; on failure, stops what it had started.
   *
   * @throws IllegalStateException when started before, or closed
   */
  public void start() {
    lock.lock();
    try {
      if (state != State.NEW) {
        throw new IllegalStateException("the dashboard was " + (state == State.RUNNING
            ? "started already" : "closed") + "; build a new one");
      }
      ObjectMapper json = Json.mapper();
      streams = new EventStreams(events, json,
          Executors.newFixedThreadPool(STREAM_WRITERS, threads("cenote-dashboard-stream-")));
      PoolDirectory directory = new PoolDirectory(manager, scenarioControl);
      History history = new History(historyLength);
      heartbeat = new Heartbeat(directory, scenarios, history, new HealthWatch(events), streams,
          Clock.systemUTC());
      RouteTable routes = routes(directory, history, json);
      scenarios.attach();
      app = Javalin.create(config -> {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.maxRequestSize = JsonBodies.MAX_BYTES;
        config.jetty.threadPool = httpThreads();
        config.jsonMapper(new JavalinJackson(json, false));
        config.routes.before(new RequestGuard(token));
        ErrorAnswers.install(config.routes);
        routes.register(config.routes);
      });
      try {
        app.start(host, port);
      } catch (RuntimeException e) {
        app.stop();
        streams.closeAll();
        state = State.CLOSED;
        stopped.countDown();
        throw e;
      }
      ticker = Executors.newSingleThreadScheduledExecutor(threads("cenote-dashboard-ticker-"));
      long second = History.INTERVAL.toMillis();
      ticker.scheduleAtFixedRate(logged(heartbeat::tick), second, second, TimeUnit.MILLISECONDS);
      ticker.scheduleAtFixedRate(logged(streams::keepAlive), KEEPALIVE.toMillis(),
          KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS);
      state = State.RUNNING;
      log.info("[dashboard] listening on {}:{}", host, app.port());
    } finally {
      lock.unlock();
    }
  }

  private RouteTable routes(PoolDirectory directory, History history, ObjectMapper json) {
    RouteTable routes = new RouteTable();
    new PageAssets().addTo(routes);
    new PoolApi(directory, history, new JsonBodies(json), events).addTo(routes);
    new ClusterApi(directory, replicas, events).addTo(routes);
    new ScenarioApi(scenarios).addTo(routes);
    new SystemApi(directory, json, shuttingDown::get, this::shutdown).addTo(routes);
    routes.add(HandlerType.GET, "/api/events", streams.handler());
    return routes;
  }

  /** @return the port the server listens on */
  public int port() {
    lock.lock();
    try {
      if (state != State.RUNNING) {
        throw new IllegalStateException("the dashboard is not running");
      }
      return app.port();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs the once-a-second tick now, on the caller's thread.
   *
   * @throws IllegalStateException when the server is not running
   */
  public void tick() {
    Heartbeat h;
    lock.lock();
    try {
      if (state != State.RUNNING) {
        throw new IllegalStateException("the dashboard is not running");
      }
      h = heartbeat;
    } finally {
      lock.unlock();
    }
    h.tick();
  }

  /**
   * Blocks until the server has stopped, after a shutdown request or {@link #close()}.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /** For {@code POST /api/shutdown}: stops the scenarios, then closes, on a thread of its own. */
  private void shutdown() {
    if (!shuttingDown.compareAndSet(false, true)) {
      return;
    }
    events.publish("dashboard", EventKinds.SHUTDOWN, "shutdown requested from the dashboard");
    Thread t = new Thread(() -> {
      scenarios.stopAll();
      close();
    }, "cenote-dashboard-shutdown");
    t.start();
  }

  /** Stops the ticker, closes the event streams and stops the server. Idempotent. */
  @Override
  public void close() {
    State was;
    lock.lock();
    try {
      was = state;
      state = State.CLOSED;
    } finally {
      lock.unlock();
    }
    if (was == State.RUNNING) {
      ticker.shutdownNow();
      streams.closeAll();
      app.stop();
      log.info("[dashboard] stopped");
    }
    stopped.countDown();
  }

  private static QueuedThreadPool httpThreads() {
    QueuedThreadPool pool = new QueuedThreadPool(MAX_HTTP_THREADS, MIN_HTTP_THREADS,
        HTTP_IDLE_MILLIS);
    pool.setName("cenote-dashboard-http");
    return pool;
  }

  /** A failing tick is logged, not allowed to cancel the schedule. */
  private static Runnable logged(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("[dashboard] a scheduled task failed", e);
      }
    };
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
