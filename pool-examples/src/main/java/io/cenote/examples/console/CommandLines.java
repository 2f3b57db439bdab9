package io.cenote.examples.console;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs the examples' picocli commands alike: help and usage go to the given streams, and a
 * bad command line is one line on the error stream, {@code <tool>: <problem> (--help lists the
 * options)}, with exit status {@link #USAGE}.
 */
public final class CommandLines {

  /** Exit status for a bad command line. */
  public static final int USAGE = 2;

  private CommandLines() {}

  /**
   * Runs a command to its end.
   *
   * @param command the picocli command object
   * @param tool the name in front of error lines, such as {@code simulate}
   * @param args the command line
   * @param out where the command and its help print
   * @param err where problems are reported
   * @return the exit status
   */
  public static int execute(Object command, String tool, String[] args, PrintStream out,
      PrintStream err) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, ignored) -> {
      err.println(tool + ": " + e.getMessage() + " (--help lists the options)");
      return USAGE;
    });
    return cli.execute(args);
  }
}
