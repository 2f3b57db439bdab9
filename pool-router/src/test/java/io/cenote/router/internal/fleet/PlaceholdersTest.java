package io.cenote.router.internal.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

  private final SecretMask secrets = new SecretMask();
  private final Placeholders placeholders = new Placeholders(
      Map.of("DB_HOST", "db1", "DB_PASSWORD", "pw-from-env", "LITERAL", "${DB_HOST}"), secrets);

  private Setting resolve(String name, String value) {
    return placeholders.resolve(new Setting(name, value, "cenote.pools.p." + name));
  }

  @Test
  void variablesAreReplacedAnywhereInTheValue() {
    assertThat(resolve("jdbcUrl", "jdbc:postgresql://${DB_HOST}:5432/${DB_NAME:-orders}").value())
        .isEqualTo("jdbc:postgresql://db1:5432/orders");
    assertThat(resolve("username", "plain").value()).isEqualTo("plain");
  }

  @Test
  void aSetVariableBeatsItsFallbackAndAnEmptyFallbackIsAllowed() {
    assertThat(resolve("username", "${DB_HOST:-other}").value()).isEqualTo("db1");
    assertThat(resolve("username", "x${MISSING:-}y").value()).isEqualTo("xy");
  }

  @Test
  void aVariablesValueIsNotResolvedAgain() {
    assertThat(resolve("username", "${LITERAL}").value()).isEqualTo("${DB_HOST}");
  }

  @Test
  void aMissingVariableWithoutFallbackNamesTheKeyAndTheVariable() {
    assertThatThrownBy(() -> resolve("password", "${NOT_SET}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cenote.pools.p.password: environment variable 'NOT_SET' is not set;"
            + " write ${NOT_SET:-fallback} to give a fallback");
  }

  @Test
  void malformedPlaceholdersNameTheKey() {
    assertThatThrownBy(() -> resolve("username", "${DB_HOST"))
        .hasMessage("cenote.pools.p.username: placeholder '${' is not closed by '}'");
    assertThatThrownBy(() -> resolve("username", "${DB HOST}"))
        .hasMessage("cenote.pools.p.username: placeholder '${DB HOST}' must name an environment"
            + " variable: letters, digits and '_'");
    assertThatThrownBy(() -> resolve("password", "${my secret}"))
        .hasMessageContaining("placeholder '${****}'").hasMessageNotContaining("my secret");
  }

  @Test
  void valuesUsedByASecretBecomeSecrets() {
    resolve("password", "${DB_PASSWORD}");
    resolve("username", "${DB_HOST}");

    assertThat(secrets.mask("pw-from-env at db1")).isEqualTo("**** at db1");
  }
}
