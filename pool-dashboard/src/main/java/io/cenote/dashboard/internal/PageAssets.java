package io.cenote.dashboard.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Serves the page: {@code /} is {@code index.html} and {@code /assets/<file>} any other file of
 * {@code io/cenote/dashboard/web/} in this module, except {@code chart.umd.js}, which comes from
 * the Chart.js WebJar. Only plain file names of known types are served (no directories, no
 * dot files), read through this module's own class, so a JPMS application need not open the
 * resource package to Javalin or Jetty.
 */
final class PageAssets {

  /** Where the page's files are, in this module. */
  private static final String WEB = "/io/cenote/dashboard/web/";

  /** The Maven-filtered versions of what the dashboard serves from WebJars. */
  private static final String VERSIONS = "/io/cenote/dashboard/internal/versions.properties";

  /** The file the page loads Chart.js from. */
  private static final String CHART_JS = "chart.umd.js";

  /** A file name without a path: letters, digits, dots, dashes, underscores; no leading dot. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "json", "application/json",
      "map", "application/json",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon");

  private final String chartJsPath;

  /** Finds the Chart.js file of the WebJar version the build put on the classpath. */
  PageAssets() {
    this.chartJsPath = "META-INF/resources/webjars/chart.js/" + chartJsVersion()
        + "/dist/chart.umd.js";
  }

  /**
   * Adds the routes.
   *
   * @param routes the table
   */
  void addTo(RouteTable routes) {
    routes.add(HandlerType.GET, "/", ctx -> serve(ctx, "index.html"))
        .add(HandlerType.GET, "/assets/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
  }

  private void serve(Context ctx, String file) throws IOException {
    String type = type(file);
    if (type == null) {
      throw ApiException.notFound("asset '" + file + "'");
    }
    InputStream in = file.equals(CHART_JS)
        ? PageAssets.class.getClassLoader().getResourceAsStream(chartJsPath)
        : PageAssets.class.getResourceAsStream(WEB + file);
    if (in == null) {
      throw ApiException.notFound("asset '" + file + "'");
    }
    try (in) {
      ctx.header("Cache-Control", "no-cache").contentType(type).result(in.readAllBytes());
    }
  }

  private static String type(String file) {
    if (!FILE_NAME.matcher(file).matches()) {
      return null;
    }
    int dot = file.lastIndexOf('.');
    return dot < 0 ? null : TYPES.get(file.substring(dot + 1));
  }

  private static String chartJsVersion() {
    Properties versions = new Properties();
    try (InputStream in = PageAssets.class.getResourceAsStream(VERSIONS)) {
      if (in == null) {
        throw new IllegalStateException(VERSIONS + " is missing from pool-dashboard's jar");
      }
      versions.load(in);
      return versions.getProperty("chartjs.version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + VERSIONS, e);
    }
  }
}
