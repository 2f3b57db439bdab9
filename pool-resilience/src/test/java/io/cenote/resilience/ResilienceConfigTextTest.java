package io.cenote.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resilience and breaker settings set by name from text, as a configuration file does. */
class ResilienceConfigTextTest {

  /** A valid value for every property, none of them its default. */
  private static final Map<String, String> SAMPLES = Map.ofEntries(
      Map.entry("maxAttempts", "5"),
      Map.entry("initialDelay", "50ms"),
      Map.entry("multiplier", "1.5"),
      Map.entry("jitter", "0.25"),
      Map.entry("maxDelay", "PT3S"),
      Map.entry("probeInterval", "250ms"),
      Map.entry("probeTimeout", "1s"),
      Map.entry("breaker.failureRateThreshold", "25"),
      Map.entry("breaker.slidingWindowSize", "40"),
      Map.entry("breaker.minimumNumberOfCalls", "15"),
      Map.entry("breaker.waitDurationInOpenState", "30s"),
      Map.entry("breaker.permittedCallsInHalfOpenState", "2"));

  @Test
  void propertyNamesListTheRetryProbeAndBreakerSettingsSorted() {
    assertThat(ResilienceConfig.propertyNames()).containsExactly(
        "breaker.failureRateThreshold", "breaker.minimumNumberOfCalls",
        "breaker.permittedCallsInHalfOpenState", "breaker.slidingWindowSize",
        "breaker.waitDurationInOpenState", "initialDelay", "jitter", "maxAttempts", "maxDelay",
        "multiplier", "probeInterval", "probeTimeout");
    assertThat(BreakerSettings.propertyNames()).containsExactly("failureRateThreshold",
        "minimumNumberOfCalls", "permittedCallsInHalfOpenState", "slidingWindowSize",
        "waitDurationInOpenState");
    assertThatThrownBy(() -> ResilienceConfig.propertyNames().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void everyPropertyHasASampleAndEachOneChangesTheConfiguration() {
    assertThat(SAMPLES.keySet()).isEqualTo(ResilienceConfig.propertyNames());
    String defaults = ResilienceConfig.defaults().toString();
    for (String name : ResilienceConfig.propertyNames()) {
      ResilienceConfig.Builder b = ResilienceConfig.builder();

      assertThat(b.set(name, SAMPLES.get(name))).isSameAs(b);
      assertThat(b.build().toString()).as(name).isNotEqualTo(defaults);
    }
  }

  @Test
  void textGivesWhatTheTypedSettersGive() {
    ResilienceConfig.Builder text = ResilienceConfig.builder();
    SAMPLES.forEach(text::set);
    ResilienceConfig typed = ResilienceConfig.builder().maxAttempts(5)
        .initialDelay(Duration.ofMillis(50)).multiplier(1.5).jitter(0.25)
        .maxDelay(Duration.ofSeconds(3)).probeInterval(Duration.ofMillis(250))
        .probeTimeout(Duration.ofSeconds(1))
        .breaker(BreakerSettings.builder().failureRateThreshold(25).slidingWindowSize(40)
            .minimumNumberOfCalls(15).waitDurationInOpenState(Duration.ofSeconds(30))
            .permittedCallsInHalfOpenState(2).build())
        .build();

    assertThat(text.build().toString()).isEqualTo(typed.toString());
  }

  @Test
  void unknownNamesAreRejectedByName() {
    assertThatThrownBy(() -> ResilienceConfig.builder().set("maxAttempt", "3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown resilience property 'maxAttempt'");
    assertThatThrownBy(() -> ResilienceConfig.builder().set("breaker.windowSize", "3"))
        .hasMessage("unknown resilience property 'breaker.windowSize'");
    assertThatThrownBy(() -> ResilienceConfig.builder().set("classifier", "standard"))
        .hasMessage("unknown resilience property 'classifier'");
    assertThatThrownBy(() -> BreakerSettings.builder().set("breaker.slidingWindowSize", "3"))
        .hasMessage("unknown breaker property 'breaker.slidingWindowSize'");
    assertThatThrownBy(() -> ResilienceConfig.builder().set(null, "3"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ResilienceConfig.builder().set("maxAttempts", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void badValuesNameThePropertyAndTheValue() {
    ResilienceConfig.Builder b = ResilienceConfig.builder();

    assertThatThrownBy(() -> b.set("maxAttempts", "0"))
        .hasMessage("maxAttempts must be >= 1, but was 0");
    assertThatThrownBy(() -> b.set("maxAttempts", "many"))
        .hasMessage("maxAttempts must be an integer, but was 'many'");
    assertThatThrownBy(() -> b.set("initialDelay", "soon"))
        .hasMessage("initialDelay must be a duration such as 500ms, 30s, 10m or PT30S,"
            + " but was 'soon'");
    assertThatThrownBy(() -> b.set("jitter", "1"))
        .hasMessage("jitter must be >= 0.0 and < 1.0, but was 1.0");
    assertThatThrownBy(() -> b.set("breaker.failureRateThreshold", "half"))
        .hasMessage("failureRateThreshold must be a number, but was 'half'");
    assertThatThrownBy(() -> b.set("breaker.waitDurationInOpenState", "0s"))
        .hasMessage("waitDurationInOpenState must be >= 1ms, but was PT0S");
  }

  @Test
  void theOrderOfBreakerSettingsDoesNotMatterOnlyTheResult() {
    ResilienceConfig c = ResilienceConfig.builder().set("breaker.minimumNumberOfCalls", "30")
        .set("breaker.slidingWindowSize", "50").build();

    assertThat(c.breaker().minimumNumberOfCalls()).isEqualTo(30);
    assertThat(c.breaker().slidingWindowSize()).isEqualTo(50);
    assertThatThrownBy(() -> ResilienceConfig.builder().set("breaker.minimumNumberOfCalls", "30")
        .build())
        .hasMessage("minimumNumberOfCalls must be <= slidingWindowSize (20), but was 30");
  }

  @Test
  void textChangesTheBreakerSetSoFarAndANewBreakerReplacesIt() {
    BreakerSettings slow = BreakerSettings.builder()
        .waitDurationInOpenState(Duration.ofMinutes(1)).build();

    ResilienceConfig onTop = ResilienceConfig.builder().breaker(slow)
        .set("breaker.permittedCallsInHalfOpenState", "1").build();
    ResilienceConfig replaced = ResilienceConfig.builder()
        .set("breaker.permittedCallsInHalfOpenState", "1").breaker(slow).build();

    assertThat(onTop.breaker().waitDurationInOpenState()).isEqualTo(Duration.ofMinutes(1));
    assertThat(onTop.breaker().permittedCallsInHalfOpenState()).isEqualTo(1);
    assertThat(replaced.breaker()).isSameAs(slow);
  }

  @Test
  void breakerSettingsSetFromTextAndDeriveVariants() {
    BreakerSettings s = BreakerSettings.builder().set("failureRateThreshold", "12.5")
        .set("waitDurationInOpenState", "PT0.5S").build();
    BreakerSettings variant = s.toBuilder().slidingWindowSize(100).build();

    assertThat(s.failureRateThreshold()).isEqualTo(12.5f);
    assertThat(s.waitDurationInOpenState()).isEqualTo(Duration.ofMillis(500));
    assertThat(variant.toString()).isEqualTo(s.toString().replace("slidingWindowSize=20",
        "slidingWindowSize=100"));
  }
}
