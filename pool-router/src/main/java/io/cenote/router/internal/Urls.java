package io.cenote.router.internal;

import java.util.regex.Pattern;

/**
 * Masks credentials in JDBC URLs for messages. The same rules as pool-core's
 * {@code PoolConfig.maskedJdbcUrl()}, for URLs that do not come with a {@code PoolConfig}.
 */
public final class Urls {

  private static final Pattern SECRET_PARAM = Pattern.compile(
      "(?i)((?:password|passwd|pwd|[a-z_]*secret[a-z_]*|[a-z_]*token[a-z_]*)\\s*=)[^&;,)\\s]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^@/\\s]*@");
  private static final Pattern ORACLE_CREDENTIALS =
      Pattern.compile("(?i)(:oracle:[a-z]+:[^/@:\\s]+/)[^@\\s]*@");

  private Urls() {}

  /**
   * Returns the URL with every password-like value replaced by {@code ****}.
   *
   * @param url a JDBC URL, may be null
   * @return the masked URL, or null
   */
  public static String mask(String url) {
    if (url == null) {
      return null;
    }
    String masked = SECRET_PARAM.matcher(url).replaceAll("$1****");
    masked = USER_INFO.matcher(masked).replaceAll("$1****@");
    return ORACLE_CREDENTIALS.matcher(masked).replaceAll("$1****@");
  }
}
