package io.cenote.testkit.db;

import static io.cenote.testkit.db.DatabaseEngine.MARIADB;
import static io.cenote.testkit.db.DatabaseEngine.POSTGRESQL;
import static io.cenote.testkit.db.DatabaseRole.PRIMARY;
import static io.cenote.testkit.db.DatabaseRole.REPLICA;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checks {@link ServerControl} makes before it runs the script (which does not exist here). */
class ServerControlTest {

  private static final Path NO_SCRIPT = Path.of("/nonexistent/scripts/db.sh");

  @Test
  void onlyThePostgresReplicaCanBePromoted() {
    assertThatThrownBy(() -> control(POSTGRESQL, PRIMARY).promote())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("only the PostgreSQL replica can be promoted, but this is the PostgreSQL primary");
    assertThatThrownBy(() -> control(MARIADB, REPLICA).promote())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MariaDB replica");
  }

  @Test
  void onlyThePostgresReplicaCanBeRebuilt() {
    assertThatThrownBy(() -> control(POSTGRESQL, PRIMARY).rebuild())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PostgreSQL primary");
    assertThatThrownBy(() -> control(MARIADB, REPLICA).rebuild())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MariaDB replica");
  }

  private static ServerControl control(DatabaseEngine engine, DatabaseRole role) {
    return new ServerControl(NO_SCRIPT, engine, role, ServerControl.DEFAULT_TIMEOUT);
  }
}
