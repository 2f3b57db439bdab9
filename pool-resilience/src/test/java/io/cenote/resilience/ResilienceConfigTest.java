package io.cenote.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.Backoff;
import io.cenote.pool.PoolConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Validation of the configuration and the bounds of the backoff with jitter. */
class ResilienceConfigTest {

  @Test
  void rejectedValuesNameThePropertyAndTheValue() {
    assertThatThrownBy(() -> ResilienceConfig.builder().maxAttempts(0))
        .hasMessage("maxAttempts must be >= 1, but was 0");
    assertThatThrownBy(() -> ResilienceConfig.builder().initialDelay(Duration.ZERO))
        .hasMessage("initialDelay must be >= 1ms, but was PT0S");
    assertThatThrownBy(() -> ResilienceConfig.builder().multiplier(0.5))
        .hasMessage("multiplier must be >= 1.0 and finite, but was 0.5");
    assertThatThrownBy(() -> ResilienceConfig.builder().jitter(1.0))
        .hasMessage("jitter must be >= 0.0 and < 1.0, but was 1.0");
    assertThatThrownBy(() -> ResilienceConfig.builder().probeTimeout(Duration.ZERO))
        .hasMessage("probeTimeout must be >= 1ms, but was PT0S");
    assertThatThrownBy(() -> ResilienceConfig.builder().probeTimeout(null))
        .isInstanceOf(NullPointerException.class).hasMessage("probeTimeout");
    assertThatThrownBy(() -> ResilienceConfig.builder().initialDelay(Duration.ofSeconds(3))
        .build()).hasMessage("maxDelay must be >= initialDelay (PT3S), but was PT2S");
    assertThatThrownBy(() -> BreakerSettings.builder().slidingWindowSize(0))
        .hasMessage("slidingWindowSize must be >= 1, but was 0");
    assertThatThrownBy(() -> BreakerSettings.builder().failureRateThreshold(0))
        .hasMessage("failureRateThreshold must be > 0 and <= 100, but was 0.0");
    assertThatThrownBy(() -> BreakerSettings.builder().minimumNumberOfCalls(30).build())
        .hasMessage("minimumNumberOfCalls must be <= slidingWindowSize (20), but was 30");
    assertThatThrownBy(() -> BreakerSettings.builder()
        .waitDurationInOpenState(Duration.ofNanos(5)))
        .hasMessage("waitDurationInOpenState must be >= 1ms, but was PT0.000000005S");
  }

  @Test
  void probesTimeOutAfterTwoSecondsUnlessConfigured() {
    assertThat(ResilienceConfig.defaults().probeTimeout()).isEqualTo(Duration.ofSeconds(2));
    ResilienceConfig c = ResilienceConfig.builder().probeTimeout(Duration.ofMillis(300)).build();

    assertThat(c.probeTimeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(c.toString()).contains("probeTimeout=PT0.3S");
  }

  @Test
  void perHostBreakerSettingsOverrideTheDefault() {
    BreakerSettings slow = BreakerSettings.builder().waitDurationInOpenState(Duration.ofMinutes(1))
        .build();
    ResilienceConfig c = ResilienceConfig.builder().breaker("replica-1", slow).build();

    assertThat(c.breaker("replica-1")).isSameAs(slow);
    assertThat(c.breaker("primary")).isSameAs(BreakerSettings.defaults());
    assertThat(c.toString()).contains("replica-1").contains("maxAttempts=3");
  }

  @Test
  void backoffGrowsByTheMultiplierWithinTheJitterBoundsAndTheCap() {
    ResilienceConfig c = ResilienceConfig.builder().initialDelay(Duration.ofMillis(100))
        .multiplier(2).jitter(0.5).maxDelay(Duration.ofMillis(1000)).build();
    IntervalFunction f = RetryRunner.intervals(c);
    long[] nominal = {100, 200, 400, 800, 1000, 1000};
    for (int attempt = 1; attempt <= nominal.length; attempt++) {
      long lo = Long.MAX_VALUE;
      long hi = 0;
      for (int i = 0; i < 5_000; i++) {
        long d = f.apply(attempt);
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      }
      long n = nominal[attempt - 1];
      assertThat(lo).as("attempt %d min", attempt).isGreaterThanOrEqualTo(n / 2);
      assertThat(hi).as("attempt %d max", attempt)
          .isLessThanOrEqualTo(Math.min(n * 3 / 2, 1000));
      if (n < 1000) {
        assertThat(hi - lo).as("attempt %d spread", attempt).isGreaterThan(n / 2);
      }
    }
  }

  @Test
  void withoutJitterTheBackoffIsExact() {
    ResilienceConfig c = ResilienceConfig.builder().initialDelay(Duration.ofMillis(10))
        .multiplier(3).jitter(0).maxDelay(Duration.ofMillis(200)).build();
    IntervalFunction f = RetryRunner.intervals(c);
    assertThat(new long[] {f.apply(1), f.apply(2), f.apply(3), f.apply(4)})
        .containsExactly(10, 30, 90, 200);
  }

  @Test
  void connectionCreationCanUseTheSameBackoff() {
    try (Resilience r = Resilience.start("test", ResilienceConfig.builder()
        .initialDelay(Duration.ofMillis(20)).jitter(0).maxDelay(Duration.ofMillis(50)).build())) {
      Backoff b = r.connectionBackoff();
      PoolConfig pool = r.apply(PoolConfig.builder().poolName("p").jdbcUrl("jdbc:x:y").build());

      assertThat(b.delayNanos(1)).isEqualTo(20_000_000L);
      assertThat(b.delayNanos(2)).isEqualTo(40_000_000L);
      assertThat(b.delayNanos(9)).isEqualTo(50_000_000L);
      assertThat(pool.connectionBackoff().delayNanos(1)).isEqualTo(20_000_000L);
      assertThat(pool.toString()).contains("connectionBackoff=resilience(initialDelay=PT0.02S");
    }
  }
}
