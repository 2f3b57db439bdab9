package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import io.cenote.testkit.fault.FaultTrigger;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The connection-creation backoff: defaults, bounds, validation, text form and its use. */
class BackoffTest {

  @Test
  void defaultDoublesFromTenMillisToOneSecondWithJitter() {
    Backoff b = Backoff.defaults();
    for (int i = 0; i < 2_000; i++) {
      assertThat(b.delayNanos(1)).isBetween(5_000_000L, 10_000_000L);
      assertThat(b.delayNanos(2)).isBetween(10_000_000L, 20_000_000L);
      assertThat(b.delayNanos(8)).isBetween(500_000_000L, 1_000_000_000L);
      assertThat(b.delayNanos(1_000)).isBetween(500_000_000L, 1_000_000_000L);
    }
    assertThat(b).hasToString("exponential(PT0.01S,PT1S)");
    assertThat(PoolConfig.builder().build().connectionBackoff()).isSameAs(b);
  }

  @Test
  void badValuesNameTheProperty() {
    assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessage("connectionBackoff initial delay must be > 0, but was PT0S");
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("connectionBackoff max delay must be >= the initial delay (PT2S), but was"
            + " PT1S");
    assertThatThrownBy(() -> Backoff.fixed(Duration.ofMillis(-1)))
        .hasMessage("connectionBackoff delay must be >= 0, but was PT-0.001S");
    assertThatThrownBy(() -> PoolConfig.builder().connectionBackoff(null))
        .hasMessage("connectionBackoff");
    assertThatThrownBy(() -> PoolConfig.fromProperties(props("connectionBackoff", "linear(1s)")))
        .hasMessage("connectionBackoff must be exponential(<initial>,<max>) or fixed(<delay>),"
            + " but was 'linear(1s)'");
  }

  @Test
  void loadsFromPropertiesAndEnvironmentAndShowsInToString() {
    PoolConfig p = PoolConfig.fromProperties(props("connectionBackoff", "exponential(5ms, 2s)"));
    PoolConfig e = PoolConfig.fromEnvironment(Map.of("CENOTE_CONNECTION_BACKOFF", "fixed(250ms)"));

    assertThat(p.connectionBackoff()).hasToString("exponential(PT0.005S,PT2S)");
    assertThat(e.connectionBackoff().delayNanos(7)).isEqualTo(250_000_000L);
    assertThat(e.toString()).contains("connectionBackoff=fixed(PT0.25S)");
    PoolConfig roundTrip = PoolConfig.fromProperties(
        props("connectionBackoff", p.connectionBackoff().toString()));
    assertThat(roundTrip.connectionBackoff()).hasToString(p.connectionBackoff().toString());
    assertThat(p.toBuilder().build().connectionBackoff()).isSameAs(p.connectionBackoff());
  }

  @Test
  void creationAsksTheConfiguredBackoffAfterEachFailure() throws Exception {
    String url = FaultDriver.uniqueStubUrl();
    FaultPlan plan = FaultDriver.plan(url).failConnects(FaultTrigger.times(3));
    List<Integer> asked = new CopyOnWriteArrayList<>();
    Backoff recording = attempt -> {
      asked.add(attempt);
      return 1_000_000L;
    };
    PoolConfig config = PoolTestSupport.stubConfig("backoff", url).minIdle(0)
        .initializationFailTimeout(Duration.ofSeconds(-1)).connectionBackoff(recording).build();
    try (ConnectionPool pool = ConnectionPool.create(config);
         Connection c = pool.getConnection()) {
      assertThat(c.isValid(1)).isTrue();
    }
    assertThat(asked).containsExactly(1, 2, 3);
    assertThat(plan.stats().connectFailures()).isEqualTo(3);
  }

  @Test
  void startUpGivesUpWhenTheNextPauseWouldPassItsDeadline() {
    String url = FaultDriver.uniqueStubUrl();
    FaultDriver.plan(url).down();
    PoolConfig config = PoolTestSupport.stubConfig("backoff-start", url)
        .initializationFailTimeout(Duration.ofMillis(200))
        .connectionBackoff(Backoff.fixed(Duration.ofSeconds(5))).build();
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> ConnectionPool.create(config))
        .isInstanceOf(PoolInitializationException.class);
    assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(2).toNanos());
  }

  private static Properties props(String key, String value) {
    Properties p = new Properties();
    p.setProperty(key, value);
    return p;
  }
}
