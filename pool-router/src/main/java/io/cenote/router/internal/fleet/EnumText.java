package io.cenote.router.internal.fleet;

import java.util.Locale;

/**
 * Reads an enum constant from a file's text: {@code least-loaded}, {@code LEAST_LOADED} and
 * {@code Least_Loaded} are all {@code LEAST_LOADED}, since files use the first and Java the
 * second.
 */
final class EnumText {

  private EnumText() {}

  /**
   * Reads a constant.
   *
   * @param property the setting's name, for the message
   * @param text the text
   * @param type the enum
   * @param <E> the enum type
   * @return the constant
   * @throws IllegalArgumentException naming the property, the values it takes and the text
   */
  static <E extends Enum<E>> E parse(String property, String text, Class<E> type) {
    String name = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(property + " must be " + choices(type) + ", but was '"
        + text + "'");
  }

  /** @return e.g. {@code round-robin, random or least-loaded} */
  private static String choices(Class<? extends Enum<?>> type) {
    Enum<?>[] constants = type.getEnumConstants();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < constants.length; i++) {
      if (i > 0) {
        sb.append(i == constants.length - 1 ? " or " : ", ");
      }
      sb.append(constants[i].name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return sb.toString();
  }
}
