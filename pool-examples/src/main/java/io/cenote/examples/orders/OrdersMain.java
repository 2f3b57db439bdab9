package io.cenote.examples.orders;

import io.cenote.examples.console.CommandLines;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The orders example's entry point, run by {@code scripts/example.sh}: a small orders service
 * on a Cenote cluster of the chosen database type. Exit status: 0 when it ran, 1 when it
 * failed, 2 for a bad command line, 3 when the database is not configured.
 */
@Command(name = "example.sh", sortOptions = false, mixinStandardHelpOptions = true,
    description = "Runs the orders example on a Cenote cluster: places orders in transactions,"
        + " reads them back, lists them from a replica, shows an all-or-nothing transaction"
        + " and prints pool, routing and meter statistics.")
public final class OrdersMain implements Callable<Integer> {

  /** Exit status when the example failed. */
  static final int FAILED = 1;
  /** Exit status when the database's URL, user or password is not set. */
  static final int NOT_CONFIGURED = 3;
  /** At most this many orders per run: enough to show routing, quick on any database. */
  static final int MAX_ORDERS = 100;

  @Parameters(index = "0", paramLabel = "DATABASE",
      description = "sqlite, postgres, mariadb or oracle")
  private String database;

  @Option(names = "--orders", paramLabel = "N", defaultValue = "3",
      description = "orders to place, 1 to " + MAX_ORDERS + " (default: ${DEFAULT-VALUE})")
  private int orders;

  @Spec
  private CommandSpec spec;

  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;

  private OrdersMain(Map<String, String> environment, PrintStream out, PrintStream err) {
    this.environment = environment;
    this.out = out;
    this.err = err;
  }

  /**
   * Runs the example and exits with its status.
   *
   * @param args {@code sqlite|postgres|mariadb|oracle [--orders N] [--help]}
   */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /**
   * Runs the example without exiting.
   *
   * @param args the command line
   * @param environment the variables with the databases' URLs, user and password
   * @param out where the example prints
   * @param err where problems are reported
   * @return the exit status
   */
  static int run(String[] args, Map<String, String> environment, PrintStream out,
      PrintStream err) {
    return CommandLines.execute(new OrdersMain(environment, out, err), "example", args, out,
        err);
  }

  @Override
  public Integer call() {
    DatabaseKind kind = kind(database);
    if (orders < 1 || orders > MAX_ORDERS) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--orders must be 1 to " + MAX_ORDERS + ", but was " + orders);
    }
    try {
      OrdersExample.run(kind, orders, environment, out);
      out.println();
      out.println("Orders example on " + kind + " complete.");
      return 0;
    } catch (NotConfiguredException e) {
      err.println("example: " + e.getMessage());
      return NOT_CONFIGURED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("example: interrupted");
      return FAILED;
    } catch (SQLException | RuntimeException e) {
      err.println("example: " + kind + " failed: " + e);
      return FAILED;
    }
  }

  private DatabaseKind kind(String name) {
    for (DatabaseKind k : DatabaseKind.values()) {
      if (k.id().equals(name)) {
        return k;
      }
    }
    throw new CommandLine.ParameterException(spec.commandLine(),
        "unknown database '" + name + "': use sqlite, postgres, mariadb or oracle");
  }
}
