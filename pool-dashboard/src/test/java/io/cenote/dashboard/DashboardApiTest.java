package io.cenote.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of the JSON API over real HTTP, against a dashboard on a free port over a real
 * {@code PoolManager} on SQLite (loopback, no token; state-changing requests carry no browser
 * headers, as from curl).
 */
class DashboardApiTest {

  @TempDir
  Path dir;

  private Fleet fleet;
  private Dashboard dashboard;
  private Http http;
  private final List<String> bodies = new ArrayList<>();

  @BeforeEach
  void start() {
    fleet = new Fleet(dir);
    dashboard = Dashboard.builder(fleet.manager).port(0).events(fleet.events)
        .replicas(fleet.replicas()).build();
    dashboard.start();
    http = new Http(dashboard.url());
  }

  @AfterEach
  void stop() {
    dashboard.close();
    fleet.close();
    // no answer of any test may carry the URL, the user name or the password
    assertThat(String.join("\n", bodies)).doesNotContain("jdbc:", Fleet.USER, Fleet.PASSWORD,
        dir.toString());
  }

  private HttpResponse<String> keep(HttpResponse<String> r) {
    bodies.add(r.body());
    return r;
  }

  @Test
  void poolsAreListedByNameWithTheirClusterAndRole() {
    HttpResponse<String> r = keep(http.get("/api/pools"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    JsonNode pools = Http.json(r);
    assertThat(pools).extracting(p -> p.get("name").asText())
        .containsExactly(Fleet.POOL, Fleet.PRIMARY, Fleet.REPLICA);
    assertThat(pools).extracting(p -> p.get("role").asText())
        .containsExactly("pool", "primary", "replica");
    assertThat(pools.get(0).get("cluster").isNull()).isTrue();
    assertThat(pools.get(1).get("cluster").asText()).isEqualTo(Fleet.CLUSTER);
  }

  @Test
  void aPoolViewHasEveryField() {
    JsonNode pool = Http.json(keep(http.get("/api/pools/" + Fleet.POOL)));

    assertThat(fieldNames(pool)).containsExactlyInAnyOrder("name", "cluster", "role", "total",
        "active", "idle", "waiting", "overflow", "maxSize", "minIdle", "maxOverflow", "acquired",
        "timeouts", "created", "destroyed", "waitP50Millis", "waitP99Millis", "holdP50Millis",
        "holdP99Millis", "hitRate", "utilisation", "suspended", "prePing", "health");
    assertThat(pool.get("maxSize").asInt()).isEqualTo(2);
    assertThat(pool.get("prePing").asBoolean()).isTrue();
    assertThat(pool.get("health").get("status").asText()).isIn("UP", "DEGRADED");
    assertThat(pool.get("health").get("alerts").isArray()).isTrue();
  }

  @Test
  void anUnknownPoolOrPathIs404WithAnErrorBody() {
    HttpResponse<String> pool = keep(http.get("/api/pools/nope"));
    HttpResponse<String> path = keep(http.get("/api/nothing-here"));

    assertThat(pool.statusCode()).isEqualTo(404);
    assertThat(Http.json(pool).get("error").asText()).contains("nope");
    assertThat(Http.json(pool).has("field")).isTrue();
    assertThat(path.statusCode()).isEqualTo(404);
    assertThat(Http.json(path).get("error").asText()).contains("/api/nothing-here");
  }

  @Test
  void aWrongMethodOnAKnownPathIs405NamingTheAllowedOnes() {
    HttpResponse<String> r = keep(http.post("/api/pools"));
    HttpResponse<String> put = keep(http.putJson("/api/pools/" + Fleet.POOL + "/suspend", "{}"));

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    assertThat(Http.json(r).get("error").asText()).contains("POST");
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void resizeChangesTheLivePool() {
    HttpResponse<String> r = keep(http.putJson("/api/pools/" + Fleet.POOL + "/size",
        "{\"minIdle\":0,\"maxSize\":5,\"maxOverflow\":2}"));

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode view = Http.json(r);
    assertThat(view.get("maxSize").asInt()).isEqualTo(5);
    assertThat(view.get("minIdle").asInt()).isEqualTo(0);
    assertThat(view.get("maxOverflow").asInt()).isEqualTo(2);
    assertThat(fleet.manager.control(Fleet.POOL).maxSize()).isEqualTo(5);
    assertThat(fleet.events.recent()).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo("resize");
      assertThat(e.source()).isEqualTo(Fleet.POOL);
    });
  }

  @Test
  void prePingSwitchesLiveAndIsShownInThePoolView() {
    HttpResponse<String> on = keep(http.putJson("/api/pools/" + Fleet.POOL + "/pre-ping",
        "{\"enabled\":true}"));

    assertThat(on.statusCode()).isEqualTo(200);
    assertThat(Http.json(on).get("prePing").asBoolean()).isTrue();
    assertThat(fleet.manager.control(Fleet.POOL).validateOnBorrow()).isTrue();

    HttpResponse<String> off = keep(http.putJson("/api/pools/" + Fleet.POOL + "/pre-ping",
        "{\"enabled\":false}"));

    assertThat(Http.json(off).get("prePing").asBoolean()).isFalse();
    assertThat(fleet.manager.control(Fleet.POOL).validateOnBorrow()).isFalse();
    assertThat(fleet.events.recent()).filteredOn(e -> e.kind().equals("pre_ping"))
        .extracting(e -> e.message()).containsExactly("pre-ping turned on from the dashboard",
            "pre-ping turned off from the dashboard");
  }

  @Test
  void aPrePingBodyWithoutABooleanIs400NamingTheField() {
    boolean before = fleet.manager.control(Fleet.POOL).validateOnBorrow();
    HttpResponse<String> missing = keep(http.putJson("/api/pools/" + Fleet.POOL + "/pre-ping",
        "{}"));
    HttpResponse<String> text = keep(http.putJson("/api/pools/" + Fleet.POOL + "/pre-ping",
        "{\"enabled\":\"yes\"}"));
    HttpResponse<String> unknown = keep(http.putJson("/api/pools/nope/pre-ping",
        "{\"enabled\":true}"));

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(Http.json(missing).get("error").asText()).isEqualTo("enabled is required");
    assertThat(Http.json(text).get("field").asText()).isEqualTo("enabled");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(fleet.manager.control(Fleet.POOL).validateOnBorrow()).isEqualTo(before);
  }

  @Test
  void aRejectedResizeIs400WithThePoolsOwnMessageAndTheFieldNamed() {
    HttpResponse<String> size = keep(http.putJson("/api/pools/" + Fleet.POOL + "/size",
        "{\"minIdle\":0,\"maxSize\":0,\"maxOverflow\":0}"));
    HttpResponse<String> min = keep(http.putJson("/api/pools/" + Fleet.POOL + "/size",
        "{\"minIdle\":9,\"maxSize\":3,\"maxOverflow\":0}"));
    HttpResponse<String> overflow = keep(http.putJson("/api/pools/" + Fleet.POOL + "/size",
        "{\"minIdle\":1,\"maxSize\":3,\"maxOverflow\":-1}"));

    assertThat(size.statusCode()).isEqualTo(400);
    assertThat(Http.json(size).get("error").asText()).isEqualTo("maxSize must be >= 1, but was 0");
    assertThat(Http.json(size).get("field").asText()).isEqualTo("maxSize");
    assertThat(Http.json(min).get("error").asText())
        .isEqualTo("minIdle must be <= maxSize (3), but was 9");
    assertThat(Http.json(min).get("field").asText()).isEqualTo("minIdle");
    assertThat(Http.json(overflow).get("field").asText()).isEqualTo("maxOverflow");
    assertThat(fleet.manager.control(Fleet.POOL).maxSize()).isEqualTo(2);
  }

  @Test
  void aResizeBodyMissingAFieldOrNotJsonIs400() {
    HttpResponse<String> missing = keep(http.putJson("/api/pools/" + Fleet.POOL + "/size",
        "{\"minIdle\":0,\"maxSize\":5}"));
    HttpResponse<String> text = keep(http.putJson("/api/pools/" + Fleet.POOL + "/size",
        "{\"minIdle\":\"one\",\"maxSize\":5,\"maxOverflow\":0}"));
    HttpResponse<String> broken = keep(http.putJson("/api/pools/" + Fleet.POOL + "/size",
        "{\"minIdle\":"));

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(Http.json(missing).get("error").asText()).isEqualTo("maxOverflow is required");
    assertThat(Http.json(missing).get("field").asText()).isEqualTo("maxOverflow");
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(Http.json(text).get("field").asText()).isEqualTo("minIdle");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(Http.json(broken).get("field").isNull()).isTrue();
  }

  @Test
  void suspendResumeAndEvictControlThePool() {
    HttpResponse<String> suspended = keep(http.post("/api/pools/" + Fleet.POOL + "/suspend"));
    boolean whileSuspended = fleet.manager.control(Fleet.POOL).stats().suspended();
    HttpResponse<String> resumed = keep(http.post("/api/pools/" + Fleet.POOL + "/resume"));
    long evictedBefore = evicted();
    HttpResponse<String> evicted = keep(http.post("/api/pools/" + Fleet.POOL + "/evict"));

    assertThat(suspended.statusCode()).isEqualTo(200);
    assertThat(Http.json(suspended).get("suspended").asBoolean()).isTrue();
    assertThat(whileSuspended).isTrue();
    assertThat(resumed.statusCode()).isEqualTo(200);
    assertThat(Http.json(resumed).get("suspended").asBoolean()).isFalse();
    assertThat(evicted.statusCode()).isEqualTo(200);
    assertThat(evicted()).isGreaterThan(evictedBefore);
    assertThat(fleet.events.recent()).extracting(DashboardEvent::kind)
        .contains("suspend", "resume", "evict");
  }

  private long evicted() {
    return fleet.manager.control(Fleet.POOL).stats().destroyed().entrySet().stream()
        .filter(e -> e.getKey().name().equals("EVICTED")).mapToLong(e -> e.getValue()).sum();
  }

  @Test
  void clustersShowTheirHostsWithoutUrls() {
    HttpResponse<String> r = keep(http.get("/api/clusters"));

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode cluster = Http.json(r).get(0);
    assertThat(cluster.get("name").asText()).isEqualTo(Fleet.CLUSTER);
    assertThat(cluster.get("writer").asText()).isEqualTo(Fleet.PRIMARY);
    JsonNode replica = cluster.get("hosts").get(1);
    assertThat(fieldNames(replica)).containsExactlyInAnyOrder("name", "configuredRole",
        "reportedRole", "state", "exclusion", "detail", "lagMillis", "breaker", "reads",
        "writes", "fallbacks");
    assertThat(replica.get("name").asText()).isEqualTo(Fleet.REPLICA);
    assertThat(replica.get("configuredRole").asText()).isEqualTo("REPLICA");
    assertThat(replica.get("state").asText()).isEqualTo("healthy");
    assertThat(replica.get("breaker").isNull()).isTrue();
  }

  @Test
  void aHostTakenDownIsExcludedAndComesBackWhenBroughtUp() {
    String host = "/api/clusters/" + Fleet.CLUSTER + "/hosts/" + Fleet.REPLICA;

    HttpResponse<String> down = keep(http.post(host + "/down"));
    HttpResponse<String> up = keep(http.post(host + "/up"));

    assertThat(down.statusCode()).isEqualTo(200);
    JsonNode excluded = Http.json(down).get("hosts").get(1);
    assertThat(excluded.get("state").asText()).isEqualTo("excluded");
    assertThat(excluded.get("exclusion").asText()).isEqualTo("DOWN");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(Http.json(up).get("hosts").get(1).get("state").asText()).isEqualTo("healthy");
    assertThat(fleet.events.recent()).extracting(DashboardEvent::kind)
        .containsSubsequence("fault", "excluded", "fault", "readmitted");
  }

  @Test
  void anUnknownClusterOrHostIs404() {
    assertThat(keep(http.post("/api/clusters/nope/hosts/" + Fleet.REPLICA + "/down"))
        .statusCode()).isEqualTo(404);
    assertThat(keep(http.post("/api/clusters/" + Fleet.CLUSTER + "/hosts/nope/down"))
        .statusCode()).isEqualTo(404);
  }

  @Test
  void historyHoldsOneSamplePerTickOldestFirst() {
    dashboard.sampleNow();
    http.putJson("/api/pools/" + Fleet.POOL + "/size",
        "{\"minIdle\":1,\"maxSize\":4,\"maxOverflow\":0}");
    dashboard.sampleNow();

    HttpResponse<String> r = keep(http.get("/api/pools/" + Fleet.POOL + "/history"));

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode history = Http.json(r);
    assertThat(history.get("name").asText()).isEqualTo(Fleet.POOL);
    assertThat(history.get("intervalMillis").asInt()).isEqualTo(1000);
    JsonNode samples = history.get("samples");
    // the scheduled tick may have added samples of its own; the last two are ours, in order
    assertThat(samples.size()).isGreaterThanOrEqualTo(2);
    JsonNode last = samples.get(samples.size() - 1);
    assertThat(last.get("maxSize").asInt()).isEqualTo(4);
    assertThat(fieldNames(last)).containsExactlyInAnyOrder("time", "active", "idle", "waiting",
        "overflow", "total", "maxSize", "waitP50Millis", "waitP99Millis", "holdP50Millis",
        "holdP99Millis", "hitRate");
    for (int i = 1; i < samples.size(); i++) {
      assertThat(samples.get(i).get("time").asText())
          .isGreaterThanOrEqualTo(samples.get(i - 1).get("time").asText());
    }
  }

  @Test
  void healthIsTheWorstVerdictOfAllPools() {
    HttpResponse<String> r = keep(http.get("/api/health"));

    JsonNode health = Http.json(r);
    assertThat(health.get("shuttingDown").asBoolean()).isFalse();
    assertThat(health.get("pools")).extracting(p -> p.get("name").asText())
        .containsExactly(Fleet.POOL, Fleet.PRIMARY, Fleet.REPLICA);
    assertThat(health.get("status").asText()).isIn("UP", "DEGRADED");
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void withoutAScenarioControlScenariosAreEmptyAndUnknown() {
    HttpResponse<String> list = keep(http.get("/api/scenarios"));
    HttpResponse<String> start = keep(http.post("/api/scenarios/saturation"));

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(Http.json(list).isArray()).isTrue();
    assertThat(Http.json(list).size()).isZero();
    assertThat(start.statusCode()).isEqualTo(404);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
