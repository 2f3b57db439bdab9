package io.cenote.router.internal.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.router.DatabaseType;
import io.cenote.router.NoReplicaPolicy;
import io.cenote.router.Strategy;
import org.junit.jupiter.api.Test;

class EnumTextTest {

  @Test
  void filesAndJavaSpellingsAreBothRead() {
    assertThat(EnumText.parse("strategy", "least-loaded", Strategy.class))
        .isEqualTo(Strategy.LEAST_LOADED);
    assertThat(EnumText.parse("strategy", " ROUND_ROBIN ", Strategy.class))
        .isEqualTo(Strategy.ROUND_ROBIN);
    assertThat(EnumText.parse("noReplicaPolicy", "Fail-Fast", NoReplicaPolicy.class))
        .isEqualTo(NoReplicaPolicy.FAIL_FAST);
    assertThat(EnumText.parse("databaseType", "postgresql", DatabaseType.class))
        .isEqualTo(DatabaseType.POSTGRESQL);
  }

  @Test
  void anythingElseNamesThePropertyItsChoicesAndTheText() {
    assertThatThrownBy(() -> EnumText.parse("strategy", "fastest", Strategy.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strategy must be round-robin, random or least-loaded, but was 'fastest'");
    assertThatThrownBy(() -> EnumText.parse("noReplicaPolicy", "", NoReplicaPolicy.class))
        .hasMessage("noReplicaPolicy must be fallback-to-primary or fail-fast, but was ''");
    assertThatThrownBy(() -> EnumText.parse("databaseType", "db2", DatabaseType.class))
        .hasMessage("databaseType must be postgresql, mysql, sqlite or oracle, but was 'db2'");
  }
}
