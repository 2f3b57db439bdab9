package io.cenote.testkit.net;

import java.util.Objects;
import java.util.regex.Pattern;

/** Reads and replaces the {@code host:port} of a JDBC URL, and masks its passwords. */
final class JdbcUrls {

  /** {@code jdbc:} and a subprotocol, possibly nested ({@code jdbc:cenote-fault:postgresql}). */
  private static final Pattern PREFIX = Pattern.compile("jdbc:[A-Za-z0-9][A-Za-z0-9+.:_-]*://.*",
      Pattern.DOTALL);

  /** Any parameter whose name holds "password" ({@code password}, {@code sslpassword}, ...). */
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile("(?i)([a-z0-9_.-]*password[a-z0-9_.-]*=)[^&;)]*");

  /** The password of {@code //user:password@host}; greedy, so a password may hold an '@'. */
  private static final Pattern SECRET_USER_INFO = Pattern.compile("(//[^/?#;@:]*:)[^/?#;]*@");

  private static final String MASK = "****";

  /** Marks a URL without a port in {@link Address#port()}. */
  static final int NO_PORT = -1;

  private JdbcUrls() {}

  /**
   * Where the server's address sits in a URL.
   *
   * @param start index of the first character after {@code //} and the user info
   * @param end index after the host and port
   * @param host the host, without the brackets of an IPv6 address
   * @param port the port, or {@link #NO_PORT}
   */
  record Address(int start, int end, String host, int port) {}

  /**
   * Finds the single {@code host[:port]} of {@code url}.
   *
   * @throws IllegalArgumentException naming the masked URL if it has none
   */
  static Address address(String url) {
    Objects.requireNonNull(url, "jdbcUrl");
    if (!PREFIX.matcher(url).matches()) {
      throw invalid(url, "it is not of the form jdbc:<subprotocol>://host:port/...");
    }
    int authority = url.indexOf("://") + 3;
    int end = authority;
    while (end < url.length() && "/?#;".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int start = url.lastIndexOf('@', end - 1) + 1;
    if (start < authority) {
      start = authority;
    }
    String hostPort = url.substring(start, end);
    if (hostPort.indexOf(',') >= 0 || hostPort.indexOf('(') >= 0) {
      throw invalid(url, "it names several hosts or uses the address=(...) form; give one host");
    }
    String host;
    String port;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      String rest = close < 0 ? "" : hostPort.substring(close + 1);
      if (close < 0 || !rest.isEmpty() && !rest.startsWith(":")) {
        throw invalid(url, "its IPv6 host must be written [address] or [address]:port");
      }
      host = hostPort.substring(1, close);
      port = rest.isEmpty() ? null : rest.substring(1);
    } else {
      int colon = hostPort.indexOf(':');
      if (colon != hostPort.lastIndexOf(':')) {
        throw invalid(url, "an IPv6 host must be written in brackets, as in [::1]:5432");
      }
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw invalid(url, "it has no host:port after //");
    }
    return new Address(start, end, host, port == null ? NO_PORT : parsePort(url, port));
  }

  /** Returns {@code url} with {@code host:port} in place of its own host and optional port. */
  static String rewrite(String url, String host, int port) {
    Address address = address(url);
    return url.substring(0, address.start()) + host + ":" + port + url.substring(address.end());
  }

  private static int parsePort(String url, String port) {
    if (!port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int value = Integer.parseInt(port);
      if (value >= 1 && value <= 65_535) {
        return value;
      }
    }
    throw invalid(url, "its port \"" + port + "\" is not a number from 1 to 65535");
  }

  /** Returns an exception that names the URL, with its passwords masked, and what is wrong. */
  static IllegalArgumentException invalid(String url, String why) {
    return new IllegalArgumentException("cannot use JDBC URL " + mask(url) + ": " + why);
  }

  /** Returns {@code url} with the values of its password parameters and user info masked. */
  static String mask(String url) {
    String masked = SECRET_USER_INFO.matcher(url).replaceAll("$1" + MASK + "@");
    return SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
  }
}
