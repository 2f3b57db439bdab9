package io.cenote.dashboard.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cenote.dashboard.DashboardEvents;
import io.cenote.pool.PoolControl;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code /api/pools}: every pool's view, one pool's view and history, and the runtime controls
 * (resize, pre-ping, suspend, resume, soft-evict). Each control action is published as an event.
 */
final class PoolApi {

  /** The fields of a resize, as {@code PoolControl.resize} names them in its messages. */
  private static final List<String> SIZE_FIELDS = List.of("minIdle", "maxSize", "maxOverflow");

  private final PoolDirectory directory;
  private final History history;
  private final JsonBodies bodies;
  private final DashboardEvents events;

  /**
   * Creates the handlers.
   *
   * @param directory finds the pools
   * @param history the samples
   * @param bodies reads request bodies
   * @param events where control actions are published
   */
  PoolApi(PoolDirectory directory, History history, JsonBodies bodies, DashboardEvents events) {
    this.directory = directory;
    this.history = history;
    this.bodies = bodies;
    this.events = events;
  }

  /**
   * Adds the routes.
   *
   * @param routes the table
   */
  void addTo(RouteTable routes) {
    routes.add(HandlerType.GET, "/api/pools",
            ctx -> ctx.json(directory.pools().stream().map(Views::pool).toList()))
        .add(HandlerType.GET, "/api/pools/{name}", ctx -> ctx.json(Views.pool(entry(ctx))))
        .add(HandlerType.GET, "/api/pools/{name}/history", this::history)
        .add(HandlerType.PUT, "/api/pools/{name}/size", this::resize)
        .add(HandlerType.PUT, "/api/pools/{name}/pre-ping", this::prePing)
        .add(HandlerType.POST, "/api/pools/{name}/suspend",
            ctx -> control(ctx, EventKinds.SUSPEND, "suspended", PoolControl::suspend))
        .add(HandlerType.POST, "/api/pools/{name}/resume",
            ctx -> control(ctx, EventKinds.RESUME, "resumed", PoolControl::resume))
        .add(HandlerType.POST, "/api/pools/{name}/evict",
            ctx -> control(ctx, EventKinds.EVICT, "connections soft-evicted",
                PoolControl::softEvictAll));
  }

  private PoolDirectory.Entry entry(Context ctx) {
    String name = ctx.pathParam("name");
    return directory.pool(name).orElseThrow(() -> ApiException.notFound("pool '" + name + "'"));
  }

  private void history(Context ctx) {
    PoolDirectory.Entry e = entry(ctx);
    String name = e.pool().poolName();
    ctx.json(new HistoryView(name, History.INTERVAL.toMillis(), history.samples(name)));
  }

  private void resize(Context ctx) {
    PoolDirectory.Entry e = entry(ctx);
    JsonNode body = bodies.object(ctx);
    int minIdle = JsonBodies.requiredInt(body, "minIdle");
    int maxSize = JsonBodies.requiredInt(body, "maxSize");
    int maxOverflow = JsonBodies.requiredInt(body, "maxOverflow");
    try {
      e.pool().resize(minIdle, maxSize, maxOverflow);
    } catch (IllegalArgumentException ex) {
      throw ApiException.badField(ex.getMessage(), fieldOf(ex.getMessage()));
    }
    events.publish(e.pool().poolName(), EventKinds.RESIZE, "resized from the dashboard: minIdle="
        + minIdle + ", maxSize=" + maxSize + ", maxOverflow=" + maxOverflow);
    ctx.json(Views.pool(e));
  }

  private void prePing(Context ctx) {
    PoolDirectory.Entry e = entry(ctx);
    boolean enabled = JsonBodies.requiredBoolean(bodies.object(ctx), "enabled");
    e.pool().setValidateOnBorrow(enabled);
    events.publish(e.pool().poolName(), EventKinds.PRE_PING, "pre-ping turned "
        + (enabled ? "on" : "off") + " from the dashboard");
    ctx.json(Views.pool(e));
  }

  private void control(Context ctx, String kind, String what, Consumer<PoolControl> action) {
    PoolDirectory.Entry e = entry(ctx);
    action.accept(e.pool());
    events.publish(e.pool().poolName(), kind, what + " from the dashboard");
    ctx.json(Views.pool(e));
  }

  /** The size field a validation message is about: the messages start with its name. */
  static String fieldOf(String message) {
    if (message == null) {
      return null;
    }
    for (String f : SIZE_FIELDS) {
      if (message.startsWith(f + " ")) {
        return f;
      }
    }
    return null;
  }
}
