package io.cenote.examples.simulator;

import io.cenote.examples.TempDirectories;
import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.CommandLines;
import io.cenote.examples.console.Terminal;
import io.cenote.testkit.db.DatabaseEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The scenario simulator's entry point, run by {@code scripts/simulate.sh}. Exit status: 0
 * when the scenarios ran, 1 when one failed, 2 for a bad command line or environment
 * variable, 3 when the chosen servers are not configured.
 */
@Command(name = "simulate.sh", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Runs a scenario on a Cenote pool and shows how the pool behaves: coloured"
        + " lifecycle events, a gauge line each second, a summary table and the lesson.",
        "Scenarios: normal, saturation, exhaustion, leak, slow-db, recycle, restart,"
        + " replica-failover, breaker, adaptive.",
        "Seed 001's variables DATABASE_URL, POOL_SIZE, MAX_OVERFLOW, POOL_TIMEOUT, POOL_RECYCLE,"
        + " POOL_PRE_PING, ECHO_POOL and LOG_LEVEL are read too; options win over them."})
public final class SimulateMain implements Callable<Integer> {

  /** Exit status when a scenario failed. */
  static final int FAILED = 1;
  /** Exit status when the servers are not configured. */
  static final int NOT_CONFIGURED = 3;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
      description = "the scenario to run (or --all)")
  private String scenario;

  @Option(names = "--all", description = "run every scenario in turn")
  private boolean all;

  @Option(names = "--db", paramLabel = "DB", defaultValue = "sqlite",
      description = "sqlite (embedded, default), postgres or mariadb (scripts/db.sh servers)")
  private String db;

  @Option(names = "--url", paramLabel = "URL",
      description = "a JDBC URL or postgresql://user:password@host/db instead of --db"
          + " (DATABASE_URL)")
  private String url;

  @Option(names = "--clients", paramLabel = "N", description = "client threads at full load")
  private String clients;

  @Option(names = "--seconds", paramLabel = "N", description = "run time of each scenario")
  private String seconds;

  @Option(names = "--pool-size", paramLabel = "N", description = "maxSize (POOL_SIZE, 5)")
  private String poolSize;

  @Option(names = "--max-overflow", paramLabel = "N",
      description = "connections beyond it while borrowers wait (MAX_OVERFLOW, 10)")
  private String maxOverflow;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "acquire timeout (POOL_TIMEOUT, 30)")
  private String timeout;

  @Option(names = "--recycle", paramLabel = "SECONDS",
      description = "maxLifetime; -1 or 0 turns it off (POOL_RECYCLE, off)")
  private String recycle;

  @Option(names = "--pre-ping", negatable = true, paramLabel = "BOOLEAN",
      description = "validate connections on borrow (POOL_PRE_PING, off)")
  private Boolean prePing;

  @Option(names = "--echo-pool", description = "also show every checkout and checkin"
      + " (ECHO_POOL)")
  private boolean echoPool;

  @Option(names = "--no-color", description = "plain output (also when NO_COLOR is set or"
      + " output is not a terminal)")
  private boolean noColor;

  @Option(names = "--report", paramLabel = "FILE",
      description = "write an HTML page with the run's charts")
  private Path report;

  @Spec
  private CommandSpec spec;

  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final List<Recording> recordings = new ArrayList<>();

  private SimulateMain(Map<String, String> environment, PrintStream out, PrintStream err,
      boolean terminal) {
    this.environment = environment;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /**
   * Runs the simulator and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err, Terminal.isInteractive())
        .status());
  }

  /**
   * Runs the simulator without exiting.
   *
   * @param args the command line
   * @param environment the process environment (seed 001's variables, the servers' URLs)
   * @param out where the run is printed
   * @param err where problems are reported
   * @param terminal whether output goes to a terminal (colours)
   * @return the exit status and what was recorded
   */
  static Result run(String[] args, Map<String, String> environment, PrintStream out,
      PrintStream err, boolean terminal) {
    SimulateMain main = new SimulateMain(environment, out, err, terminal);
    int status = CommandLines.execute(main, "simulate", args, out, err);
    return new Result(status, List.copyOf(main.recordings));
  }

  /**
   * What a run of the command line ended with.
   *
   * @param status the exit status
   * @param recordings what each scenario recorded, in order
   */
  record Result(int status, List<Recording> recordings) {}

  @Override
  public Integer call() {
    List<Scenario> chosen = chosen();
    Overrides overrides;
    Target target;
    boolean echo;
    Path scratch = null;
    try {
      Settings settings = new Settings(environment);
      overrides = settings.overrides(clients, seconds, poolSize, maxOverflow, timeout, recycle,
          prePing);
      echo = echoPool || settings.flag("ECHO_POOL");
      settings.applyLogLevel();
      String databaseUrl = url != null ? url : environment.get("DATABASE_URL");
      if (databaseUrl != null && !databaseUrl.isBlank()) {
        target = JdbcTarget.url(DatabaseUrl.parse(databaseUrl,
            url != null ? "--url" : "DATABASE_URL"));
      } else {
        Database database = Database.byId(db).orElseThrow(() -> new IllegalArgumentException(
            "--db must be sqlite, postgres or mariadb, but was '" + db + "'"));
        if (database == Database.SQLITE) {
          scratch = Files.createTempDirectory("cenote-simulator");
          target = JdbcTarget.sqlite(scratch);
        } else {
          target = JdbcTarget.servers(DatabaseEnvironment.of(environment), database);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    } catch (NotConfiguredException e) {
      err.println("simulate: " + e.getMessage());
      return NOT_CONFIGURED;
    } catch (IOException e) {
      err.println("simulate: could not create a directory for the SQLite file: " + e);
      return FAILED;
    }
    boolean color = !noColor && terminal && !environment.containsKey("NO_COLOR");
    Simulator simulator = new Simulator(target, overrides, out, Ansi.of(color), echo,
        RunObserver.NONE);
    try {
      for (Scenario s : chosen) {
        recordings.add(simulator.run(s));
      }
      if (report != null) {
        HtmlReport.write(recordings, report);
        out.println();
        out.println("Report written to " + report.toAbsolutePath());
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("simulate: interrupted");
      return FAILED;
    } catch (Exception e) {
      err.println("simulate: " + (recordings.size() < chosen.size()
          ? chosen.get(recordings.size()).name() + " failed: " : "") + e);
      return FAILED;
    } finally {
      TempDirectories.deleteQuietly(scratch);
    }
  }

  private List<Scenario> chosen() {
    if (all) {
      if (scenario != null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "give a scenario or --all, not both");
      }
      return Scenarios.all();
    }
    if (scenario == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "missing scenario: one of " + String.join(", ", Scenarios.names()) + ", or --all");
    }
    return List.of(Scenarios.byName(scenario).orElseThrow(() ->
        new CommandLine.ParameterException(spec.commandLine(), "unknown scenario '" + scenario
            + "': use one of " + String.join(", ", Scenarios.names()))));
  }
}
