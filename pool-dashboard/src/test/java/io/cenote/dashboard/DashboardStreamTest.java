package io.cenote.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/events} over real HTTP: events in number order, stats, resuming. */
class DashboardStreamTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "stream-token";

  @TempDir
  Path dir;

  private Fleet fleet;
  private Dashboard dashboard;
  private Http http;

  private void start(String token) {
    fleet = new Fleet(dir);
    Dashboard.Builder b = Dashboard.builder(fleet.manager).port(0).events(fleet.events);
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

  /** Opens a stream as {@code EventSource} does, with {@code Accept: text/event-stream}. */
  private SseReader open(String path, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Accept";
    all[1] = "text/event-stream";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return new SseReader(http, http.request("GET", path, null, all));
  }

  private static JsonNode json(String data) {
    try {
      return JSON.readTree(data);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + data, e);
    }
  }

  private long newest() {
    var recent = fleet.events.recent();
    return recent.isEmpty() ? 0 : recent.get(recent.size() - 1).seq();
  }

  @Test
  void retainedThenLiveEventsArriveInNumberOrder() {
    start(null);
    fleet.events.publish("sim", "scenario", "before the client");
    long retained = newest();

    try (SseReader sse = open("/api/events")) {
      assertThat(sse.status()).isEqualTo(200);
      assertThat(sse.contentType()).startsWith("text/event-stream");
      for (long seq = 1; seq <= retained; seq++) {
        SseReader.Message m = sse.next("pool-event");
        assertThat(m.id()).isEqualTo(Long.toString(seq));
        assertThat(json(m.data()).get("seq").asLong()).isEqualTo(seq);
      }
      fleet.events.publish("sim", "scenario", "live one");
      fleet.events.publish("sim", "fault", "live two");

      SseReader.Message one = sse.next("pool-event");
      SseReader.Message two = sse.next("pool-event");

      assertThat(one.id()).isEqualTo(Long.toString(retained + 1));
      JsonNode event = json(two.data());
      assertThat(event.get("seq").asLong()).isEqualTo(retained + 2);
      assertThat(event.get("source").asText()).isEqualTo("sim");
      assertThat(event.get("kind").asText()).isEqualTo("fault");
      assertThat(event.get("message").asText()).isEqualTo("live two");
      assertThat(event.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }
  }

  @Test
  void aStatsMessageCarriesPoolsClustersAndScenarios() {
    start(null);

    try (SseReader sse = open("/api/events")) {
      dashboard.sampleNow();
      SseReader.Message stats = sse.next("stats");

      assertThat(stats.id()).isNull();
      JsonNode body = json(stats.data());
      assertThat(body.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      assertThat(body.get("pools")).extracting(p -> p.get("name").asText())
          .containsExactly(Fleet.POOL, Fleet.PRIMARY, Fleet.REPLICA);
      assertThat(body.get("clusters").get(0).get("name").asText()).isEqualTo(Fleet.CLUSTER);
      assertThat(body.get("scenarios").isArray()).isTrue();
      assertThat(stats.data()).doesNotContain("jdbc:", Fleet.PASSWORD, Fleet.USER);
    }
  }

  @Test
  void lastEventIdResumesAfterThatEvent() {
    start(null);
    for (int i = 0; i < 3; i++) {
      fleet.events.publish("sim", "scenario", "step " + i);
    }
    long last = newest();

    try (SseReader sse = open("/api/events", "Last-Event-ID", Long.toString(last - 1))) {
      SseReader.Message first = sse.next("pool-event");
      fleet.events.publish("sim", "scenario", "live");
      SseReader.Message second = sse.next("pool-event");

      assertThat(first.id()).isEqualTo(Long.toString(last));
      assertThat(json(first.data()).get("message").asText()).isEqualTo("step 2");
      assertThat(second.id()).isEqualTo(Long.toString(last + 1));
    }
  }

  @Test
  void aClientThatDoesNotAcceptAnEventStreamIs406() {
    start(null);

    var r = http.get("/api/events");

    assertThat(r.statusCode()).isEqualTo(406);
    assertThat(Http.json(r).get("error").asText()).contains("Accept: text/event-stream");
  }

  @Test
  void withATokenTheStreamTakesItAsQueryParameter() {
    start(TOKEN);

    String after = Long.toString(newest());
    try (SseReader refused = open("/api/events");
         SseReader sse = open("/api/events?token=" + TOKEN, "Last-Event-ID", after)) {
      assertThat(refused.status()).isEqualTo(401);
      assertThat(sse.status()).isEqualTo(200);
      fleet.events.publish("sim", "scenario", "for token holders");
      assertThat(sse.next("pool-event").data()).contains("for token holders");
    }
  }
}
