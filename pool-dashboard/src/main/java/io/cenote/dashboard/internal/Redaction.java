package io.cenote.dashboard.internal;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text that the dashboard shows: driver error messages and health-check
 * details may quote a JDBC URL, a {@code password=} parameter or the user a login failed for.
 * Everything the dashboard answers with that did not come from its own code passes through
 * here, so no response, event or page carries them.
 */
public final class Redaction {

  /** A JDBC URL up to the next blank or quote: its host part may carry user and password. */
  private static final Pattern JDBC_URL = Pattern.compile("(?i)jdbc:[^\\s'\"<>]+");

  /**
   * Any other URL, or a JDBC URL without its {@code jdbc:} (drivers and the fault driver quote
   * {@code sqlite:/var/db/app.db} or {@code postgresql://app:pw@db1/orders}): a scheme, a colon
   * and a slash.
   */
  private static final Pattern OTHER_URL = Pattern.compile(
      "(?i)\\b[a-z][a-z0-9+.-]*:/[^\\s'\"<>]*");

  /** {@code password=...}, {@code user=...} and the like in URL queries and property lists. */
  private static final Pattern CREDENTIAL = Pattern.compile(
      "(?i)\\b(password|passwd|pwd|user|username)\\s*=\\s*[^\\s&;,)}\\]'\"]*");

  /** PostgreSQL's and MySQL's login failures name the user: {@code for user "app"}. */
  private static final Pattern FOR_USER = Pattern.compile(
      "(?i)\\bfor user\\s+(\"[^\"]*\"|'[^']*'|\\S+)");

  private Redaction() {}

  /**
   * Masks URLs and credentials in a text.
   *
   * @param text the text, or null
   * @return the text with every URL, with or without {@code jdbc:}, replaced by
   *     {@code <url>}, and every credential value by {@code ***}; null for null
   */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    String out = JDBC_URL.matcher(text).replaceAll("<url>");
    out = OTHER_URL.matcher(out).replaceAll("<url>");
    out = CREDENTIAL.matcher(out).replaceAll("$1=***");
    return FOR_USER.matcher(out).replaceAll("for user ***");
  }

  /**
   * Describes a failure in one line without secrets: its SQLState when it has one, and its
   * message (or its type when it has none).
   *
   * @param failure the failure
   * @return for example {@code "08001 connection refused"}
   */
  public static String describe(Throwable failure) {
    String message = failure.getMessage() == null
        ? failure.getClass().getSimpleName() : failure.getMessage();
    if (failure instanceof SQLException sql && sql.getSQLState() != null) {
      message = sql.getSQLState() + " " + message;
    }
    return clean(message);
  }
}
