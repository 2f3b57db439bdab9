package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The report page is read back with the JDK's XML parser. That works on the page as written:
 * HtmlReport closes every element, quotes every attribute and wraps both scripts (the inlined
 * Chart.js and the drawing code) in CDATA sections behind JavaScript comments, and the JSON
 * blocks escape {@code <}, {@code >} and {@code &}. So the parse checks the page's structure
 * and its escaping at once, with nothing stripped first.
 */
class HtmlReportTest {

  /** Markup, an entity's start, a quote, a backslash and a tab, all of which must stay text. */
  private static final String HOSTILE = "pool said </script><b>hi</b> & left \"x\" \\ \t.";

  @Test
  void pageIsWellFormedAndHoldsTheRunsData() throws Exception {
    // Arrange
    Recording run = recording("exhaustion", "Exhaustion: more clients than connections");

    // Act
    String page = HtmlReport.render(List.of(run));

    // Assert
    Document doc = parse(page);
    assertThat(text(doc, "//section/h2")).isEqualTo(run.title());
    assertThat(text(doc, "//section//p[@class='meta']"))
        .contains("exhaustion", "SQLite (embedded)", "2026-03-01 12:00:00 UTC", "12.5 s");
    assertThat(text(doc, "//section//p[@class='lesson']")).isEqualTo(run.lesson());
    assertThat(cells(doc, "Settings")).containsExactly("maxSize", "4", "url", "a&b");
    assertThat(cells(doc, "Summary")).containsExactly(
        "Acquire timeouts", "3", "clients gave up after 250 ms",
        "Borrows", "1,204", "");
    // the hostile message is text in the table, not markup
    assertThat(cells(doc, "All events (3)")).containsExactly(
        "0.0 s", "PHASE", "load starts",
        "1.5 s", "TIMEOUT", "client 3 gave up",
        "2.0 s", "FAILED", HOSTILE);
    assertThat(nodes(doc, "//b").getLength()).isZero();
    assertThat(nodes(doc, "//canvas").getLength()).isEqualTo(4);

    Map<String, Object> data = data(doc).get(0);
    assertThat(data).containsEntry("scenario", "exhaustion").containsEntry("seconds", 12.5);
    assertThat(data.get("samples")).isEqualTo(List.of(
        Map.ofEntries(Map.entry("second", 0.0), Map.entry("clients", 6.0),
            Map.entry("total", 2.0), Map.entry("active", 1.0), Map.entry("idle", 1.0),
            Map.entry("waiting", 0.0), Map.entry("overflow", 0.0), Map.entry("maxSize", 4.0),
            Map.entry("acquired", 10.0), Map.entry("timeouts", 0.0),
            Map.entry("failures", 0.0), Map.entry("waitP99Millis", 0.25),
            Map.entry("holdP99Millis", 3.0), Map.entry("health", "UP")),
        Map.ofEntries(Map.entry("second", 1.0), Map.entry("clients", 6.0),
            Map.entry("total", 5.0), Map.entry("active", 4.0), Map.entry("idle", 0.0),
            Map.entry("waiting", 2.0), Map.entry("overflow", 1.0), Map.entry("maxSize", 4.0),
            Map.entry("acquired", 52.0), Map.entry("timeouts", 3.0),
            Map.entry("failures", 1.0), Map.entry("waitP99Millis", 250.5),
            Map.entry("holdP99Millis", 40.0), Map.entry("health", "DEGRADED"))));
    assertThat(data.get("waits")).isEqualTo(List.of(
        Map.of("label", "≤ 1 ms", "upToMillis", 1.0, "borrows", 40.0),
        Map.of("label", "≤ 2.5 ms", "upToMillis", 2.5, "borrows", 9.0),
        Map.of("label", "> 2.5 ms", "borrows", 3.0)));
    assertThat(data.get("clients")).isEqualTo(List.of(
        Map.of("client", 1.0, "requests", 30.0, "failures", 0.0, "waitMillis", 12.5),
        Map.of("client", 2.0, "requests", 22.0, "failures", 1.0, "waitMillis", 300.0)));
    assertThat(data.get("kinds")).isEqualTo(List.of(
        Map.of("tag", "PHASE", "colour", "#4b5563"),
        Map.of("tag", "TIMEOUT", "colour", "#dc2626"),
        Map.of("tag", "FAILED", "colour", "#be185d")));
    assertThat(data.get("events")).isEqualTo(List.of(
        Map.of("second", 0.0, "tag", "PHASE", "message", "load starts"),
        Map.of("second", 1.5, "tag", "TIMEOUT", "message", "client 3 gave up"),
        Map.of("second", 2.0, "tag", "FAILED", "message", HOSTILE)));
  }

