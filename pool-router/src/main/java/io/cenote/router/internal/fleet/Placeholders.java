package io.cenote.router.internal.fleet;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${VAR}} and {@code ${VAR:-fallback}} in values from the environment, so that
 * secrets and per-machine values stay out of the file. A resolved value is not scanned again:
 * a variable's value is taken as it is, even when it contains {@code ${}.
 */
final class Placeholders {

  private static final String OPEN = "${";
  private static final String FALLBACK = ":-";
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> environment;
  private final SecretMask secrets;

  /**
   * @param environment the variables placeholders read
   * @param secrets told every variable value used by a secret setting
   */
  Placeholders(Map<String, String> environment, SecretMask secrets) {
    this.environment = environment;
    this.secrets = secrets;
  }

  /**
   * Resolves the placeholders of one setting.
   *
   * @param setting the setting
   * @return the setting with its value resolved
   * @throws IllegalArgumentException naming the setting's origin and the variable (never a
   *     value) when a variable without fallback is not set or a placeholder is malformed
   */
  Setting resolve(Setting setting) {
    String value = setting.value();
    int open = value.indexOf(OPEN);
    if (open < 0) {
      return setting;
    }
    StringBuilder out = new StringBuilder(value.length());
    int from = 0;
    while (open >= 0) {
      int close = value.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException(setting.origin()
            + ": placeholder '${' is not closed by '}'");
      }
      out.append(value, from, open);
      out.append(lookUp(setting, value.substring(open + OPEN.length(), close)));
      from = close + 1;
      open = value.indexOf(OPEN, from);
    }
    out.append(value, from, value.length());
    return setting.withValue(out.toString());
  }

  private String lookUp(Setting setting, String placeholder) {
    int split = placeholder.indexOf(FALLBACK);
    String variable = split < 0 ? placeholder : placeholder.substring(0, split);
    if (!VARIABLE.matcher(variable).matches()) {
      throw new IllegalArgumentException(setting.origin() + ": placeholder '${"
          + (setting.secret() ? SecretMask.MASK : placeholder)
          + "}' must name an environment variable: letters, digits and '_'");
    }
    String found = environment.get(variable);
    if (found == null && split < 0) {
      throw new IllegalArgumentException(setting.origin() + ": environment variable '" + variable
          + "' is not set; write ${" + variable + ":-fallback} to give a fallback");
    }
    String text = found != null ? found : placeholder.substring(split + FALLBACK.length());
    if (setting.secret()) {
      secrets.add(text);
    }
    return text;
  }
}
