package io.cenote.examples.demo;

import io.cenote.examples.TempDirectories;
import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Output;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the parts chosen with {@code --part}, one after the other on one SQLite file (the one
 * given with {@code --db}, or a fresh file in a temporary directory that is removed afterwards)
 * and one output, so the time column runs on across parts.
 */
final class DemoParts {

  private final DemoOptions options;
  private final Output out;

  /**
   * Creates the runner.
   *
   * @param options what to run
   * @param stream where to print
   */
  DemoParts(DemoOptions options, PrintStream stream) {
    this.options = options;
    this.out = new Output(stream, Ansi.of(options.color()));
  }

  /**
   * Runs the chosen parts; together they take about {@code options.seconds()} seconds.
   *
   * @return each part's result, in the order they ran
   * @throws SQLException when the database cannot be prepared
   * @throws IOException when the temporary directory cannot be created
   * @throws InterruptedException when interrupted
   */
  List<PartResult> run() throws SQLException, IOException, InterruptedException {
    if (options.database() != null) {
      return runOn(options.database());
    }
    Path dir = Files.createTempDirectory("cenote-demo-");
    // Ctrl-C ends the JVM without unwinding this method; the hook still removes the files
    Thread cleanup = new Thread(() -> TempDirectories.deleteQuietly(dir), "demo-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      return runOn(dir.resolve("demo.db"));
    } finally {
      Runtime.getRuntime().removeShutdownHook(cleanup);
      TempDirectories.deleteQuietly(dir);
    }
  }

  private List<PartResult> runOn(Path file) throws SQLException, InterruptedException {
    long[] millis = options.part().split(TimeUnit.SECONDS.toMillis(options.seconds()));
    List<PartResult> results = new ArrayList<>();
    if (options.part().includesPool()) {
      results.add(new Demo(options, millis[0], out).run(file));
    }
    if (options.part().includesRouting()) {
      results.add(new RoutingDemo(millis[1], out).run(file));
    }
    return results;
  }
}
