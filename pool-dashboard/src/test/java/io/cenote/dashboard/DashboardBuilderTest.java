package io.cenote.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.router.PoolManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What {@code build()} accepts and refuses; building opens nothing. */
class DashboardBuilderTest {

  private final PoolManager manager = new PoolManager();

  @Test
  void aNonLoopbackAddressWithoutATokenIsRefusedNamingIt() {
    assertThatThrownBy(() -> Dashboard.builder(manager).bind("0.0.0.0").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("0.0.0.0")
        .hasMessageContaining("token");
  }

  @Test
  void aNonLoopbackAddressWithATokenIsAccepted() {
    try (Dashboard d = Dashboard.builder(manager).bind("0.0.0.0").token("t").build()) {
      assertThat(d).isNotNull();
    }
  }

  @Test
  void loopbackNeedsNoToken() {
    try (Dashboard d = Dashboard.builder(manager).bind("localhost").build();
         Dashboard v6 = Dashboard.builder(manager).bind("::1").build()) {
      assertThat(d).isNotNull();
      assertThat(v6).isNotNull();
    }
  }

  @Test
  void badValuesAreRefusedNamingThem() {
    Dashboard.Builder b = Dashboard.builder(manager);

    assertThatThrownBy(() -> b.port(-1)).hasMessage("port must be between 0 and 65535, but was -1");
    assertThatThrownBy(() -> b.port(65_536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.token(" ")).hasMessage("token must not be blank");
    assertThatThrownBy(() -> b.history(Duration.ofMillis(999)))
        .hasMessage("history must be >= 1 s, but was PT0.999S");
  }

  @Test
  void aBuiltDashboardIsNotRunningUntilStarted() {
    try (Dashboard d = Dashboard.builder(manager).port(0).build()) {
      assertThatThrownBy(d::url).isInstanceOf(IllegalStateException.class);
      d.start();
      assertThat(d.url().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
      assertThatThrownBy(d::start).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aPortInUseFailsTheStartAndLeavesNothingOpen() throws InterruptedException {
    try (Dashboard first = Dashboard.builder(manager).port(0).build()) {
      first.start();
      Dashboard second = Dashboard.builder(manager).port(first.url().getPort()).build();

      assertThatThrownBy(second::start).isInstanceOf(RuntimeException.class);
      second.awaitShutdown(); // returns at once: nothing runs
      assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class);
    }
  }
}
