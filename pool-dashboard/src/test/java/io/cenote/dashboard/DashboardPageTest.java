package io.cenote.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's files: {@code /} and {@code /assets/*} from the web resources, Chart.js from its
 * WebJar, nothing else.
 */
class DashboardPageTest {

  @TempDir
  Path dir;

  private Fleet fleet;
  private Dashboard dashboard;
  private Http http;

  @BeforeEach
  void start() {
    fleet = new Fleet(dir);
    dashboard = Dashboard.builder(fleet.manager).port(0).build();
    dashboard.start();
    http = new Http(dashboard.url());
  }

  @AfterEach
  void stop() {
    dashboard.close();
    fleet.close();
  }

  @Test
  void theRootServesIndexHtml() {
    HttpResponse<String> r = http.get("/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
        .isEqualTo("text/html;charset=utf-8");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(r.body()).contains("<html", "/assets/app.js", "/assets/app.css",
        "/assets/chart.umd.js");
    assertThat(http.get("/assets/app.js").statusCode()).isEqualTo(200);
    assertThat(http.get("/assets/app.css").statusCode()).isEqualTo(200);
  }

  @Test
  void chartJsComesFromTheWebJar() {
    HttpResponse<String> r = http.get("/assets/chart.umd.js");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
        .isEqualTo("text/javascript;charset=utf-8");
    assertThat(r.body()).contains("Chart.js v4.5.1");
  }

  @Test
  void onlyPlainFilesOfKnownTypesAreServed() {
    assertThat(http.get("/assets/missing.js").statusCode()).isEqualTo(404);
    assertThat(http.get("/assets/.gitkeep").statusCode()).isEqualTo(404);
    assertThat(http.get("/assets/..%2Finternal%2Fversions.properties").statusCode())
        .isEqualTo(404);
    assertThat(http.get("/assets/index.properties").statusCode()).isEqualTo(404);
    assertThat(http.get("/assets/index.html").statusCode()).isEqualTo(200);
  }
}
