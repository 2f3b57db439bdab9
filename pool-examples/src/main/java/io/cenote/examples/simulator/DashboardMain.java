package io.cenote.examples.simulator;

import io.cenote.dashboard.Dashboard;
import io.cenote.dashboard.DashboardEvents;
import io.cenote.examples.TempDirectories;
import io.cenote.examples.console.CommandLines;
import io.cenote.testkit.db.DatabaseEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The live dashboard's entry point, run by {@code scripts/dashboard.sh}: a {@link Dashboard}
 * over a small fleet under light load ({@link DashboardFleet}), with the simulator's scenarios
 * to start from the page. Runs until stopped (Ctrl-C, {@code POST /api/shutdown}, or
 * {@code --seconds}). Exit status: 0 when it ran, 1 when it failed, 2 for a bad command line,
 * 3 when the chosen servers are not configured.
 */
@Command(name = "dashboard.sh", sortOptions = false, mixinStandardHelpOptions = true,
    description = "Serves Cenote's live dashboard over a small fleet under light load: watch"
        + " pools, clusters and events, start scenarios, resize pools, take a replica down.")
public final class DashboardMain implements Callable<Integer> {

  /** The variable that holds the token when {@code --token} is not given. */
  static final String TOKEN_VARIABLE = "CENOTE_DASHBOARD_TOKEN";

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
      description = "the port (default ${DEFAULT-VALUE}; 0 picks a free one)")
  private int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "the address to listen on (default ${DEFAULT-VALUE}); any other than"
          + " loopback needs a token")
  private String bind;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "the token every request must carry (" + TOKEN_VARIABLE + ")")
  private String token;

  @Option(names = "--db", paramLabel = "DB", defaultValue = "sqlite",
      description = "sqlite (embedded, default), postgres or mariadb (scripts/db.sh servers)")
  private String db;

  @Option(names = "--clients", paramLabel = "N", defaultValue = "3",
      description = "background clients, about five requests a second each (default"
          + " ${DEFAULT-VALUE})")
  private int clients;

  @Option(names = "--seconds", paramLabel = "N",
      description = "stop by itself after N seconds (default: run until stopped)")
  private Integer seconds;

  @Option(names = "--scenario-seconds", paramLabel = "N",
      description = "run time of a scenario started from the page (default: its own)")
  private Integer scenarioSeconds;

  @Spec
  private CommandSpec spec;

  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;
  private final List<Path> scratch = new ArrayList<>();

  private DashboardMain(Map<String, String> environment, PrintStream out, PrintStream err) {
    this.environment = environment;
    this.out = out;
    this.err = err;
  }

  /**
   * Serves the dashboard and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /**
   * Serves the dashboard until it is stopped, without exiting.
   *
   * @param args the command line
   * @param environment the process environment (the token, the servers' URLs)
   * @param out where the URL and progress are printed
   * @param err where problems are reported
   * @return the exit status
   */
  static int run(String[] args, Map<String, String> environment, PrintStream out,
      PrintStream err) {
    return CommandLines.execute(new DashboardMain(environment, out, err), "dashboard", args,
        out, err);
  }

  @Override
  public Integer call() {
    if (port < 0 || port > 65_535) {
      throw usage("--port must be 0 to 65535, but was " + port);
    }
    if (clients < 0 || clients > Settings.MAX_CLIENTS) {
      throw usage("--clients must be 0 to " + Settings.MAX_CLIENTS + ", but was " + clients);
    }
    if (seconds != null && seconds < 1) {
      throw usage("--seconds must be at least 1, but was " + seconds);
    }
    if (scenarioSeconds != null && scenarioSeconds < Settings.MIN_SECONDS) {
      throw usage("--scenario-seconds must be at least " + Settings.MIN_SECONDS + ", but was "
          + scenarioSeconds);
    }
    Database database = Database.byId(db).orElseThrow(() ->
        usage("--db must be sqlite, postgres or mariadb, but was '" + db + "'"));
    String secret = token != null ? token : environment.get(TOKEN_VARIABLE);
    DashboardEvents events = new DashboardEvents();
    try {
      Supplier<Target> targets = targets(database);
      try (DashboardFleet fleet = new DashboardFleet(targets.get(), events, clients)) {
        DashboardScenarios scenarios = DashboardScenarios.on(targets, scenarioSeconds);
        Dashboard.Builder builder = Dashboard.builder(fleet.manager())
            .bind(bind).port(port).events(events).scenarios(scenarios)
            .replicas(fleet);
        if (secret != null && !secret.isBlank()) {
          builder.token(secret);
        }
        Dashboard dashboard;
        try {
          dashboard = builder.build();
        } catch (IllegalStateException | IllegalArgumentException e) {
          throw usage(e.getMessage());
        }
        try (dashboard) {
          dashboard.start();
          out.println("Cenote dashboard on " + dashboard.url()
              + (secret == null || secret.isBlank() ? ""
              : "  (add ?token=<your token> to open it)"));
          out.println("Stop it with Ctrl-C" + (seconds == null ? ""
              : "; it stops by itself after " + seconds + " s") + ".");
          stopAfter(dashboard);
          Runtime.getRuntime().addShutdownHook(new Thread(dashboard::close, "dashboard-stop"));
          dashboard.awaitShutdown();
          for (String name : scenarios.names()) {
            scenarios.stop(name);
          }
        }
      }
      out.println("Dashboard stopped.");
      return 0;
    } catch (CommandLine.ParameterException e) {
      throw e;
    } catch (NotConfiguredException e) {
      err.println("dashboard: " + e.getMessage());
      return SimulateMain.NOT_CONFIGURED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SimulateMain.FAILED;
    } catch (Exception e) {
      err.println("dashboard: " + e);
      return SimulateMain.FAILED;
    } finally {
      scratch.forEach(TempDirectories::deleteQuietly);
    }
  }

  /** A fresh SQLite file per run on SQLite; the same servers every time otherwise. */
  private Supplier<Target> targets(Database database) {
    if (database == Database.SQLITE) {
      return () -> {
        try {
          Path dir = Files.createTempDirectory("cenote-dashboard");
          scratch.add(dir);
          return JdbcTarget.sqlite(dir);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
    }
    Target servers = JdbcTarget.servers(DatabaseEnvironment.of(environment), database);
    return () -> servers;
  }

  private void stopAfter(Dashboard dashboard) {
    if (seconds == null) {
      return;
    }
    Thread timer = new Thread(() -> {
      try {
        Thread.sleep(seconds * 1000L);
        dashboard.close();
      } catch (InterruptedException ignored) {
        // the dashboard stopped first
      }
    }, "dashboard-timer");
    timer.setDaemon(true);
    timer.start();
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
