package io.cenote.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

  private static DemoOptions parse(String... args) {
    return DemoOptions.parse(List.of(args), Map.of(), true);
  }

  @Test
  void defaultsWithoutArguments() {
    DemoOptions o = parse();

    assertThat(o.part()).isEqualTo(DemoPart.ALL);
    assertThat(o.seconds()).isEqualTo(DemoPart.ALL.defaultSeconds);
    assertThat(o.clients()).isEqualTo(DemoOptions.DEFAULT_CLIENTS);
    assertThat(o.maxSize()).isEqualTo(DemoOptions.DEFAULT_MAX_SIZE);
    assertThat(o.color()).isTrue();
    assertThat(o.database()).isNull();
    assertThat(o.help()).isFalse();
  }

  @Test
  void readsValuesAfterSpaceOrEquals() {
    DemoOptions o = parse("--seconds", "10", "--clients=20", "--max-size", "6", "--db=x.db",
        "--part", "pool");

    assertThat(o.part()).isEqualTo(DemoPart.POOL);
    assertThat(o.seconds()).isEqualTo(10);
    assertThat(o.clients()).isEqualTo(20);
    assertThat(o.maxSize()).isEqualTo(6);
    assertThat(o.database()).isEqualTo(Path.of("x.db"));
  }

  @Test
  void colourIsOffWithFlagWithNoColorOrWithoutTerminal() {
    assertThat(parse("--no-color").color()).isFalse();
    assertThat(DemoOptions.parse(List.of(), Map.of("NO_COLOR", "1"), true).color()).isFalse();
    assertThat(DemoOptions.parse(List.of(), Map.of(), false).color()).isFalse();
    assertThat(DemoOptions.parse(List.of(), Map.of("NO_COLOR", ""), true).color()).isTrue();
  }

  @Test
  void helpWinsOverEverythingElse() {
    assertThat(parse("--seconds", "5", "--help").help()).isTrue();
    assertThat(parse("-h").help()).isTrue();
  }

  @Test
  void rejectsBadValuesNamingOptionAndValue() {
    assertThatThrownBy(() -> parse("--seconds", "ten"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--seconds must be a whole number, but was 'ten'");
    assertThatThrownBy(() -> parse("--max-size", "0"))
        .hasMessage("--max-size must be between 1 and 50, but was 0");
    assertThatThrownBy(() -> parse("--seconds=2", "--part=pool"))
        .hasMessage("--seconds must be between 3 and 3600 for --part pool, but was 2");
    assertThatThrownBy(() -> parse("--seconds=3601", "--part=routing"))
        .hasMessage("--seconds must be between 3 and 3600 for --part routing, but was 3601");
    assertThatThrownBy(() -> parse("--seconds=5"))
        .hasMessage("--seconds must be between 6 and 3600 for --part all, but was 5");
    assertThatThrownBy(() -> parse("--part", "router"))
        .hasMessage("--part must be one of pool, routing, all, but was 'router'");
    assertThatThrownBy(() -> parse("--part="))
        .hasMessage("--part must be one of pool, routing, all, but was ''");
    assertThatThrownBy(() -> parse("--part"))
        .hasMessage("--part needs a value");
    assertThatThrownBy(() -> parse("--clients"))
        .hasMessage("--clients needs a value");
    assertThatThrownBy(() -> parse("--verbose"))
        .hasMessage("unknown option '--verbose'");
  }

  @Test
  void partChoosesItsOwnDefaultRunTime() {
    assertThat(parse("--part", "pool").seconds()).isEqualTo(24);
    assertThat(parse("--part=routing").seconds()).isEqualTo(12);
    assertThat(parse("--part", "ALL").seconds()).isEqualTo(36);
    assertThat(parse("--part", " Routing ").part()).isEqualTo(DemoPart.ROUTING);
  }

  @Test
  void explicitSecondsWinOverThePartsDefaultInEitherOrder() {
    assertThat(parse("--seconds", "40", "--part", "routing").seconds()).isEqualTo(40);
    assertThat(parse("--part", "routing", "--seconds", "40").seconds()).isEqualTo(40);
  }

  @Test
  void usageNamesEveryPart() {
    assertThat(DemoOptions.USAGE).contains("--part P", "pool, routing or all", "--seconds N");
  }
}
