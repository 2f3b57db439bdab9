package io.cenote.testkit.db;

import static io.cenote.testkit.db.DatabaseEngine.MARIADB;
import static io.cenote.testkit.db.DatabaseEngine.POSTGRESQL;
import static io.cenote.testkit.db.DatabaseRole.PRIMARY;
import static io.cenote.testkit.db.DatabaseRole.REPLICA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseEnvironmentTest {

  @TempDir
  Path repository;

  @Test
  void readsTheEnvFileFoundAboveTheWorkingDirectory() throws IOException {
    Path module = Files.createDirectories(repository.resolve("pool-core/src"));
    writeEnvFile("CENOTE_PG_PRIMARY_URL=jdbc:postgresql://127.0.0.1:5432/appdb",
        "CENOTE_DB_USER=app", "CENOTE_DB_PASSWORD=secret",
        "CENOTE_DB_SCRIPT=" + repository.resolve("scripts/db.sh"));

    DatabaseEnvironment environment = DatabaseEnvironment.load(Map.of(), module);

    assertThat(environment.envFile()).contains(repository.resolve("target/db.env"));
    assertThat(environment.script()).contains(repository.resolve("scripts/db.sh"));
    DatabaseTarget primary = environment.target(POSTGRESQL, PRIMARY).orElseThrow();
    assertThat(primary.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/appdb");
    assertThat(primary.properties())
        .containsEntry("user", "app")
        .containsEntry("password", "secret");
    assertThat(environment.target(POSTGRESQL, REPLICA)).isEmpty();
  }

  @Test
  void environmentVariablesWinOverTheFile() throws IOException {
    writeEnvFile("CENOTE_MARIADB_REPLICA_URL=jdbc:mysql://127.0.0.1:3308/appdb");

    DatabaseEnvironment environment = DatabaseEnvironment.load(
        Map.of("CENOTE_MARIADB_REPLICA_URL", "jdbc:mysql://db.example:3306/appdb", "CI", "true"),
        repository);

    assertThat(environment.target(MARIADB, REPLICA).orElseThrow().jdbcUrl())
        .isEqualTo("jdbc:mysql://db.example:3306/appdb");
    assertThat(environment.ci()).isTrue();
  }

  @Test
  void parsesExportsQuotesAndComments() throws IOException {
    writeEnvFile("# written by scripts/db.sh", "", "export CENOTE_DB_USER='app'",
        "CENOTE_DB_PASSWORD=\"p=w\"", "not a variable");

    assertThat(DatabaseEnvironment.parse(repository.resolve("target/db.env")))
        .containsOnly(Map.entry("CENOTE_DB_USER", "app"), Map.entry("CENOTE_DB_PASSWORD", "p=w"));
  }

  @Test
  void credentialsDefaultToTheScriptsAccount() {
    DatabaseEnvironment environment = DatabaseEnvironment.of(
        Map.of("CENOTE_PG_REPLICA_URL", "jdbc:postgresql://127.0.0.1:5433/appdb"));

    DatabaseTarget replica = environment.target(POSTGRESQL, REPLICA).orElseThrow();

    assertThat(replica.user()).isEqualTo("app");
    assertThat(replica.password()).isEqualTo("app");
    assertThat(environment.configures(POSTGRESQL)).isTrue();
    assertThat(environment.configures(MARIADB)).isFalse();
    assertThat(environment.ci()).isFalse();
  }

  @Test
  void explainsWhatIsMissing() {
    DatabaseEnvironment environment = DatabaseEnvironment.of(Map.of());

    assertThat(environment.whyMissing(MARIADB, PRIMARY))
        .isEqualTo("CENOTE_MARIADB_PRIMARY_URL is not set and no target/db.env was found");
  }

  @Test
  void aTargetWithoutScriptCannotBeControlled() {
    DatabaseTarget target = DatabaseEnvironment.of(
        Map.of("CENOTE_PG_PRIMARY_URL", "jdbc:postgresql://127.0.0.1:5432/appdb?password=x"))
        .target(POSTGRESQL, PRIMARY).orElseThrow();

    assertThatThrownBy(target::server)
        .isInstanceOf(ServerControlException.class)
        .hasMessageContaining("CENOTE_DB_SCRIPT");
    assertThat(target.toString()).contains("password=****").doesNotContain("password=x");
  }

  private void writeEnvFile(String... lines) throws IOException {
    Path file = repository.resolve("target/db.env");
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines));
  }
}
