package io.cenote.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token and same-origin rules, and the body limits, over real HTTP. */
class DashboardSecurityTest {

  private static final String TOKEN = "s3cret-token";
  private static final String SUSPEND = "/api/pools/" + Fleet.POOL + "/suspend";
  private static final String SIZE = "/api/pools/" + Fleet.POOL + "/size";

  @TempDir
  Path dir;

  private Fleet fleet;
  private Dashboard dashboard;
  private Http http;

  private void start(String token) {
    fleet = new Fleet(dir);
    Dashboard.Builder b = Dashboard.builder(fleet.manager).port(0);
    if (token != null) {
      b.token(token);
    }
    dashboard = b.build();
    dashboard.start();
    http = new Http(dashboard.url());
  }

  @AfterEach
  void stop() {
    dashboard.close();
    fleet.close();
  }

  // ------------------------------------------------------------------ with a token

  @Test
  void apiRequestsWithoutTheTokenAre401() {
    start(TOKEN);

    HttpResponse<String> get = http.get("/api/pools");
    HttpResponse<String> wrong = http.get("/api/pools", "Authorization", "Bearer nope");
    HttpResponse<String> post = http.post(SUSPEND);

    assertThat(get.statusCode()).isEqualTo(401);
    assertThat(get.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Bearer"));
    assertThat(Http.json(get).get("error").asText()).isEqualTo("missing or wrong token");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(post.statusCode()).isEqualTo(401);
    assertThat(fleet.manager.control(Fleet.POOL).stats().suspended()).isFalse();
  }

  @Test
  void theBearerTokenOpensEveryRequest() {
    start(TOKEN);

    HttpResponse<String> get = http.get("/api/pools", "Authorization", "Bearer " + TOKEN);
    HttpResponse<String> post = http.post(SUSPEND, "Authorization", "Bearer " + TOKEN);

    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(fleet.manager.control(Fleet.POOL).stats().suspended()).isTrue();
  }

  @Test
  void aGetMayCarryTheTokenAsQueryParameterButAPostMayNot() {
    start(TOKEN);

    HttpResponse<String> get = http.get("/api/health?token=" + TOKEN);
    HttpResponse<String> post = http.post(SUSPEND + "?token=" + TOKEN);

    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(post.statusCode()).isEqualTo(401);
  }

  @Test
  void thePageAndItsAssetsNeedNoToken() {
    start(TOKEN);

    assertThat(http.get("/").statusCode()).isEqualTo(200);
    assertThat(http.get("/assets/chart.umd.js").statusCode()).isEqualTo(200);
  }

  @Test
  void withATokenTheOriginIsNotChecked() {
    start(TOKEN);

    HttpResponse<String> r = http.post(SUSPEND, "Authorization", "Bearer " + TOKEN,
        "Origin", "http://elsewhere.example");

    assertThat(r.statusCode()).isEqualTo(200);
  }
  // ------------------------------------------------------------------ without a token

  private String own() {
  return "http://127.0.0.1:" + dashboard.url().getPort();
  }

  @Test
  void aStateChangeFromAnotherOriginIs403() {
    start(null);

    HttpResponse<String> r = http.post(SUSPEND, "Origin", "http://elsewhere.example");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(Http.json(r).get("error").asText()).isEqualTo("cross-origin request refused");
    assertThat(fleet.manager.control(Fleet.POOL).stats().suspended()).isFalse();
  }

  @Test
  void aStateChangeFromTheOwnOriginPasses() {
    start(null);

    assertThat(http.post(SUSPEND, "Origin", own()).statusCode()).isEqualTo(200);
  }

  @Test
  void secFetchSiteMustBeSameOriginOrNone() {
    start(null);

    assertThat(http.post(SUSPEND, "Sec-Fetch-Site", "cross-site").statusCode())
        .isEqualTo(403);
    assertThat(http.post(SUSPEND, "Sec-Fetch-Site", "same-site").statusCode())
        .isEqualTo(403);
    assertThat(http.post(SUSPEND, "Sec-Fetch-Site", "same-origin").statusCode())
        .isEqualTo(200);
    assertThat(http.post(SUSPEND, "Sec-Fetch-Site", "none").statusCode()).isEqualTo(200);
  }

  @Test
  void withoutOriginAndSecFetchSiteAForeignRefererIs403() {
    start(null);

    assertThat(http.post(SUSPEND, "Referer", "http://elsewhere.example/page").statusCode())
        .isEqualTo(403);
    assertThat(http.post(SUSPEND, "Referer", own() + "/").statusCode()).isEqualTo(200);
    assertThat(http.post(SUSPEND).statusCode()).isEqualTo(200);
  }

  @Test
  void theOriginRulesApplyToPutAndDeleteToo() {
    start(null);

    HttpResponse<String> put = http.putJson(SIZE,
        "{\"minIdle\":1,\"maxSize\":3,\"maxOverflow\":0}", "Origin", "http://elsewhere.example");
    HttpResponse<String> delete = http.delete("/api/scenarios/x", "Origin",
        "http://elsewhere.example");

    assertThat(put.statusCode()).isEqualTo(403);
    assertThat(delete.statusCode()).isEqualTo(403);
    assertThat(fleet.manager.control(Fleet.POOL).maxSize()).isEqualTo(2);
  }

  @Test
  void readsAreNotOriginChecked() {
    start(null);

    assertThat(http.get("/api/pools", "Origin", "http://elsewhere.example").statusCode())
        .isEqualTo(200);
  }

  @Test
  void aBodyOver16KibIs413WithOrWithoutALength() {
    start(null);
    String big = "{\"minIdle\":1,\"maxSize\":3,\"maxOverflow\":0,\"pad\":\""
        + "x".repeat(17 * 1024) + "\"}";

    HttpResponse<String> withLength = http.putJson(SIZE, big);
    HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(
            dashboard.url().resolve(SIZE)).timeout(Http.TIMEOUT)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofInputStream(
            () -> new ByteArrayInputStream(big.getBytes())))
        .build());

    assertThat(withLength.statusCode()).isEqualTo(413);
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(fleet.manager.control(Fleet.POOL).maxSize()).isEqualTo(2);
  }

  @Test
  void aPutBodyThatIsNotJsonIs415() {
    start(null);

    HttpResponse<String> text = http.send(http.request("PUT", SIZE,
        "{\"minIdle\":1,\"maxSize\":3,\"maxOverflow\":0}", "Content-Type", "text/plain"));
    HttpResponse<String> none = http.send(http.request("PUT", SIZE,
        "{\"minIdle\":1,\"maxSize\":3,\"maxOverflow\":0}"));

    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(none.statusCode()).isEqualTo(415);
    assertThat(fleet.manager.control(Fleet.POOL).maxSize()).isEqualTo(2);
  }
}
