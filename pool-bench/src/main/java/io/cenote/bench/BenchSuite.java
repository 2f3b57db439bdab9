package io.cenote.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the stub-driver benchmarks for every pool in one JMH run, with the GC profiler, and prints
 * one table: ops/ms per pool with error, the cenote/hikari ratio, and bytes allocated per op.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.cenote.bench.BenchSuite quick|full|smoke}.
 */
public final class BenchSuite {

  private BenchSuite() {}

  /**
   * Runs the suite.
   *
   * @param args {@code quick} (about 5 minutes), {@code full}, or {@code smoke} (one short
   *     iteration of one benchmark, for CI)
   * @throws RunnerException when JMH fails
   */
  public static void main(String[] args) throws RunnerException {
    String mode = args.length == 0 ? "quick" : args[0];
    ChainedOptionsBuilder options = new OptionsBuilder().addProfiler(GCProfiler.class)
        .shouldFailOnError(true);
    switch (mode) {
      case "smoke":
        options.include(ConnectionCycleBenchmark.class.getSimpleName() + ".cycle1Thread")
            .forks(1).warmupIterations(0).measurementIterations(1)
            .measurementTime(TimeValue.seconds(1));
        break;
      case "quick":
        options.include("io.cenote.bench.*Benchmark").forks(1)
            .warmupIterations(3).warmupTime(TimeValue.seconds(2))
            .measurementIterations(5).measurementTime(TimeValue.seconds(2));
        break;
      case "full":
        options.include("io.cenote.bench.*Benchmark").forks(3)
            .warmupIterations(5).warmupTime(TimeValue.seconds(3))
            .measurementIterations(10).measurementTime(TimeValue.seconds(3));
        break;
      default:
        throw new IllegalArgumentException("mode must be quick, full or smoke, but was " + mode);
    }
    for (int i = 1; i < args.length; i++) {
      options.jvmArgsAppend(args[i]);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    System.out.println();
    System.out.println(table(results));
  }

  /**
   * Formats results as Markdown tables: one row per pool-comparing benchmark method, then one
   * row per strategy of the routing benchmark (which HikariCP has no counterpart for).
   */
  static String table(Collection<RunResult> results) {
    Map<String, Map<String, RunResult>> byBenchmark = new TreeMap<>();
    List<RunResult> routing = new ArrayList<>();
    for (RunResult r : results) {
      String benchmark = r.getParams().getBenchmark().replace("io.cenote.bench.", "");
      String pool = r.getParams().getParam("pool");
      if (pool == null) {
        routing.add(r);
      } else {
        byBenchmark.computeIfAbsent(benchmark, k -> new TreeMap<>()).put(pool, r);
      }
    }
    String tables = poolTable(byBenchmark);
    String metered = meteredTable(byBenchmark);
    if (!metered.isEmpty()) {
      tables += System.lineSeparator() + System.lineSeparator() + metered;
    }
    return routing.isEmpty() ? tables
        : tables + System.lineSeparator() + System.lineSeparator() + routingTable(routing);
  }

  /** Cenote with its Micrometer meters bound beside plain Cenote, where both ran. */
  private static String meteredTable(Map<String, Map<String, RunResult>> byBenchmark) {
    List<String> lines = new ArrayList<>();
    lines.add("| benchmark | threads | cenote ops/ms | cenote + meters ops/ms | metered/plain"
        + " | cenote B/op | metered B/op |");
    lines.add("|---|---|---|---|---|---|---|");
    for (Map.Entry<String, Map<String, RunResult>> e : byBenchmark.entrySet()) {
      RunResult plain = e.getValue().get("cenote");
      RunResult metered = e.getValue().get(ConnectionCycleBenchmark.METERED);
      if (plain != null && metered != null) {
        lines.add(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |", e.getKey(),
            plain.getParams().getThreads(), score(plain), score(metered),
            ratio(metered, plain), allocation(plain), allocation(metered)));
      }
    }
    return lines.size() == 2 ? "" : String.join(System.lineSeparator(), lines);
  }

  private static String routingTable(List<RunResult> routing) {
    List<String> lines = new ArrayList<>();
    lines.add("| benchmark | strategy | threads | ns/op | B/op |");
    lines.add("|---|---|---|---|---|");
    for (RunResult r : routing) {
      lines.add(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s |",
          r.getParams().getBenchmark().replace("io.cenote.bench.", ""),
          r.getParams().getParam("strategy"), r.getParams().getThreads(), nanos(r),
          allocation(r)));
    }
    return String.join(System.lineSeparator(), lines);
  }

  private static String nanos(RunResult r) {
    Result<?> p = r.getPrimaryResult();
    return Double.isNaN(p.getScoreError())
        ? String.format(Locale.ROOT, "%.1f", p.getScore())
        : String.format(Locale.ROOT, "%.1f ± %.1f", p.getScore(), p.getScoreError());
  }

  private static String poolTable(Map<String, Map<String, RunResult>> byBenchmark) {
    List<String> lines = new ArrayList<>();
    lines.add("| benchmark | threads | cenote ops/ms | hikari ops/ms | cenote/hikari"
        + " | cenote B/op | hikari B/op |");
    lines.add("|---|---|---|---|---|---|---|");
    for (Map.Entry<String, Map<String, RunResult>> e : byBenchmark.entrySet()) {
      RunResult cenote = e.getValue().get("cenote");
      RunResult hikari = e.getValue().get("hikari");
      RunResult any = cenote != null ? cenote : hikari;
      lines.add(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |", e.getKey(),
          any.getParams().getThreads(), score(cenote), score(hikari), ratio(cenote, hikari),
          allocation(cenote), allocation(hikari)));
    }
    return String.join(System.lineSeparator(), lines);
  }

  private static String score(RunResult r) {
    if (r == null) {
      return "-";
    }
    Result<?> p = r.getPrimaryResult();
    return Double.isNaN(p.getScoreError())
        ? String.format(Locale.ROOT, "%,.0f", p.getScore())
        : String.format(Locale.ROOT, "%,.0f ± %,.0f", p.getScore(), p.getScoreError());
  }

  private static String ratio(RunResult cenote, RunResult hikari) {
    if (cenote == null || hikari == null) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2f",
        cenote.getPrimaryResult().getScore() / hikari.getPrimaryResult().getScore());
  }

  private static String allocation(RunResult r) {
    if (r == null) {
      return "-";
    }
    for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        return String.format(Locale.ROOT, "%.1f", e.getValue().getScore());
      }
    }
    return "-";
  }
}
