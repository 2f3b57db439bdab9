package io.cenote.examples.demo;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Terminal;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The console demo's entry point, run by {@code scripts/demo.sh}: on an embedded SQLite file, a
 * small Cenote pool under more clients than connections, then read/write routing through a
 * cluster of a writer and two read-only replicas, each with live statistics, coloured events
 * and a summary table. See {@link #main(String[])} for the options.
 */
public final class DemoMain {

  private DemoMain() {}

  /**
   * Runs the demo and exits: 0 when it ran as designed, 1 when something went wrong, 2 for a
   * bad command line.
   *
   * @param args {@code --part pool|routing|all}, {@code --seconds N}, {@code --clients N},
   *     {@code --max-size N}, {@code --db FILE}, {@code --no-color}, {@code --help}
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
      List<PartResult> results = new DemoParts(options, out).run();
      Ansi ansi = Ansi.of(options.color());
      List<String> problems = new ArrayList<>();
      List<String> successes = new ArrayList<>();
      Throwable firstError = null;
      for (PartResult r : results) {
        problems.addAll(r.problems());
        successes.add(r.success());
        if (firstError == null) {
          firstError = r.firstError();
        }
      }
      if (problems.isEmpty()) {
        out.println(ansi.paint(Ansi.Style.GREEN, "Demo complete:") + " "
            + String.join("; ", successes) + ".");
        return 0;
      }
      err.println(ansi.paint(Ansi.Style.RED, "Demo did not run as designed:"));
      for (String problem : problems) {
        err.println("  - " + problem);
      }
      if (firstError != null) {
        firstError.printStackTrace(err);
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
