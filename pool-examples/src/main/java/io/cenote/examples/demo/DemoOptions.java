package io.cenote.examples.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The demo's command-line options.
 *
 * @param part which parts run
 * @param seconds how long the demo runs, all parts and phases together
 * @param clients how many client threads borrow connections concurrently
 * @param maxSize the pool's permanent capacity
 * @param color whether to colour the output
 * @param database the SQLite file to use, or null for a fresh one in a temporary directory
 * @param help whether only the usage text was asked for
 */
record DemoOptions(DemoPart part, int seconds, int clients, int maxSize, boolean color,
    Path database, boolean help) {

  /** Default number of client threads. */
  static final int DEFAULT_CLIENTS = 12;
  /** Default pool capacity. */
  static final int DEFAULT_MAX_SIZE = 4;

  /** The usage text printed by {@code --help} and after a bad option. */
  static final String USAGE = String.join("\n",
      "Usage: scripts/demo.sh [options]",
      "",
      "Runs Cenote on an embedded SQLite file. The pool part: a pool with more clients than",
      "connections through steady load, slow queries (queueing, overflow, timeouts), a leaked",
      "connection and recovery. The routing part: a cluster of one writer pool and two read-only",
      "replica pools on the same file, with a replica outage and its re-admission.",
      "",
      "Options:",
      "  --part P       pool, routing or all (default all: the pool part, then routing)",
      "  --seconds N    run time of the chosen parts together, up to 3600 (default "
          + DemoPart.ALL.defaultSeconds + " for all,",
      "                 " + DemoPart.POOL.defaultSeconds + " for pool, "
          + DemoPart.ROUTING.defaultSeconds + " for routing; all gives routing a third)",
      "  --clients N    client threads of the pool part, 1-200 (default " + DEFAULT_CLIENTS
          + ")",
      "  --max-size N   pool part's capacity (maxSize), 1-50; maxOverflow is 2 (default "
          + DEFAULT_MAX_SIZE + ")",
      "  --db FILE      SQLite file to use (default: a fresh file in a temporary directory)",
      "  --no-color     plain output (also when NO_COLOR is set or output is not a terminal)",
      "  -h, --help     show this text");

  /** Checks the ranges. */
  DemoOptions {
    if (!help) {
      if (seconds < part.minSeconds || seconds > 3600) {
        throw new IllegalArgumentException("--seconds must be between " + part.minSeconds
            + " and 3600 for --part " + part.label() + ", but was " + seconds);
      }
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
    DemoPart part = DemoPart.ALL;
    Integer seconds = null;
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
          return new DemoOptions(part, 0, clients, maxSize, false, database, true);
        case "--no-color":
          noColor = true;
          break;
        case "--part":
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
          if (name.equals("--part")) {
            part = DemoPart.parse(value);
          } else if (name.equals("--seconds")) {
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
    return new DemoOptions(part, seconds == null ? part.defaultSeconds : seconds, clients,
        maxSize, color, database, false);
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
