package io.cenote.examples.console;

import java.io.Console;
import java.lang.reflect.Method;

/** Tells whether standard output is an interactive terminal, on any JDK from 17 on. */
public final class Terminal {

  private Terminal() {}

  /**
   * On JDK 17 to 21 {@link System#console()} is null unless both standard input and output are
   * a terminal. From JDK 22 it may return a console for redirected output too, and
   * {@code Console.isTerminal()} (absent from the 17 API we compile against) tells the truth.
   *
   * @return true when output goes to a terminal
   */
  public static boolean isInteractive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
