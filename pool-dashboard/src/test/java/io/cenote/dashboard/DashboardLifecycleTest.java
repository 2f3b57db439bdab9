package io.cenote.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown through the API and through {@code close()}: the answer, the health meanwhile, the
 * scenarios stopped, {@code awaitShutdown()} returning, and the pools left open.
 */
class DashboardLifecycleTest {

  @TempDir
  Path dir;

  private final FakeScenarios scenarios = new FakeScenarios("saturation");
  private Fleet fleet;
  private Dashboard dashboard;
  private Http http;

  private void start() {
    fleet = new Fleet(dir);
    dashboard = Dashboard.builder(fleet.manager).port(0).events(fleet.events)
        .scenarios(scenarios).build();
    dashboard.start();
    http = new Http(dashboard.url());
  }

  @AfterEach
  void stop() {
    scenarios.stopGate = null;
    dashboard.close();
    fleet.close();
  }

  @Test
  void shutdownAnswers202ReportsShuttingDownAndStopsEverything() throws Exception {
    start();
    http.post("/api/scenarios/saturation");
    CountDownLatch gate = new CountDownLatch(1);
    scenarios.stopGate = gate;

    HttpResponse<String> r = http.post("/api/shutdown");
    // the shutdown now waits in the scenario's stop() until the gate opens
    assertThat(scenarios.stopping.await(Http.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    HttpResponse<String> health = http.get("/api/health");
    gate.countDown();
    long started = System.nanoTime();
    assertTimeoutPreemptively(Http.TIMEOUT, dashboard::awaitShutdown);
    System.out.printf("awaitShutdown returned %.1f ms after the scenario stopped%n",
        (System.nanoTime() - started) / 1e6);

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(Http.json(r).get("status").asText()).isEqualTo("shutting down");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(Http.json(health).get("shuttingDown").asBoolean()).isTrue();
    assertThat(scenarios.stopped).containsExactly("saturation");
    assertThat(fleet.events.recent()).extracting(DashboardEvent::kind).contains("shutdown");
    assertThatThrownBy(() -> http.get("/api/health")).isInstanceOf(UncheckedIOException.class);
    assertThat(fleet.manager.control(Fleet.POOL).isClosed()).isFalse();
  }

  @Test
  void closeStopsTheServerAndReleasesAwaitShutdown() {
    start();
    Thread waiter = new Thread(() -> {
      try {
        dashboard.awaitShutdown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "awaiting-shutdown");
    waiter.start();

    dashboard.close();
    dashboard.close();

    assertTimeoutPreemptively(Http.TIMEOUT, () -> waiter.join());
    assertThatThrownBy(() -> http.get("/api/health")).isInstanceOf(UncheckedIOException.class);
    assertThat(fleet.manager.control(Fleet.PRIMARY).isClosed()).isFalse();
  }
}
