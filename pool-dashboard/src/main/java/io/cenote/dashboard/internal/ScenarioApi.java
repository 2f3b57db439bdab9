package io.cenote.dashboard.internal;

import io.javalin.http.HandlerType;

/** {@code /api/scenarios}: the scenarios' states, and starting and stopping one. */
final class ScenarioApi {

  private final Scenarios scenarios;

  /**
   * Creates the handlers.
   *
   * @param scenarios the application's scenarios, if any
   */
  ScenarioApi(Scenarios scenarios) {
    this.scenarios = scenarios;
  }

  /**
   * Adds the routes.
   *
   * @param routes the table
   */
  void addTo(RouteTable routes) {
    routes.add(HandlerType.GET, "/api/scenarios", ctx -> ctx.json(scenarios.status()))
        .add(HandlerType.POST, "/api/scenarios/{name}",
            ctx -> ctx.status(202).json(scenarios.start(ctx.pathParam("name"))))
        .add(HandlerType.DELETE, "/api/scenarios/{name}",
            ctx -> ctx.json(scenarios.stop(ctx.pathParam("name"))));
  }
}
