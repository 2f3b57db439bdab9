package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {

  private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  private String logLevelBefore;

  @BeforeEach
  void rememberLogLevel() {
    logLevelBefore = System.getProperty(LOG_LEVEL_PROPERTY);
    System.clearProperty(LOG_LEVEL_PROPERTY);
  }

  @AfterEach
  void restoreLogLevel() {
    if (logLevelBefore == null) {
      System.clearProperty(LOG_LEVEL_PROPERTY);
    } else {
      System.setProperty(LOG_LEVEL_PROPERTY, logLevelBefore);
    }
  }

  private static Overrides options(Map<String, String> environment, String clients,
      String seconds, String poolSize, String maxOverflow, String timeout, String recycle,
      Boolean prePing) {
    return new Settings(environment).overrides(clients, seconds, poolSize, maxOverflow, timeout,
        recycle, prePing);
  }

  private static Overrides environment(Map<String, String> environment) {
    return options(environment, null, null, null, null, null, null, null);
  }

  @Test
  void nothingSetGivesNoOverrides() {
    Overrides o = environment(Map.of());

    assertThat(o).isEqualTo(Overrides.NONE);
    assertThat(o.over(Knobs.SEED)).isEqualTo(Knobs.SEED);
  }

  @Test
  void blankVariablesCountAsUnset() {
    Overrides o = environment(Map.of("POOL_SIZE", "", "MAX_OVERFLOW", " ", "POOL_TIMEOUT", "",
        "POOL_RECYCLE", " ", "POOL_PRE_PING", ""));

    assertThat(o).isEqualTo(Overrides.NONE);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--clients", "--seconds", "--pool-size", "--max-overflow",
      "--timeout", "--recycle"})
  void anOptionGivenEmptyIsRefused(String option) {
    String[] values = new String[6];
    int i = List.of("--clients", "--seconds", "--pool-size", "--max-overflow", "--timeout",
        "--recycle").indexOf(option);
    values[i] = "";
    assertThatThrownBy(() -> new Settings(Map.of("POOL_SIZE", "8")).overrides(values[0],
        values[1], values[2], values[3], values[4], values[5], null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(option + " needs a value");
  }

  @Test
  void variablesAloneApply() {
    Overrides o = environment(Map.of("POOL_SIZE", "8", "MAX_OVERFLOW", "0",
        "POOL_TIMEOUT", "5", "POOL_RECYCLE", "1800", "POOL_PRE_PING", "true"));

    assertThat(o).isEqualTo(new Overrides(null, null, 8, 0, Duration.ofSeconds(5),
        Duration.ofSeconds(1800), true));
  }

  @Test
  void optionsWinOverTheirVariables() {
    Map<String, String> env = Map.of("POOL_SIZE", "8", "MAX_OVERFLOW", "3",
        "POOL_TIMEOUT", "5", "POOL_RECYCLE", "1800", "POOL_PRE_PING", "true");

    Overrides o = options(env, "12", "30", "2", "1", "0.25", "60", false);

    assertThat(o).isEqualTo(new Overrides(12, 30, 2, 1, Duration.ofMillis(250),
        Duration.ofSeconds(60), false));
  }

  @Test
  void optionWinsEvenWhenItsVariableIsInvalid() {
    Map<String, String> env = Map.of("POOL_SIZE", "lots", "POOL_TIMEOUT", "-1");

    Overrides o = options(env, null, null, "4", null, "2", null, null);

    assertThat(o.poolSize()).isEqualTo(4);
    assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void valuesAreStripped() {
    Overrides o = options(Map.of("POOL_SIZE", " 7 "), " 9 ", null, null, null, " 1.5 ", null,
        null);

    assertThat(o.poolSize()).isEqualTo(7);
    assertThat(o.clients()).isEqualTo(9);
    assertThat(o.timeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @ParameterizedTest
  @CsvSource({
      "POOL_SIZE, 0",
      "POOL_SIZE, -3",
      "POOL_SIZE, 1001",
      "POOL_SIZE, five",
      "POOL_SIZE, 2.5",
      "POOL_SIZE, 99999999999",
      "MAX_OVERFLOW, -1",
      "MAX_OVERFLOW, 1001",
      "MAX_OVERFLOW, many",
      "POOL_TIMEOUT, 0",
      "POOL_TIMEOUT, -5",
      "POOL_TIMEOUT, 0.0",
      "POOL_TIMEOUT, soon",
      "POOL_TIMEOUT, 30s",
      "POOL_RECYCLE, 0.5",
      "POOL_RECYCLE, -2",
      "POOL_RECYCLE, hourly",
      "POOL_PRE_PING, maybe"})
  void invalidVariableIsNamed(String variable, String value) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> environment(Map.of(variable, value)))
        .withMessageStartingWith(variable + " must be");
  }

  @ParameterizedTest
  @CsvSource({
      "--pool-size, 0",
      "--pool-size, -1",
      "--pool-size, x",
      "--max-overflow, -1",
      "--timeout, 0",
      "--timeout, -0.5",
      "--timeout, 1e400",
      "--recycle, 0.5",
      "--recycle, never",
      "--clients, 0",
      "--clients, 501",
      "--clients, ten",
      "--seconds, 1",
      "--seconds, 3601",
      "--seconds, 2.5"})
  void invalidOptionIsNamed(String option, String value) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> option(option, value))
        .withMessageStartingWith(option + " must be")
        .withMessageContaining(value);
  }

  @Test
  void invalidOptionIsNamedEvenWhenItsVariableIsValid() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> options(Map.of("POOL_SIZE", "5"), null, null, "0", null, null, null,
            null))
        .withMessage("--pool-size must be 1 to 1000, but was 0");
  }

  @Test
  void limitsAreInclusive() {
    Overrides low = options(Map.of(), "1", String.valueOf(Settings.MIN_SECONDS), "1", "0", null,
        null, null);
    Overrides high = options(Map.of(), String.valueOf(Settings.MAX_CLIENTS),
        String.valueOf(Settings.MAX_SECONDS), "1000", "1000", null, null, null);

    assertThat(low).isEqualTo(new Overrides(1, Settings.MIN_SECONDS, 1, 0, null, null, null));
    assertThat(high).isEqualTo(new Overrides(Settings.MAX_CLIENTS, Settings.MAX_SECONDS, 1000,
        1000, null, null, null));
  }

  @Test
  void clientsAboveTheMaximumAreRejectedWithTheRange() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> option("--clients", String.valueOf(Settings.MAX_CLIENTS + 1)))
        .withMessage("--clients must be 1 to " + Settings.MAX_CLIENTS + ", but was "
            + (Settings.MAX_CLIENTS + 1));
  }

  @Test
  void secondsBelowTheMinimumAreRejectedWithTheRange() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> option("--seconds", String.valueOf(Settings.MIN_SECONDS - 1)))
        .withMessage("--seconds must be " + Settings.MIN_SECONDS + " to " + Settings.MAX_SECONDS
            + ", but was " + (Settings.MIN_SECONDS - 1));
  }

  @Test
  void fractionalTimeoutIsExact() {
    assertThat(environment(Map.of("POOL_TIMEOUT", "2.5")).timeout())
        .isEqualTo(Duration.ofMillis(2500));
    assertThat(option("--timeout", "0.001").timeout()).isEqualTo(Duration.ofMillis(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "0", "-1.0", "0.0"})
  void recycleMinusOneOrZeroTurnsRecyclingOff(String value) {
    assertThat(environment(Map.of("POOL_RECYCLE", value)).recycle()).isEqualTo(Duration.ZERO);
  }

  @Test
  void recycleOfOneSecondOrMoreIsKept() {
    assertThat(option("--recycle", "1").recycle()).isEqualTo(Duration.ofSeconds(1));
    assertThat(option("--recycle", "90.5").recycle()).isEqualTo(Duration.ofMillis(90_500));
  }

  @Test
  void recycleBelowOneSecondNamesTheAllowedValues() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> environment(Map.of("POOL_RECYCLE", "0.5")))
        .withMessage("POOL_RECYCLE must be -1 or 0 (off) or at least 1 second, but was 0.5");
  }

  @ParameterizedTest
  @CsvSource({"true, true", "TRUE, true", "1, true", "yes, true", "on, true", " On , true",
      "false, false", "False, false", "0, false", "no, false", "off, false"})
  void prePingVariableReadsCommonBooleans(String value, boolean expected) {
    assertThat(environment(Map.of("POOL_PRE_PING", value)).prePing()).isEqualTo(expected);
  }

  @Test
  void badPrePingVariableIsNamed() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> environment(Map.of("POOL_PRE_PING", "sometimes")))
        .withMessage("POOL_PRE_PING must be true or false, but was 'sometimes'");
  }

  @Test
  void prePingOptionWinsOverTheVariable() {
    assertThat(options(Map.of("POOL_PRE_PING", "true"), null, null, null, null, null, null,
        false).prePing()).isFalse();
    assertThat(options(Map.of("POOL_PRE_PING", "off"), null, null, null, null, null, null,
        true).prePing()).isTrue();
    assertThat(options(Map.of("POOL_PRE_PING", "bogus"), null, null, null, null, null, null,
        true).prePing()).isTrue();
  }

  @Test
  void flagIsFalseWhenUnsetAndReadsItsValue() {
    assertThat(new Settings(Map.of()).flag("ECHO_POOL")).isFalse();
    assertThat(new Settings(Map.of("ECHO_POOL", "")).flag("ECHO_POOL")).isFalse();
    assertThat(new Settings(Map.of("ECHO_POOL", "1")).flag("ECHO_POOL")).isTrue();
    assertThat(new Settings(Map.of("ECHO_POOL", "yes")).flag("ECHO_POOL")).isTrue();
    assertThat(new Settings(Map.of("ECHO_POOL", "false")).flag("ECHO_POOL")).isFalse();
  }

  @Test
  void badFlagIsNamed() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Settings(Map.of("ECHO_POOL", "loud")).flag("ECHO_POOL"))
        .withMessageStartingWith("ECHO_POOL must be true or false");
  }

  @ParameterizedTest
  @CsvSource({"INFO, info", "debug, debug", "WARNING, warn", "warning, warn", " Error , error",
      "OFF, off", "trace, trace"})
  void logLevelSetsTheConsoleLoggersLevel(String value, String property) {
    new Settings(Map.of("LOG_LEVEL", value)).applyLogLevel();

    assertThat(System.getProperty(LOG_LEVEL_PROPERTY)).isEqualTo(property);
  }

  @Test
  void noLogLevelLeavesTheLoggerAlone() {
    new Settings(Map.of()).applyLogLevel();
    new Settings(Map.of("LOG_LEVEL", " ")).applyLogLevel();

    assertThat(System.getProperty(LOG_LEVEL_PROPERTY)).isNull();
  }

  @Test
  void unknownLogLevelIsNamedAndNothingIsSet() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Settings(Map.of("LOG_LEVEL", "loud")).applyLogLevel())
        .withMessageStartingWith("LOG_LEVEL must be one of")
        .withMessageContaining("'loud'");
    assertThat(System.getProperty(LOG_LEVEL_PROPERTY)).isNull();
  }

  @Test
  void overridesReplaceOnlyWhatIsSet() {
    Knobs base = new Knobs(3, 20, 5, 10, Duration.ofSeconds(30), Duration.ZERO, false);
    Overrides some = new Overrides(null, 40, null, 2, null, Duration.ofSeconds(60), null);

    Knobs k = some.over(base);

    assertThat(k).isEqualTo(new Knobs(3, 40, 5, 2, Duration.ofSeconds(30),
        Duration.ofSeconds(60), false));
  }

  @Test
  void overridesCanSetEverything() {
    Overrides all = new Overrides(7, 9, 11, 0, Duration.ofMillis(500), Duration.ofSeconds(2),
        true);

    assertThat(all.over(Knobs.SEED)).isEqualTo(new Knobs(7, 9, 11, 0, Duration.ofMillis(500),
        Duration.ofSeconds(2), true));
  }

  @Test
  void overridesCanTurnOffWhatTheBaseTurnsOn() {
    Knobs base = Knobs.SEED.withPrePing(true).withRecycle(Duration.ofSeconds(300));
    Overrides off = new Overrides(null, null, null, null, null, Duration.ZERO, false);

    Knobs k = off.over(base);

    assertThat(k.prePing()).isFalse();
    assertThat(k.recycle()).isEqualTo(Duration.ZERO);
  }

  private static Overrides option(String option, String value) {
    return switch (option) {
      case "--clients" -> options(Map.of(), value, null, null, null, null, null, null);
      case "--seconds" -> options(Map.of(), null, value, null, null, null, null, null);
      case "--pool-size" -> options(Map.of(), null, null, value, null, null, null, null);
      case "--max-overflow" -> options(Map.of(), null, null, null, value, null, null, null);
      case "--timeout" -> options(Map.of(), null, null, null, null, value, null, null);
      case "--recycle" -> options(Map.of(), null, null, null, null, null, value, null);
      default -> throw new IllegalArgumentException(option);
    };
  }
}
