package io.cenote.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The console demo's entry point, run by {@code scripts/demo.sh}: a small Cenote pool on an
 * embedded SQLite file under more clients than connections, with live statistics, coloured
 * lifecycle events and a summary table. See {@link #main(String[])} for the options.
 */
public final class DemoMain {

  private DemoMain() {}

  /**
   * Runs the demo and exits: 0 when it ran as designed, 1 when something went wrong, 2 for a
   * bad command line.
   *
   * @param args {@code --seconds N}, {@code --clients N}, {@code --max-size N},
   *     {@code --db FILE}, {@code --no-color}, {@code --help}
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the demo without exiting.
   *
   * @param args the command line
   * @param out where the demo prints
   * @param err where problems are reported
   * @return the exit code
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(Arrays.asList(args), System.getenv(), Terminal.isInteractive());
    } catch (IllegalArgumentException e) {
      err.println("demo: " + e.getMessage() + " (--help lists the options)");
      return 2;
    }
    if (options.help()) {
      out.println(DemoOptions.USAGE);
      return 0;
    }
    try {
      DemoResult result = new Demo(options, out).run();
      Ansi ansi = Ansi.of(options.color());
      if (result.ranAsDesigned()) {
        out.println(ansi.paint(Ansi.Style.GREEN, "Demo complete:")
            + " every borrowed connection came back and the pool closed cleanly.");
        return 0;
      }
      err.println(ansi.paint(Ansi.Style.RED, "Demo did not run as designed:"));
      for (String problem : result.problems()) {
        err.println("  - " + problem);
      }
      if (result.firstError() != null) {
        result.firstError().printStackTrace(err);
      }
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("demo: interrupted");
      return 1;
    } catch (SQLException | IOException e) {
      err.println("demo: failed: " + e);
      return 1;
    } catch (RuntimeException e) {
      err.println("demo: failed: " + e);
      e.printStackTrace(err);
      return 1;
    }
  }
}
