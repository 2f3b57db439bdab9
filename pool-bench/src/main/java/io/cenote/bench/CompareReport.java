package io.cenote.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.ToDoubleFunction;

/**
 * The real-database comparison as Markdown (one row per workload and mode, with the
 * improvement over opening a connection per operation) and as a self-contained HTML page:
 * the same table and two bar charts (throughput, p99 latency), drawn by Chart.js, whose script
 * is inlined from its WebJar so the page needs no network.
 */
final class CompareReport {

  /** The modes in the order of every table and chart. */
  static final List<String> MODES = List.of("unpooled", "cenote", "hikari");
  private static final String VERSIONS = "/cenote-bench.properties";

  /**
   * One measured cell.
   *
   * @param workload what each operation did
   * @param mode unpooled, cenote or hikari
   * @param measurement its throughput and latencies
   */
  record Result(Workload workload, String mode, Measurement measurement) {}

  private final String title;
  private final List<Result> results;

  CompareReport(String title, List<Result> results) {
    this.title = title;
    this.results = List.copyOf(results);
  }

  /** @return the Markdown table */
  String markdown() {
    List<String> lines = new ArrayList<>();
    lines.add("| workload | mode | ops/s | p50 ms | p95 ms | p99 ms | vs unpooled | vs hikari |");
    lines.add("|---|---|---|---|---|---|---|---|");
    for (Result r : results) {
      Measurement m = r.measurement();
      lines.add(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.3f | %.3f | %.3f | %s | %s |",
          r.workload().label(), r.mode(), m.opsPerSecond(), m.percentileMillis(0.50),
          m.percentileMillis(0.95), m.percentileMillis(0.99), change(r, "unpooled"),
          r.mode().equals("cenote") ? change(r, "hikari") : ""));
    }
    return String.join(System.lineSeparator(), lines);
  }

  /** Throughput of {@code r} relative to {@code baseline} of the same workload, in percent. */
  private String change(Result r, String baseline) {
    if (r.mode().equals(baseline)) {
      return "";
    }
    Result base = find(r.workload(), baseline);
    if (base == null || base.measurement().opsPerSecond() == 0) {
      return "";
    }
    double percent = (r.measurement().opsPerSecond() / base.measurement().opsPerSecond() - 1)
        * 100;
    return String.format(Locale.ROOT, "%+,.0f%%", percent);
  }

  private Result find(Workload workload, String mode) {
    for (Result r : results) {
      if (r.workload() == workload && r.mode().equals(mode)) {
        return r;
      }
    }
    return null;
  }

  /** @return the HTML page */
  String html() {
    StringBuilder labels = new StringBuilder();
    List<Workload> workloads = new ArrayList<>();
    for (Result r : results) {
      if (!workloads.contains(r.workload())) {
        workloads.add(r.workload());
        labels.append(labels.length() == 0 ? "" : ",").append('"')
            .append(r.workload().label()).append('"');
      }
    }
    StringBuilder throughput = new StringBuilder();
    StringBuilder p99 = new StringBuilder();
    for (String mode : MODES) {
      throughput.append(dataset(mode, workloads, m -> m.opsPerSecond()));
      p99.append(dataset(mode, workloads, m -> m.percentileMillis(0.99)));
    }
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>" + escape(title) + "</title>\n"
        + "<style>body{font-family:sans-serif;margin:2em;max-width:70em}"
        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;"
        + "text-align:right}td:first-child,td:nth-child(2),th{text-align:left}"
        + ".chart{height:22em;margin:2em 0}</style>\n"
        + "<script>" + chartJs() + "</script>\n</head>\n<body>\n"
        + "<h1>" + escape(title) + "</h1>\n"
        + "<p>Operations per second and latency per operation, each through a new connection"
        + " (unpooled), Cenote, or HikariCP.</p>\n"
        + htmlTable()
        + "<div class=\"chart\"><canvas id=\"throughput\"></canvas></div>\n"
        + "<div class=\"chart\"><canvas id=\"p99\"></canvas></div>\n"
        + "<script>\n"
        // Log scale: unpooled throughput is tens to hundreds of times below pooled.
        + chart("throughput", "operations per second (log scale)", "logarithmic", labels,
            throughput)
        + chart("p99", "p99 latency (ms)", "linear", labels, p99)
        + "</script>\n</body>\n</html>\n";
  }

  private String htmlTable() {
    StringBuilder t = new StringBuilder("<table>\n<tr><th>workload</th><th>mode</th>"
        + "<th>ops/s</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>vs unpooled</th>"
        + "<th>vs hikari</th></tr>\n");
    for (Result r : results) {
      Measurement m = r.measurement();
      t.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%.0f</td><td>%.3f</td>"
          + "<td>%.3f</td><td>%.3f</td><td>%s</td><td>%s</td></tr>%n", r.workload().label(),
          r.mode(), m.opsPerSecond(), m.percentileMillis(0.50), m.percentileMillis(0.95),
          m.percentileMillis(0.99), change(r, "unpooled"),
          r.mode().equals("cenote") ? change(r, "hikari") : ""));
    }
    return t.append("</table>\n").toString();
  }

  private String dataset(String mode, List<Workload> workloads,
      ToDoubleFunction<Measurement> value) {
    StringBuilder data = new StringBuilder();
    for (Workload w : workloads) {
      Result r = find(w, mode);
      data.append(data.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f",
          r == null ? 0.0 : value.applyAsDouble(r.measurement())));
    }
    return "{label:\"" + mode + "\",data:[" + data + "]},";
  }

  private static String chart(String id, String axis, String scale, CharSequence labels,
      CharSequence datasets) {
    return "new Chart(document.getElementById('" + id + "'),{type:'bar',data:{labels:["
        + labels + "],datasets:[" + datasets + "]},options:{maintainAspectRatio:false,"
        + "scales:{y:{type:'" + scale + "'}},"
        + "plugins:{title:{display:true,text:'" + axis + "'}}}});\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Chart.js's UMD bundle, from the WebJar of the version the build names. */
  static String chartJs() {
    Properties versions = new Properties();
    try (InputStream in = CompareReport.class.getResourceAsStream(VERSIONS)) {
      versions.load(in);
      String path = "/META-INF/resources/webjars/chart.js/"
          + versions.getProperty("chartjs.version") + "/dist/chart.umd.min.js";
      try (InputStream script = CompareReport.class.getResourceAsStream(path)) {
        if (script == null) {
          throw new IllegalStateException("Chart.js is not on the classpath at " + path);
        }
        // inlined in a <script> element, which the text "</script" would end
        return new String(script.readAllBytes(), StandardCharsets.UTF_8)
            .replace("</script", "<\\/script");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + VERSIONS, e);
    }
  }

  /**
   * Writes the HTML page.
   *
   * @param file where
   */
  void writeHtml(Path file) {
    try {
      Files.writeString(file, html(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
