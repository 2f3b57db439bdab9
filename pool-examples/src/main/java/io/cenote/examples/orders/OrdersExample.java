package io.cenote.examples.orders;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * One run of the orders example on one database type: reads its fleet file, starts the fleet
 * (with Guice for PostgreSQL, by hand for the others), runs the {@link OrdersWorkflow}, prints
 * the statistics and closes everything. SQLite gets a fresh file in a temporary directory,
 * deleted afterwards; tables on servers carry a random run id and are dropped afterwards.
 */
final class OrdersExample {

  private OrdersExample() {}

  /**
   * Runs the example.
   *
   * @param kind the database type
   * @param orders how many orders to place
   * @param environment the process environment (URLs, user, password)
   * @param out where the steps and statistics are printed
   * @return what happened
   * @throws NotConfiguredException when the environment lacks the database's settings
   * @throws SQLException when a step fails
   * @throws InterruptedException when interrupted
   */
  static ExampleOutcome run(DatabaseKind kind, int orders, Map<String, String> environment,
      PrintStream out) throws NotConfiguredException, SQLException, InterruptedException {
    String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    Path dir = kind == DatabaseKind.SQLITE ? tempDir() : null;
    try {
      Map<String, String> extra = dir == null ? Map.of()
          : Map.of(ExampleConfig.SQLITE_FILE, createFile(dir.resolve("orders.db")).toString());
      ExampleConfig config = ExampleConfig.load(kind, environment, extra);
      OrderSql sql = kind.sql(runId);
      out.printf("Orders example on %s (run %s, tables %s and %s)%n", kind, runId,
          sql.ordersTable(), sql.linesTable());
      try (OrdersFleet fleet = kind.guice() ? GuiceFleet.start(config, sql)
          : PlainFleet.start(config, sql)) {
        out.println("  wiring: " + fleet.wiring());
        ExampleOutcome outcome = new OrdersWorkflow(fleet, out).run(orders);
        StatsReport.print(fleet.service().cluster(), fleet.registry(), out);
        return outcome;
      }
    } finally {
      if (dir != null) {
        delete(dir);
      }
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("cenote-orders-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  /** An empty file is an empty SQLite database; the read-only replica needs it to exist. */
  private static Path createFile(Path file) {
    try {
      return Files.createFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
