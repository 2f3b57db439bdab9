package io.cenote.dashboard.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cenote.pool.HealthStatus;
import io.cenote.pool.PoolHealth;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code /api/health}, the worst verdict of all pools (503 when DOWN or shutting down), and
 * {@code /api/shutdown}, which answers 202 and then has the dashboard stop itself.
 */
final class SystemApi {

  private final PoolDirectory directory;
  private final ObjectMapper json;
  private final BooleanSupplier shuttingDown;
  private final Runnable shutdown;

  /**
   * Creates the handlers.
   *
   * @param directory finds the pools
   * @param json serializes the shutdown answer, which is written before the server stops
   * @param shuttingDown tells whether a shutdown was requested
   * @param shutdown requests the shutdown; returns at once, the work runs on its own thread
   */
  SystemApi(PoolDirectory directory, ObjectMapper json, BooleanSupplier shuttingDown,
      Runnable shutdown) {
    this.directory = directory;
    this.json = json;
    this.shuttingDown = shuttingDown;
    this.shutdown = shutdown;
  }

  /**
   * Adds the routes.
   *
   * @param routes the table
   */
  void addTo(RouteTable routes) {
    routes.add(HandlerType.GET, "/api/health", this::health)
        .add(HandlerType.POST, "/api/shutdown", this::shutdown);
  }

  private void health(Context ctx) {
    List<PoolHealthView> pools = new ArrayList<>();
    HealthStatus worst = HealthStatus.UP;
    for (PoolDirectory.Entry e : directory.pools()) {
      PoolHealth h = e.pool().health();
      pools.add(new PoolHealthView(e.pool().poolName(), h.status().name(), Views.alerts(h)));
      if (h.status().compareTo(worst) > 0) {
        worst = h.status();
      }
    }
    boolean stopping = shuttingDown.getAsBoolean();
    ctx.status(worst == HealthStatus.DOWN || stopping ? 503 : 200)
        .json(new HealthReport(worst.name(), pools, stopping));
  }

  /**
   * Writes and flushes the answer itself: the server stops right after, and an answer left to
   * Javalin to write after the handler returns could be cut off by it.
   */
  private void shutdown(Context ctx) throws IOException {
    byte[] body = json.writeValueAsBytes(Map.of("status", "shutting down"));
    HttpServletResponse res = ctx.res();
    res.setStatus(202);
    res.setContentType("application/json");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
    res.flushBuffer();
    shutdown.run();
  }
}
