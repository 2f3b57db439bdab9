package io.cenote.examples.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The demo's command-line options.
 *
 * @param seconds how long the demo runs, all phases together
 * @param clients how many client threads borrow connections concurrently
 * @param maxSize the pool's permanent capacity
 * @param color whether to colour the output
 * @param database the SQLite file to use, or null for a fresh one in a temporary directory
 * @param help whether only the usage text was asked for
 */
record DemoOptions(int seconds, int clients, int maxSize, boolean color, Path database,
    boolean help) {

  /** Default run length in seconds. */
  static final int DEFAULT_SECONDS = 24;
  /** Default number of client threads. */
  static final int DEFAULT_CLIENTS = 12;
  /** Default pool capacity. */
  static final int DEFAULT_MAX_SIZE = 4;

  /** The usage text printed by {@code --help} and after a bad option. */
  static final String USAGE = String.join("\n",
      "Usage: scripts/demo.sh [options]",
      "",
      "Runs a Cenote pool on an embedded SQLite file with more clients than connections:",
      "steady load, slow queries (queueing, overflow, timeouts), a leaked connection, recovery.",
      "",
      "Options:",
      "  --seconds N    run time of all phases together, 3-3600 (default " + DEFAULT_SECONDS
          + ")",
      "  --clients N    concurrent client threads, 1-200 (default " + DEFAULT_CLIENTS + ")",
      "  --max-size N   pool capacity (maxSize), 1-50; maxOverflow is 2 (default "
          + DEFAULT_MAX_SIZE + ")",
      "  --db FILE      SQLite file to use (default: a fresh file in a temporary directory)",
      "  --no-color     plain output (also when NO_COLOR is set or output is not a terminal)",
      "  -h, --help     show this text");

  /** Checks the ranges. */
  DemoOptions {
    if (!help) {
      requireRange("--seconds", seconds, 3, 3600);
      requireRange("--clients", clients, 1, 200);
      requireRange("--max-size", maxSize, 1, 50);
    }
  }

  /**
   * Parses the command line. Options take their value as the next argument or after {@code =}.
   *
   * @param args the arguments
   * @param environment the environment, consulted for {@code NO_COLOR}
   * @param interactive whether output goes to a terminal
   * @return the options
   * @throws IllegalArgumentException naming the bad option and value
   */
  static DemoOptions parse(List<String> args, Map<String, String> environment,
      boolean interactive) {
    int seconds = DEFAULT_SECONDS;
    int clients = DEFAULT_CLIENTS;
    int maxSize = DEFAULT_MAX_SIZE;
    boolean noColor = false;
    Path database = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "-h":
        case "--help":
          return new DemoOptions(seconds, clients, maxSize, false, database, true);
        case "--no-color":
          noColor = true;
          break;
        case "--seconds":
        case "--clients":
        case "--max-size":
        case "--db":
          if (value == null) {
            if (i + 1 >= args.size()) {
              throw new IllegalArgumentException(name + " needs a value");
            }
            value = args.get(++i);
          }
          if (name.equals("--seconds")) {
            seconds = integer(name, value);
          } else if (name.equals("--clients")) {
            clients = integer(name, value);
          } else if (name.equals("--max-size")) {
            maxSize = integer(name, value);
          } else {
            database = Path.of(value);
          }
          break;
        default:
          throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
    }
    String noColorEnv = environment.get("NO_COLOR");
    boolean color = !noColor && interactive && (noColorEnv == null || noColorEnv.isEmpty());
    return new DemoOptions(seconds, clients, maxSize, color, database, false);
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number, but was '" + value + "'", e);
    }
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", but was " + value);
    }
  }
}
