package io.cenote.examples.simulator;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Format;
import io.cenote.examples.console.Output;
import io.cenote.pool.CloseReason;
import io.cenote.pool.PoolStats;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs scenarios: prints what each is about, runs it with the user's overrides on the target,
 * prints the summary table and the lesson, and returns the {@link Recording}.
 */
final class Simulator {

  private final Target target;
  private final Overrides overrides;
  private final PrintStream stream;
  private final Ansi ansi;
  private final boolean echoPool;
  private final RunObserver observer;

  /**
   * Creates the simulator.
   *
   * @param target the database
   * @param overrides what the user set
   * @param stream where to print
   * @param ansi the colours
   * @param echoPool whether checkouts and checkins are shown
   * @param observer who else sees each run's pools and events ({@link RunObserver#NONE} for
   *     nobody)
   */
  Simulator(Target target, Overrides overrides, PrintStream stream, Ansi ansi,
      boolean echoPool, RunObserver observer) {
    this.observer = observer;
    this.target = target;
    this.overrides = overrides;
    this.stream = stream;
    this.ansi = ansi;
    this.echoPool = echoPool;
  }

  /**
   * Runs one scenario to its end; the servers are put back as they were even when it fails.
   *
   * @param scenario the scenario
   * @return what it recorded
   * @throws Exception when the scenario could not run
   */
  Recording run(Scenario scenario) throws Exception {
    Knobs knobs = overrides.over(scenario.defaults());
    // each scenario's console clock starts at zero, as its recording's does
    Output out = new Output(stream, ansi);
    out.banner(scenario.name(), scenario.title());
    Map<String, String> settings = settings(knobs);
    out.print(ansi.paint(Ansi.Style.DIM, "   on " + target.label()));
    out.print(ansi.paint(Ansi.Style.DIM, "   " + describe(settings)));
    target.prepare();
    ConsoleView console = new ConsoleView(out);
    Recorder recorder = new Recorder(console, echoPool, scenario.name(), observer);
    Instant started = Instant.now();
    Scenario.Outcome outcome;
    List<Finding> findings = new ArrayList<>();
    List<Sample> samples;
    List<ClientTally> tallies;
    List<WaitBucket> waits;
    try {
      try (Run run = new Run(knobs, target, recorder, console)) {
        try {
          outcome = scenario.run(run);
        } finally {
          run.stopLoad();
          target.primaryFaults().reset();
          target.replicaFaults().reset();
        }
        findings.addAll(outcome.findings());
        findings.addAll(common(run));
        samples = run.samples();
        tallies = run.tallies();
        waits = Waits.of(run.watched());
      }
    } finally {
      // after the pools closed, so that they do not see the servers come back
      target.servers().restore();
    }
    // built after the pools closed, so the record ends with their shutdown
    Recording recording = new Recording(scenario.name(), scenario.title(), target.label(),
        settings, started, recorder.second(), samples, recorder.events(), tallies, waits,
        findings, outcome.lesson());
    out.print(SummaryView.render(recording, ansi));
    return recording;
  }

  private static Map<String, String> settings(Knobs k) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("clients", Integer.toString(k.clients()));
    m.put("seconds", Integer.toString(k.seconds()));
    m.put("pool size", Integer.toString(k.poolSize()));
    m.put("max overflow", Integer.toString(k.maxOverflow()));
    m.put("timeout", Format.duration(k.timeout()));
    m.put("recycle", k.recycle().isZero() ? "off" : Format.duration(k.recycle()));
    m.put("pre-ping", k.prePing() ? "on" : "off");
    return m;
  }

  private static String describe(Map<String, String> settings) {
    StringBuilder b = new StringBuilder();
    settings.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ')
        .append(v));
    return b.toString();
  }

  /** The figures every scenario reports, from the watched pool and the clients. */
  private static List<Finding> common(Run run) {
    List<Finding> f = new ArrayList<>();
    long requests = run.requests();
    long failures = run.failures();
    f.add(Findings.count("requests", "requests completed", requests, ""));
    f.add(Findings.count("failures", "requests failed", failures,
        failures == 0 ? "" : "the exception each client saw is in the events"));
    if (run.watched() == null) {
      return f;
    }
    PoolStats s = run.watched().stats();
    f.add(Findings.count("borrows", "borrows (" + s.poolName() + ")", s.acquired(), ""));
    f.add(Findings.count("timeouts", "acquire timeouts", s.timeouts(), ""));
    f.add(Findings.millis("waitP50", "wait p50", s.waitTime().p50(), ""));
    f.add(Findings.millis("waitP99", "wait p99", s.waitTime().p99(),
        "max " + Format.duration(s.waitTime().max())));
    f.add(Findings.millis("holdP99", "hold p99", s.holdTime().p99(), ""));
    f.add(Findings.ratio("hitRate", "hit rate", s.hitRate(),
        "borrows served at once by an idle connection"));
    f.add(Findings.count("peak", "peak connections", s.peakTotal(),
        "maxSize " + s.maxSize() + " + maxOverflow " + s.maxOverflow()));
    f.add(Findings.count("opened", "connections opened", s.created(), ""));
    for (CloseReason r : CloseReason.values()) {
      long n = s.destroyed().getOrDefault(r, 0L);
      if (n > 0) {
        f.add(Findings.count("closed." + r.name().toLowerCase(Locale.ROOT),
            "closed: " + r.name().toLowerCase(Locale.ROOT), n, ""));
      }
    }
    return f;
  }
}
