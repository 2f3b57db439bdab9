package io.cenote.dashboard.internal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every failure as {@code {"error": ..., "field": ...}}: the dashboard's own
 * {@link ApiException}s, Javalin's (an unknown path is its 404), and anything unexpected as a
 * 500 whose details go to the log only.
 */
final class ErrorAnswers {

  private static final Logger log = LoggerFactory.getLogger(ErrorAnswers.class);

  private ErrorAnswers() {}

  /**
   * Installs the exception handlers.
   *
   * @param routes the server's routes
   */
  static void install(RoutesConfig routes) {
    routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.getMessage(),
        e.field()));
    routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(),
        e.getStatus() == 404 ? "unknown path " + ctx.path() : e.getMessage(), null));
    routes.exception(Exception.class, (e, ctx) -> {
      log.warn("[dashboard] {} {} failed", ctx.method(), ctx.path(), e);
      write(ctx, 500, "internal error: " + e.getClass().getSimpleName(), null);
    });
  }

  private static void write(Context ctx, int status, String message, String field) {
    ctx.status(status).json(new ErrorBody(message, field));
  }
}
