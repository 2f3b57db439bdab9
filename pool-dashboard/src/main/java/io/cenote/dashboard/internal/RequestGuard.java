package io.cenote.dashboard.internal;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * Runs before every request and refuses those the dashboard must not serve.
 *
 * <ul>
 *   <li>A body announced larger than {@link JsonBodies#MAX_BYTES}: 413.
 *   <li>With a token: every API request must carry {@code Authorization: Bearer <token>}; a GET
 *       may carry it as {@code ?token=} instead (an {@code EventSource} cannot set headers).
 *       The page and its assets need no token: they hold no data, and the page must load to
 *       read its token from the session. A missing or wrong token: 401.
 *   <li>Without a token (loopback only), a state-changing request must come from the
 *       dashboard's own origin: an {@code Origin} header, when present, must be
 *       {@code http://<Host header>}; a {@code Sec-Fetch-Site} header, when present, must be
 *       {@code same-origin} or {@code none}; with neither, a {@code Referer} from another
 *       origin is refused. A refusal: 403.
 * </ul>
 */
final class RequestGuard implements Handler {

  private static final Set<HandlerType> STATE_CHANGING =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH);
  private static final String BEARER = "Bearer ";

  private final byte[] token;

  /**
   * Creates the guard.
   *
   * @param token the token, or null when the dashboard has none
   */
  RequestGuard(String token) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(Context ctx) {
    // the page's URL may carry ?token=: no Referer may take it to another site
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Content-Type-Options", "nosniff");
    String length = ctx.header("Content-Length");
    if (length != null && tooLong(length)) {
      throw JsonBodies.tooLarge();
    }
    boolean changing = STATE_CHANGING.contains(ctx.method());
    if (token != null) {
      if (!changing && isPage(ctx.path())) {
        return;
      }
      String presented = bearer(ctx.header("Authorization"));
      if (presented == null && !changing) {
        presented = ctx.queryParam("token");
      }
      if (presented == null
          || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"cenote-dashboard\"");
        throw new ApiException(401, "missing or wrong token", null);
      }
    } else if (changing && !sameOrigin(ctx)) {
      throw new ApiException(403, "cross-origin request refused", null);
    }
  }

  private static boolean tooLong(String length) {
    try {
      return Long.parseLong(length.trim()) > JsonBodies.MAX_BYTES;
    } catch (NumberFormatException e) {
      throw new ApiException(400, "Content-Length must be a number, but was " + length, null);
    }
  }

  private static boolean isPage(String path) {
    return path.equals("/") || path.startsWith("/assets/");
  }

  private static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0,
        BEARER.length())) {
      return null;
    }
    return authorization.substring(BEARER.length()).trim();
  }

  /** The checks a browser's own headers allow; a client without them (curl) is not a browser. */
  private static boolean sameOrigin(Context ctx) {
    String own = "http://" + ctx.header("Host");
    String origin = ctx.header("Origin");
    if (origin != null && !origin.equalsIgnoreCase(own)) {
      return false;
    }
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null) {
      String s = site.trim().toLowerCase(Locale.ROOT);
      if (!s.equals("same-origin") && !s.equals("none")) {
        return false;
      }
    }
    if (origin == null && site == null) {
      String referer = ctx.header("Referer");
      return referer == null || own.equalsIgnoreCase(originOf(referer));
    }
    return true;
  }

  /** The origin of a URL, or null when it has none (then it differs from every origin). */
  private static String originOf(String url) {
    try {
      URI uri = new URI(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      return uri.getScheme() + "://" + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
