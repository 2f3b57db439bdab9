package io.cenote.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cenote.pool.ConnectionPool;
import io.cenote.pool.PoolConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios through the API, and the pools they open shown beside the manager's. */
class DashboardScenarioTest {

  @TempDir
  Path dir;

  private final FakeScenarios scenarios = new FakeScenarios("saturation", "leak");
  private Fleet fleet;
  private Dashboard dashboard;
  private Http http;

  @BeforeEach
  void start() {
    fleet = new Fleet(dir);
    dashboard = Dashboard.builder(fleet.manager).port(0).events(fleet.events)
        .scenarios(scenarios).build();
    dashboard.start();
    http = new Http(dashboard.url());
  }

  @AfterEach
  void stop() {
    dashboard.close();
    fleet.close();
  }

  @Test
  void theEventHubIsHandedOverAtStart() {
    assertThat(scenarios.attached).isSameAs(fleet.events);
  }

  @Test
  void scenariosAreListedWithTheirStates() {
    HttpResponse<String> r = http.get("/api/scenarios");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode list = Http.json(r);
    assertThat(list).extracting(s -> s.get("name").asText()).containsExactly("saturation", "leak");
    assertThat(list.get(0).get("state").asText()).isEqualTo("idle");
    assertThat(list.get(0).get("startedAt").isNull()).isTrue();
    assertThat(list.get(0).get("summary").isNull()).isTrue();
  }

  @Test
  void startingIs202AndStartingAgainIs409() {
    HttpResponse<String> first = http.post("/api/scenarios/saturation");
    HttpResponse<String> again = http.post("/api/scenarios/saturation");

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(Http.json(first).get("state").asText()).isEqualTo("running");
    assertThat(Http.json(first).get("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(Http.json(again).get("error").asText()).contains("saturation");
    assertThat(fleet.events.recent()).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo("scenario");
      assertThat(e.source()).isEqualTo("saturation");
    });
  }

  @Test
  void stoppingIs200WithTheNewState() {
    http.post("/api/scenarios/leak");

    HttpResponse<String> r = http.delete("/api/scenarios/leak");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Http.json(r).get("state").asText()).isEqualTo("finished");
    assertThat(Http.json(r).get("summary").asText()).isEqualTo("what it taught");
  }

  @Test
  void anUnknownScenarioIs404() {
    assertThat(http.post("/api/scenarios/nope").statusCode()).isEqualTo(404);
    assertThat(http.delete("/api/scenarios/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void aScenariosPoolIsShownAndAClosedOneMakesHealthDown() {
    ConnectionPool pool = ConnectionPool.create(PoolConfig.builder().poolName("sim-pool")
        .jdbcUrl("jdbc:sqlite:" + dir.resolve("sim.db")).maxSize(1).registerMbean(false)
        .build());
    scenarios.pools.add(pool);

    JsonNode pools = Http.json(http.get("/api/pools"));
    JsonNode one = Http.json(http.get("/api/pools/sim-pool"));
    pool.close();
    HttpResponse<String> health = http.get("/api/health");

    assertThat(pools).extracting(p -> p.get("name").asText()).containsExactly("cache",
        "orders-primary", "orders-replica", "sim-pool");
    assertThat(one.get("role").asText()).isEqualTo("scenario");
    assertThat(one.get("cluster").isNull()).isTrue();
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(Http.json(health).get("status").asText()).isEqualTo("DOWN");
    assertThat(Http.json(health).get("shuttingDown").asBoolean()).isFalse();
  }
}
