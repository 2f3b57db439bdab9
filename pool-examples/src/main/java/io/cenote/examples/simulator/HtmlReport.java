package io.cenote.examples.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Scenario runs as one self-contained HTML page, the simulator's {@code --report FILE}. Each
 * run gets a section with its title, scenario, database, start and duration, the settings and
 * summary tables, the lesson, four charts (the pool over time, the events on the same
 * timeline, the acquire-wait distribution and the requests per client) and the table of all
 * events. Several runs ({@code --all}) get one section each under a table of contents.
 *
 * <p>The page opens without a network: Chart.js is inlined from its WebJar, in the version the
 * build writes into {@code cenote-simulator.properties}, and each run's data sits in a {@code
 * <script type="application/json">} block that the page's own script reads and draws. Every
 * text from a recording is escaped, in HTML or in JSON, so a message such as {@code </script>}
 * stays text.
 *
 * <p>The page is also well-formed XML: every element is closed, attributes are quoted, and the
 * two scripts sit in CDATA sections opened and closed behind JavaScript line comments
 * ({@code //<![CDATA[ ... //]]>}), which a browser reads as comments and an XML parser as the
 * section's bounds. Tests can therefore read the page with the JDK's XML parser.
 */
public final class HtmlReport {

  private static final String VERSIONS = "/cenote-simulator.properties";
  private static final DateTimeFormatter STARTED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  /** Height of the events chart: the axes, plus one row per kind of event shown. */
  private static final int EVENTS_CHART_BASE_PX = 90;
  private static final int EVENTS_CHART_ROW_PX = 26;

  private HtmlReport() {}

  /**
   * Renders runs as one HTML page.
   *
   * @param runs the runs, in the order the page shows them
   * @return the page, a complete HTML document
   * @throws IllegalArgumentException when {@code runs} is empty
   * @throws IllegalStateException when Chart.js is not on the classpath
   */
  public static String render(List<Recording> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("runs must not be empty");
    }
    String chartVersion = chartJsVersion();
    String title = runs.size() == 1
        ? "Cenote simulator: " + runs.get(0).title()
        : "Cenote simulator: " + runs.size() + " scenarios";
    StringBuilder page = new StringBuilder(300_000)
        .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>").append(html(title)).append("</title>\n")
        .append("<style>").append(CSS).append("</style>\n")
        .append(script(chartJs(chartVersion)))
        .append("</head>\n<body>\n<main>\n<h1>Cenote simulator</h1>\n");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      ids.add("run-" + (i + 1) + "-" + slug(runs.get(i).scenario()));
    }
    if (runs.size() > 1) {
      page.append("<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n");
      for (int i = 0; i < runs.size(); i++) {
        Recording run = runs.get(i);
        page.append("<li><a href=\"#").append(ids.get(i)).append("\">").append(html(run.title()))
            .append("</a> <code>").append(html(run.scenario())).append("</code></li>\n");
      }
      page.append("</ol>\n</nav>\n");
    }
    for (int i = 0; i < runs.size(); i++) {
      page.append(section(runs.get(i), ids.get(i)));
    }
    return page.append("<footer>Charts drawn by Chart.js ").append(html(chartVersion))
        .append(", inlined in this page.</footer>\n</main>\n")
        .append(script(DRAW))
        .append("</body>\n</html>\n")
        .toString();
  }

  /**
   * Renders runs as one HTML page and writes it, creating the file's missing directories.
   *
   * @param runs the runs, in the order the page shows them
   * @param file where to write the page, in UTF-8; replaced if it exists
   * @throws IOException when the directories or the file cannot be written
   * @throws IllegalArgumentException when {@code runs} is empty
   */
  public static void write(List<Recording> runs, Path file) throws IOException {
    String page = render(runs);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, page, StandardCharsets.UTF_8);
  }

  private static String section(Recording run, String id) {
    StringBuilder s = new StringBuilder()
        .append("<section class=\"run\" id=\"").append(id).append("\">\n")
        .append("<h2>").append(html(run.title())).append("</h2>\n")
        .append("<p class=\"meta\"><span>scenario <code>").append(html(run.scenario()))
        .append("</code></span><span>").append(html(run.database())).append("</span>")
        .append("<span>started ").append(STARTED.format(run.startedAt())).append("</span>")
        .append("<span>ran ").append(seconds(run.seconds())).append("</span></p>\n")
        .append("<div class=\"tables\">\n<div>\n<h3>Settings</h3>\n")
        .append(table(List.of("setting", "value"), List.copyOf(run.settings().entrySet()),
            e -> List.of(html(e.getKey()), html(String.valueOf(e.getValue())))))
        .append("</div>\n<div>\n<h3>Summary</h3>\n")
        .append(table(List.of("figure", "value", "note"), run.findings(),
            f -> List.of(html(f.label()), html(f.text()), html(f.note()))))
        .append("</div>\n</div>\n");
    if (!run.lesson().isBlank()) {
      s.append("<p class=\"lesson\">").append(html(run.lesson())).append("</p>\n");
    }
    int kinds = kinds(run).size();
    s.append("<h3>Pool over time</h3>\n")
        .append(canvas(id, "pool", "chart tall", "", "connections and waiting clients per second"))
        .append("<h3>Events on the timeline</h3>\n")
        .append(canvas(id, "events", "chart", "height:"
            + (EVENTS_CHART_BASE_PX + EVENTS_CHART_ROW_PX * Math.max(kinds, 1)) + "px",
            "events by kind over time"))
        .append("<div class=\"pair\">\n<div>\n<h3>Acquire wait</h3>\n")
        .append(canvas(id, "waits", "chart", "", "borrows by acquire wait"))
        .append("</div>\n<div>\n<h3>Requests per client</h3>\n")
        .append(canvas(id, "clients", "chart", "", "requests and failures per client"))
        .append("</div>\n</div>\n")
        .append("<h3>All events (").append(run.events().size()).append(")</h3>\n")
        .append("<div class=\"scroll\">\n")
        .append(table(List.of("time", "kind", "message"), run.events(),
            e -> List.of(seconds(e.second()), "<span class=\"tag\" style=\"background:"
                + colour(e.kind()) + "\">" + html(e.kind().tag()) + "</span>",
                html(e.message()))))
        .append("</div>\n")
        .append("<script type=\"application/json\" data-run=\"").append(id).append("\">")
        .append(json(run)).append("</script>\n")
        .append("</section>\n");
    return s.toString();
  }

  private static String canvas(String id, String chart, String cssClass, String style,
      String label) {
    return "<div class=\"" + cssClass + "\"" + (style.isEmpty() ? "" : " style=\"" + style + "\"")
        + "><canvas id=\"" + id + "-" + chart + "\" role=\"img\" aria-label=\"" + label
        + "\"></canvas></div>\n";
  }

  /** A table whose cells are already HTML; a placeholder line when there are no rows. */
  private static <T> String table(List<String> headings, List<T> rows,
      Function<T, List<String>> cells) {
    if (rows.isEmpty()) {
      return "<p class=\"none\">none recorded</p>\n";
    }
    StringBuilder t = new StringBuilder("<table>\n<thead><tr>");
    headings.forEach(h -> t.append("<th>").append(h).append("</th>"));
    t.append("</tr></thead>\n<tbody>\n");
    for (T row : rows) {
      t.append("<tr>");
      cells.apply(row).forEach(c -> t.append("<td>").append(c).append("</td>"));
      t.append("</tr>\n");
    }
    return t.append("</tbody>\n</table>\n").toString();
  }

  /** The run's data for the page's script: what the charts draw, and the samples in full. */
  private static String json(Recording run) {
    StringBuilder j = new StringBuilder("{\"scenario\":").append(json(run.scenario()))
        .append(",\"seconds\":").append(json(run.seconds()))
        .append(",\"samples\":").append(array(run.samples(), s -> "{\"second\":"
            + json(s.second()) + ",\"clients\":" + s.clients() + ",\"total\":" + s.total()
            + ",\"active\":" + s.active() + ",\"idle\":" + s.idle() + ",\"waiting\":"
            + s.waiting() + ",\"overflow\":" + s.overflow() + ",\"maxSize\":" + s.maxSize()
            + ",\"acquired\":" + s.acquired() + ",\"timeouts\":" + s.timeouts()
            + ",\"failures\":" + s.failures() + ",\"waitP99Millis\":" + json(s.waitP99Millis())
            + ",\"holdP99Millis\":" + json(s.holdP99Millis()) + ",\"health\":"
            + json(s.health()) + "}"))
        .append(",\"waits\":").append(array(buckets(run.waits()), Function.identity()))
        .append(",\"clients\":").append(array(run.clients(), c -> "{\"client\":" + c.client()
            + ",\"requests\":" + c.requests() + ",\"failures\":" + c.failures()
            + ",\"waitMillis\":" + json(c.waitMillis()) + "}"))
        .append(",\"kinds\":").append(array(List.copyOf(kinds(run)), k -> "{\"tag\":"
            + json(k.tag()) + ",\"colour\":" + json(colour(k)) + "}"))
        .append(",\"events\":").append(array(run.events(), e -> "{\"second\":"
            + json(e.second()) + ",\"tag\":" + json(e.kind().tag()) + ",\"message\":"
            + json(e.message()) + "}"));
    return j.append('}').toString();
  }

  /** The wait buckets with their bar labels, "≤ 5 ms", and "> 1000 ms" for an open bound. */
  private static List<String> buckets(List<WaitBucket> waits) {
    List<String> out = new ArrayList<>();
    double previous = 0;
    for (WaitBucket w : waits) {
      String label = Double.isInfinite(w.upToMillis())
          ? "> " + rounded(previous) + " ms"
          : "≤ " + rounded(w.upToMillis()) + " ms";
      out.add("{\"label\":" + json(label) + ",\"upToMillis\":" + json(w.upToMillis())
          + ",\"borrows\":" + w.borrows() + "}");
      previous = w.upToMillis();
    }
    return out;
  }

  private static <T> String array(List<T> items, Function<T, String> item) {
    return "[" + String.join(",", items.stream().map(item).toList()) + "]";
  }

  /** The kinds of event the run recorded, in the order of {@link SimEvent.Kind}. */
  private static Set<SimEvent.Kind> kinds(Recording run) {
    Set<SimEvent.Kind> kinds = EnumSet.noneOf(SimEvent.Kind.class);
    run.events().forEach(e -> kinds.add(e.kind()));
    return kinds;
  }

  /** One colour per kind, the same in every run: the chart's points and the table's tags. */
  private static String colour(SimEvent.Kind kind) {
    return switch (kind) {
      case PHASE -> "#4b5563";
      case FAULT -> "#991b1b";
      case CONNECT -> "#15803d";
      case CONNECT_FAILURE -> "#c2410c";
      case CHECKOUT -> "#64748b";
      case CHECKIN -> "#94a3b8";
      case CLOSE -> "#0e7490";
      case INVALID -> "#a16207";
      case EXHAUSTED -> "#d97706";
      case TIMEOUT -> "#dc2626";
      case LEAK -> "#7e22ce";
      case FAILURE -> "#be185d";
      case HEALTH -> "#2563eb";
      case RESIZE -> "#0f766e";
      case EXCLUDED -> "#78350f";
      case READMITTED -> "#4d7c0f";
      case FALLBACK -> "#b45309";
      case WRITER -> "#4338ca";
      case BREAKER -> "#a21caf";
    };
  }

  /**
   * A JSON string, or {@code null} for null. Besides what JSON requires, {@code <}, {@code >}
   * and {@code &} are escaped, so no text can end the {@code <script>} element that holds the
   * data or start markup.
   */
  private static String json(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** A JSON number: whole numbers without a fraction, {@code null} for NaN and infinities. */
  private static String json(double value) {
    if (!Double.isFinite(value)) {
      return "null";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  /** Text for HTML content and quoted attribute values. */
  private static String html(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** An id attribute's value from a scenario name: lower-case letters, digits and dashes. */
  private static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }

  /** Two significant digits for a bar label: the buckets' bounds are 2^k - 1 ns. */
  private static String rounded(double millis) {
    return BigDecimal.valueOf(millis).round(new MathContext(2)).stripTrailingZeros()
        .toPlainString();
  }

  private static String script(String body) {
    return "<script>//<![CDATA[\n" + body + "\n//]]></script>\n";
  }

  private static String chartJsVersion() {
    Properties versions = new Properties();
    try (InputStream in = HtmlReport.class.getResourceAsStream(VERSIONS)) {
      if (in == null) {
        throw new IllegalStateException(VERSIONS + " is not on the classpath");
      }
      versions.load(in);
      return versions.getProperty("chartjs.version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + VERSIONS, e);
    }
  }

  /**
   * Chart.js's UMD bundle from its WebJar. It goes into the page as it is, so it must hold
   * nothing that would end its script element or CDATA section early, or make a browser
   * read the element's end differently ({@code <!--} before a {@code <script}).
   */
  private static String chartJs(String version) {
    String path = "/META-INF/resources/webjars/chart.js/" + version + "/dist/chart.umd.min.js";
    try (InputStream in = HtmlReport.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Chart.js is not on the classpath at " + path);
      }
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String bad : List.of("</script", "]]>", "<!--")) {
        if (script.toLowerCase(Locale.ROOT).contains(bad)) {
          throw new IllegalStateException("Chart.js " + version + " contains '" + bad
              + "' and cannot be inlined as it is");
        }
      }
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static final String CSS = """
      :root{color-scheme:light}
      body{margin:0;background:#f6f7f9;color:#1f2937;\
      font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
      main{max-width:78rem;margin:0 auto;padding:1.5rem 2rem 3rem}
      h1{font-size:1.6rem;margin:0 0 1rem}
      h2{font-size:1.3rem;margin:0 0 .2rem}
      h3{font-size:1rem;margin:1.6rem 0 .5rem;color:#374151}
      code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;\
      background:#eef1f5;padding:0 .3em;border-radius:3px}
      nav.toc,section.run{background:#fff;border:1px solid #e3e6ea;border-radius:8px;\
      padding:1.25rem 2rem 1.5rem;margin:0 0 1.5rem}
      nav.toc ol{margin:.5rem 0 0;padding-left:1.5rem}
      nav.toc li{margin:.15rem 0}
      a{color:#1d4ed8;text-decoration:none}
      a:hover{text-decoration:underline}
      .meta{color:#6b7280;margin:0 0 .5rem}
      .meta span+span::before{content:"·";margin:0 .6em}
      .tables{display:grid;grid-template-columns:minmax(16rem,2fr) 3fr;gap:2.5rem;\
      align-items:start}
      table{border-collapse:collapse;width:100%;font-size:.9rem}
      th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #e9ecef;\
      vertical-align:top}
      th{color:#6b7280;font-weight:600;background:#fff}
      td:first-child{white-space:nowrap}
      .none{color:#9ca3af;font-style:italic}
      .lesson{background:#eff6ff;border-left:4px solid #2563eb;padding:.75rem 1rem;\
      margin:1.5rem 0 0}
      .chart{position:relative;height:18rem}
      .chart.tall{height:22rem}
      .pair{display:grid;grid-template-columns:1fr 1fr;gap:2.5rem}
      .scroll{max-height:24rem;overflow:auto;border:1px solid #e9ecef;border-radius:4px}
      .scroll th{position:sticky;top:0}
      .tag{display:inline-block;min-width:6.5em;text-align:center;color:#fff;\
      border-radius:3px;padding:0 .4em;font-size:.78rem;font-weight:600}
      footer{color:#9ca3af;font-size:.8rem}
      @media (max-width:60rem){.tables,.pair{grid-template-columns:1fr}}
      """;

  /** The page's script: draws each run's four charts from its JSON block. */
  private static final String DRAW = """
      (() => {
        'use strict';
        Chart.defaults.animation = false;
        Chart.defaults.maintainAspectRatio = false;
        Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
        Chart.defaults.color = '#374151';
        const axis = (title, more) => Object.assign({title: {display: true, text: title}}, more);
        const count = (title) => axis(title, {beginAtZero: true, ticks: {precision: 0}});
        const powerOfTen = v => {
          const exponent = Math.log10(v);
          return v >= 1 && Math.abs(exponent - Math.round(exponent)) < 1e-9;
        };
        const side = (scale, position, colour) => {
          Object.assign(scale, {position: position, grid: {drawOnChartArea: position === 'left'}});
          scale.title.color = colour;
          scale.ticks.color = colour;
          return scale;
        };
        // both timelines span the whole run, no tick at the odd end (it would crowd the last),
        // and their y axes are equally wide, so a second is at the same place in both
        const gutter = scale => Object.assign(scale, {afterFit: s => { s.width = 96; }});
        const time = (run) => axis('seconds since start', {type: 'linear', min: 0,
          max: Math.max(1, Math.ceil(run.seconds)), ticks: {includeBounds: false}});
        const line = (run, key, colour, dash) => ({
          label: key, borderColor: colour, backgroundColor: colour, borderWidth: 2,
          borderDash: dash || [], pointRadius: 0, pointHoverRadius: 3,
          data: run.samples.map(s => ({x: s.second, y: s[key]}))});
        document.querySelectorAll('script[data-run]').forEach(block => {
          const id = block.getAttribute('data-run');
          const run = JSON.parse(block.textContent);
          const canvas = name => document.getElementById(id + '-' + name);
          new Chart(canvas('pool'), {
            type: 'line',
            data: {datasets: [line(run, 'active', '#2563eb'), line(run, 'idle', '#16a34a'),
              line(run, 'waiting', '#d97706'), line(run, 'overflow', '#dc2626'),
              line(run, 'maxSize', '#6b7280', [6, 4])]},
            options: {
              interaction: {mode: 'index', intersect: false},
              plugins: {
                legend: {labels: {usePointStyle: true, pointStyle: 'line'}},
                tooltip: {callbacks: {
                  title: items => items[0].parsed.x + ' s',
                  footer: items => {
                    const s = run.samples[items[0].dataIndex];
                    return s.clients + ' clients, ' + s.total + ' open, health ' + s.health;
                  }}}},
              scales: {x: time(run), y: gutter(count('connections / clients'))}}});
          new Chart(canvas('events'), {
            type: 'scatter',
            data: {datasets: run.kinds.map(k => ({
              label: k.tag, backgroundColor: k.colour, borderColor: k.colour,
              pointRadius: 5, pointHoverRadius: 7, clip: false,
              data: run.events.filter(e => e.tag === k.tag)
                  .map(e => ({x: e.second, y: e.tag, message: e.message}))}))},
            options: {
              plugins: {legend: {display: false}, tooltip: {callbacks: {
                label: item => item.raw.x.toFixed(1) + ' s  ' + item.raw.y + '  '
                    + item.raw.message}}},
              scales: {x: time(run),
                y: gutter({type: 'category', labels: run.kinds.map(k => k.tag), offset: true})}}});
          new Chart(canvas('waits'), {
            type: 'bar',
            data: {labels: run.waits.map(w => w.label), datasets: [{label: 'borrows',
              backgroundColor: '#2563eb', data: run.waits.map(w => w.borrows)}]},
            options: {
              plugins: {legend: {display: false}},
              // log scale: the slow tail is a few borrows beside thousands of fast ones
              scales: {x: axis('acquire wait'),
                y: axis('borrows (log scale)', {type: 'logarithmic', min: 0.5,
                  ticks: {callback: v => powerOfTen(v) ? v.toLocaleString('en') : ''}})}}});
          new Chart(canvas('clients'), {
            type: 'bar',
            data: {labels: run.clients.map(c => '#' + c.client), datasets: [
              {label: 'requests', backgroundColor: '#2563eb', order: 1,
                data: run.clients.map(c => c.requests)},
              // order 0: drawn over the bars
              {label: 'failures', type: 'line', showLine: false, yAxisID: 'failures', order: 0,
                pointStyle: 'rectRot', pointRadius: 6, pointHoverRadius: 8, clip: false,
                backgroundColor: '#dc2626', borderColor: '#dc2626',
                data: run.clients.map(c => c.failures)}]},
            options: {
              interaction: {mode: 'index', intersect: false},
              plugins: {
                // in dataset order, which the points' drawing order would turn round
                legend: {reverse: true, labels: {usePointStyle: true}},
                tooltip: {callbacks: {footer: items => 'waited '
                    + Math.round(run.clients[items[0].dataIndex].waitMillis) + ' ms'}}},
              // failures as points on an axis of their own: beside hundreds of requests, bars of
              // a few failures would not show
              scales: {x: axis('client'), y: side(count('requests'), 'left', '#2563eb'),
                failures: side(axis('failures', {beginAtZero: true, grace: '10%',
                  ticks: {precision: 0}}), 'right', '#dc2626')}}});
        });
      })();""";
}