  @Test
  void dataBlockEscapesWhatWouldEndTheScript() {
    // Act
    String page = HtmlReport.render(List.of(recording("exhaustion", "Exhaustion")));

    // Assert
    assertThat(page).contains("pool said \\u003c/script\\u003e\\u003cb\\u003ehi")
        .doesNotContain("</script><b>")
        .contains("a&amp;b");
  }

  @Test
  void chartJsIsInlinedAndNothingIsFetched() throws Exception {
    // Act
    String page = HtmlReport.render(List.of(recording("exhaustion", "Exhaustion")));

    // Assert
    Document doc = parse(page);
    assertThat(page).contains("Chart.js v4").contains("new Chart(canvas('pool')")
        .containsPattern("Chart.defaults.animation = false");
    assertThat(nodes(doc, "//script[@src] | //link | //img | //iframe").getLength()).isZero();
    assertThat(page).doesNotContainPattern("(?i)src\\s*=\\s*[\"']?https?:");
    assertThat(text(doc, "//style")).doesNotContain("@import").doesNotContain("url(");
  }

  @Test
  void severalRunsGetASectionEachAndAContentsList() throws Exception {
    // Arrange
    List<Recording> runs = List.of(recording("exhaustion", "Exhaustion"),
        recording("leak", "Leak detection"));

    // Act
    Document doc = parse(HtmlReport.render(runs));

    // Assert
    NodeList sections = nodes(doc, "//section[@class='run']");
    assertThat(sections.getLength()).isEqualTo(2);
    List<String> ids = List.of(attribute(sections.item(0), "id"),
        attribute(sections.item(1), "id"));
    assertThat(ids).containsExactly("run-1-exhaustion", "run-2-leak");
    NodeList links = nodes(doc, "//nav//a");
    assertThat(List.of(attribute(links.item(0), "href"), attribute(links.item(1), "href")))
        .containsExactly("#run-1-exhaustion", "#run-2-leak");
    assertThat(text(doc, "//nav")).contains("Exhaustion", "Leak detection");
    assertThat(data(doc)).extracting(d -> d.get("scenario")).containsExactly("exhaustion", "leak");
    assertThat(nodes(doc, "//canvas").getLength()).isEqualTo(8);
  }

  @Test
  void oneRunHasNoContentsList() throws Exception {
    // Act
    Document doc = parse(HtmlReport.render(List.of(recording("exhaustion", "Exhaustion"))));

    // Assert
    assertThat(nodes(doc, "//nav").getLength()).isZero();
  }

  @Test
  void runWithoutDataStillHasItsChartsAndEmptyData() throws Exception {
    // Arrange
    Recording empty = new Recording("idle", "Nothing happens", "SQLite (embedded)", Map.of(),
        Instant.parse("2026-03-01T12:00:00Z"), 0, List.of(), List.of(), List.of(), List.of(),
        List.of(), "");

    // Act
    Document doc = parse(HtmlReport.render(List.of(empty)));

    // Assert
    assertThat(nodes(doc, "//canvas").getLength()).isEqualTo(4);
    assertThat(nodes(doc, "//p[@class='lesson']").getLength()).isZero();
    assertThat(data(doc).get(0)).containsEntry("samples", List.of())
        .containsEntry("events", List.of()).containsEntry("kinds", List.of())
        .containsEntry("waits", List.of()).containsEntry("clients", List.of());
  }

