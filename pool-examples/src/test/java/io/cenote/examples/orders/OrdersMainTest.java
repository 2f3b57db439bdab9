package io.cenote.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line: bad options and a database that is not configured. */
class OrdersMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return OrdersMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String errLines() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anUnknownOptionIsOneLineAndStatusTwo() {
    // Act
    int status = run(Map.of(), "sqlite", "--bogus");

    // Assert
    assertThat(status).isEqualTo(2);
    assertThat(errLines()).isEqualTo("example: Unknown option: '--bogus' (--help lists the"
        + " options)" + System.lineSeparator());
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void anUnknownDatabaseIsStatusTwo() {
    // Act
    int status = run(Map.of(), "db2");

    // Assert
    assertThat(status).isEqualTo(2);
    assertThat(errLines()).isEqualTo("example: unknown database 'db2': use sqlite, postgres,"
        + " mariadb or oracle (--help lists the options)" + System.lineSeparator());
  }

  @Test
  void anOrderCountOutOfRangeIsStatusTwo() {
    // Act
    int zero = run(Map.of(), "sqlite", "--orders", "0");
    int word = run(Map.of(), "sqlite", "--orders", "many");

    // Assert
    assertThat(zero).isEqualTo(2);
    assertThat(word).isEqualTo(2);
    assertThat(errLines()).contains("--orders must be 1 to 100, but was 0")
        .contains("'many' is not an int");
    assertThat(errLines().lines()).hasSize(2);
  }

  @Test
  void oracleWithoutAUrlExplainsInOneLineAndFails() {
    // Act
    int status = run(Map.of("ORACLE_USER", "scott"), "oracle");

    // Assert
    assertThat(status).isEqualTo(3);
    assertThat(errLines()).isEqualTo("example: oracle: ORACLE_URL, ORACLE_PASSWORD are not set:"
        + " set ORACLE_URL (e.g. jdbc:oracle:thin:@//dbhost:1521/FREEPDB1), ORACLE_USER and"
        + " ORACLE_PASSWORD to run the Oracle example; no Oracle server runs here"
        + System.lineSeparator());
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void postgresWithoutItsServersPointsToDbSh() {
    // Act
    int status = run(Map.of(), "postgres");

    // Assert
    assertThat(status).isEqualTo(3);
    assertThat(errLines()).contains("CENOTE_PG_PRIMARY_URL")
        .contains("scripts/db.sh start").hasLineCount(1);
  }

  @Test
  void helpListsTheOptionsAndSucceeds() {
    // Act
    int status = run(Map.of(), "--help");

    // Assert
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("DATABASE", "--orders=N");
  }
}
