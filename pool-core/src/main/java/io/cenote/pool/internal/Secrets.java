package io.cenote.pool.internal;

import java.util.regex.Pattern;

/** Masks credentials in JDBC URLs so they can appear in logs, exceptions, metrics and pages. */
public final class Secrets {

  /** {@code password=...}, {@code pwd=...}, {@code secret...=...} query or property parameters. */
  private static final Pattern SECRET_PARAM = Pattern.compile(
      "(?i)((?:password|passwd|pwd|[a-z_]*secret[a-z_]*|[a-z_]*token[a-z_]*)\\s*=)[^&;,)\\s]*");

  /** {@code //user:password@host} authorities. */
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^@/\\s]*@");

  /** Oracle's {@code user/password@host}. */
  private static final Pattern ORACLE_CREDENTIALS =
      Pattern.compile("(?i)(:oracle:[a-z]+:[^/@:\\s]+/)[^@\\s]*@");

  private Secrets() {}

  /**
   * Returns the URL with every password-like value replaced by {@code ****}.
   *
   * @param url a JDBC URL, may be null
   * @return the masked URL, or null
   */
  public static String maskUrl(String url) {
    if (url == null) {
      return null;
    }
    String masked = SECRET_PARAM.matcher(url).replaceAll("$1****");
    masked = USER_INFO.matcher(masked).replaceAll("$1****@");
    return ORACLE_CREDENTIALS.matcher(masked).replaceAll("$1****@");
  }
}