  @Test
  void noRunsIsAnError() {
    assertThatThrownBy(() -> HtmlReport.render(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs");
  }

  @Test
  void writeCreatesTheDirectoriesAndTheFile(@TempDir Path dir) throws Exception {
    // Arrange
    List<Recording> runs = List.of(recording("exhaustion", "Exhaustion"));
    Path file = dir.resolve("reports/today/report.html");

    // Act
    HtmlReport.write(runs, file);

    // Assert
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(HtmlReport.render(runs));
  }

  private static Recording recording(String scenario, String title) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("maxSize", "4");
    settings.put("url", "a&b");
    return new Recording(scenario, title, "SQLite (embedded)", settings,
        Instant.parse("2026-03-01T12:00:00Z"), 12.5,
        List.of(new Sample(0, 6, 2, 1, 1, 0, 0, 4, 10, 0, 0, 0.25, 3, "UP"),
            new Sample(1, 6, 5, 4, 0, 2, 1, 4, 52, 3, 1, 250.5, 40, "DEGRADED")),
        List.of(new SimEvent(0, SimEvent.Kind.PHASE, "load starts"),
            new SimEvent(1.5, SimEvent.Kind.TIMEOUT, "client 3 gave up"),
            new SimEvent(2, SimEvent.Kind.FAILURE, HOSTILE)),
        List.of(new ClientTally(1, 30, 0, 12.5), new ClientTally(2, 22, 1, 300)),
        List.of(new WaitBucket(1, 40), new WaitBucket(2.5, 9),
            new WaitBucket(Double.POSITIVE_INFINITY, 3)),
        List.of(new Finding("timeouts", "Acquire timeouts", 3, "3",
                "clients gave up after 250 ms"),
            new Finding("acquired", "Borrows", 1204, "1,204", "")),
        "Six clients shared four connections; three gave up.");
  }

  private static Document parse(String page) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setExpandEntityReferences(false);
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
  }

  private static NodeList nodes(Document doc, String xpath) throws Exception {
    XPath path = XPathFactory.newInstance().newXPath();
    return (NodeList) path.evaluate(xpath, doc, XPathConstants.NODESET);
  }

  private static String text(Document doc, String xpath) throws Exception {
    NodeList found = nodes(doc, xpath);
    assertThat(found.getLength()).as(xpath).isEqualTo(1);
    return found.item(0).getTextContent();
  }

  private static String attribute(Node node, String name) {
    return node.getAttributes().getNamedItem(name).getNodeValue();
  }

  /** The cells, row by row, of the table under the heading with this text. */
  private static List<String> cells(Document doc, String heading) throws Exception {
    NodeList cells = nodes(doc, "//h3[.='" + heading + "']/following-sibling::*[1]//td");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < cells.getLength(); i++) {
      out.add(cells.item(i).getTextContent());
    }
    return out;
  }

  /** Each run's JSON block, parsed. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> data(Document doc) throws Exception {
    NodeList blocks = nodes(doc, "//script[@type='application/json']");
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < blocks.getLength(); i++) {
      out.add((Map<String, Object>) new JsonReader(blocks.item(i).getTextContent()).read());
    }
    return out;
  }

  /**
   * Just enough JSON for the data blocks: objects, arrays, strings with all escapes, numbers
   * (as doubles) and null. No JSON library is on pool-examples' class path, and a strict reader
   * is what shows the page's escaping is right.
   */
  private static final class JsonReader {
    private final String text;
    private int at;

    JsonReader(String text) {
      this.text = text;
    }

    Object read() {
      Object value = value();
      skipSpace();
      assertThat(at).as("trailing text in %s", text).isEqualTo(text.length());
      return value;
    }

    private Object value() {
      skipSpace();
      char c = text.charAt(at);
      if (c == '{') {
        Map<String, Object> object = new LinkedHashMap<>();
        at++;
        if (!consume('}')) {
          do {
            skipSpace();
            String key = string();
            expect(':');
            Object value = value();
            if (value != null) { // the tests compare with Map.of, which holds no nulls
              object.put(key, value);
            }
          } while (consume(','));
          expect('}');
        }
        return object;
      }
      if (c == '[') {
        List<Object> array = new ArrayList<>();
        at++;
        if (!consume(']')) {
          do {
            array.add(value());
          } while (consume(','));
          expect(']');
        }
        return array;
      }
      if (c == '"') {
        return string();
      }
      if (text.startsWith("null", at)) {
        at += 4;
        return null;
      }
      int start = at;
      while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      assertThat(at).as("a value at %d in %s", start, text).isGreaterThan(start);
      return Double.parseDouble(text.substring(start, at));
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      for (char c = text.charAt(at++); c != '"'; c = text.charAt(at++)) {
        assertThat(c).as("raw control character in a string").isGreaterThanOrEqualTo(' ');
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char escape = text.charAt(at++);
        switch (escape) {
          case '"', '\\', '/' -> out.append(escape);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> throw new AssertionError("bad escape \\" + escape + " in " + text);
        }
      }
      return out.toString();
    }

    private boolean consume(char c) {
      skipSpace();
      if (at < text.length() && text.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      assertThat(consume(c)).as("'%s' at %d in %s", c, at, text).isTrue();
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }
  }
}
