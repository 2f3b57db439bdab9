package io.cenote.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class MissingDatabasePolicyTest {

  private static final String PROBLEM =
      "PostgreSQL primary at jdbc:postgresql://127.0.0.1:5432/appdb is not reachable";

  private final SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused",
      "08001", new ConnectException("Connection refused"));

  @Test
  void outsideCiAMissingServerSkipsTheTest() {
    RuntimeException outcome = new MissingDatabasePolicy(false).unavailable(PROBLEM, refused);

    assertThat(outcome).isInstanceOf(TestAbortedException.class).hasCause(refused);
    assertThat(outcome.getMessage())
        .startsWith("skipped: " + PROBLEM)
        .contains("Connection refused")
        .contains("scripts/db.sh start");
  }

  @Test
  void onCiAMissingServerFailsTheTestNamingTheUrlAndTheCause() {
    RuntimeException outcome = new MissingDatabasePolicy(true).unavailable(PROBLEM, refused);

    assertThat(outcome).isInstanceOf(DatabaseUnavailableException.class).hasCause(refused);
    assertThat(outcome.getMessage())
        .contains("jdbc:postgresql://127.0.0.1:5432/appdb")
        .contains("SQLException: Connection to 127.0.0.1:5432 refused")
        .contains("[caused by java.net.ConnectException: Connection refused]")
        .contains("CI=true")
        .contains("scripts/db.sh start");
  }

  @Test
  void aServerWithoutUrlIsReportedWithoutCause() {
    RuntimeException outcome = new MissingDatabasePolicy(true)
        .unavailable("MariaDB replica is not configured: CENOTE_MARIADB_REPLICA_URL is not set", null);

    assertThat(outcome).isInstanceOf(DatabaseUnavailableException.class).hasNoCause();
    assertThat(outcome.getMessage()).contains("CENOTE_MARIADB_REPLICA_URL is not set");
  }
}
