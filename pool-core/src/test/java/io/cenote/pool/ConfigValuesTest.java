package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The public text parsers read values exactly as the pool's own configuration does. */
class ConfigValuesTest {

  @ParameterizedTest
  @CsvSource({
      "500ms, PT0.5S",
      "30s, PT30S",
      "' 10m ', PT10M",
      "2h, PT2H",
      "1d, PT24H",
      "250, PT0.25S",
      "PT30S, PT30S",
      "1500us, PT0.0015S",
      "-1, PT-0.001S"})
  void durationsReadAsThePoolConfigurationReadsThem(String text, Duration expected) {
    Properties p = new Properties();
    p.setProperty("initializationFailTimeout", text);

    assertThat(ConfigValues.duration("x", text)).isEqualTo(expected)
        .isEqualTo(PoolConfig.fromProperties(p).initializationFailTimeout());
  }

  @Test
  void aBadDurationNamesThePropertyAndTheText() {
    assertThatThrownBy(() -> ConfigValues.duration("retryDelay", "soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retryDelay must be a duration such as 500ms, 30s, 10m or PT30S,"
            + " but was 'soon'");
    assertThatThrownBy(() -> ConfigValues.duration("retryDelay", "99999999999999999999d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retryDelay must be a duration within range, but was"
            + " '99999999999999999999d'");
  }

  @Test
  void numbersAndBooleans() {
    assertThat(ConfigValues.integer("n", " 42 ")).isEqualTo(42);
    assertThat(ConfigValues.longValue("n", "5000000000")).isEqualTo(5_000_000_000L);
    assertThat(ConfigValues.decimal("f", "0.9")).isEqualTo(0.9);
    assertThat(ConfigValues.bool("b", "TRUE")).isTrue();
    assertThat(ConfigValues.bool("b", "false")).isFalse();
  }

  @Test
  void badNumbersAndBooleansNameThePropertyAndTheText() {
    assertThatThrownBy(() -> ConfigValues.integer("maxRetries", "5000000000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRetries must be an integer, but was '5000000000'");
    assertThatThrownBy(() -> ConfigValues.longValue("budget", "1.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("budget must be an integer, but was '1.5'");
    assertThatThrownBy(() -> ConfigValues.decimal("ratio", "half"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ratio must be a number, but was 'half'");
    assertThatThrownBy(() -> ConfigValues.bool("enabled", "yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("enabled must be true or false, but was 'yes'");
  }

  @Test
  void aMissingValueIsNamed() {
    assertThatThrownBy(() -> ConfigValues.duration("retryDelay", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("retryDelay");
  }
}
