package io.cenote.dashboard.internal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The API's paths and their methods. Registering them also answers every other common method
 * on a known path with 405 and an {@code Allow} header naming the methods it has, which Javalin
 * does not do by itself.
 */
final class RouteTable {

  private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.POST,
      HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH);

  private final Map<String, Map<HandlerType, Handler>> paths = new LinkedHashMap<>();

  /**
   * Adds a route.
   *
   * @param method its method
   * @param path its path, in Javalin's syntax ({@code /api/pools/{name}})
   * @param handler its handler
   * @return this table
   */
  RouteTable add(HandlerType method, String path, Handler handler) {
    paths.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
    return this;
  }

  /**
   * Registers every route, and the 405 answers, with the server.
   *
   * @param routes the server's routes
   */
  void register(RoutesConfig routes) {
    paths.forEach((path, handlers) -> {
      handlers.forEach((method, handler) -> routes.addHttpHandler(method, path, handler));
      String allow = handlers.keySet().stream().map(HandlerType::name)
          .collect(Collectors.joining(", "));
      for (HandlerType method : METHODS) {
        if (!handlers.containsKey(method)) {
          routes.addHttpHandler(method, path, ctx -> {
            ctx.header("Allow", allow);
            throw new ApiException(405, method.name() + " is not allowed on " + ctx.path()
                + "; allowed: " + allow, null);
          });
        }
      }
    });
  }
}
