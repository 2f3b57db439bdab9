package io.cenote.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Detecting the database type from JDBC URLs, ordinary and odd. */
class DatabaseTypeTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "jdbc:postgresql://127.0.0.1:5432/appdb | POSTGRESQL",
      "jdbc:postgresql:appdb | POSTGRESQL",
      "JDBC:PostgreSQL://host/db?ssl=true | POSTGRESQL",
      "'  jdbc:postgresql://h/db  ' | POSTGRESQL",
      "jdbc:mysql://127.0.0.1:3307/appdb?sslMode=DISABLED | MYSQL",
      "jdbc:mysql:loadbalance://h1,h2/db | MYSQL",
      "jdbc:mysql:replication://h1,h2/db | MYSQL",
      "jdbc:mariadb://127.0.0.1:3307/appdb | MYSQL",
      "jdbc:sqlite:/tmp/cache.db | SQLITE",
      "jdbc:sqlite::memory: | SQLITE",
      "jdbc:sqlite:file:cache.db?mode=ro | SQLITE",
      "jdbc:oracle:thin:@//db:1521/orcl | ORACLE",
      "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=db)(PORT=1521))) | ORACLE",
      "jdbc:oracle:oci:@orcl | ORACLE",
      "jdbc:cenote-fault:postgresql://127.0.0.1:5432/appdb | POSTGRESQL",
      "jdbc:cenote-fault:mysql://127.0.0.1:3307/appdb | MYSQL",
      "jdbc:cenote-fault:sqlite:/tmp/x.db | SQLITE",
  })
  void detectsTheType(String url, DatabaseType expected) {
    assertThat(DatabaseType.fromJdbcUrl(url)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:h2:mem:test", "jdbc:mysqlx://h/db", "postgresql://h/db", "",
      "jdbc:cenote-fault:stub:orders", "jdbc:sqlserver://h;databaseName=x"})
  void rejectsOtherUrls(String url) {
    assertThatThrownBy(() -> DatabaseType.fromJdbcUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot tell the database type of jdbcUrl '" + url + "'")
        .hasMessageContaining("jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:, jdbc:sqlite:");
  }

  @Test
  void theMessageMasksPasswords() {
    assertThatThrownBy(() -> DatabaseType.fromJdbcUrl("jdbc:h2:tcp://h/db;PASSWORD=hunter2"))
        .hasMessageContaining("PASSWORD=****")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> DatabaseType.fromJdbcUrl("jdbc:db2://app:hunter2@h/db"))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void eachTypeHasItsDriverAndValidationQuery() {
    assertThat(DatabaseType.POSTGRESQL.dialect().driverClassName())
        .isEqualTo("org.postgresql.Driver");
    assertThat(DatabaseType.MYSQL.dialect().driverClassName())
        .isEqualTo("com.mysql.cj.jdbc.Driver");
    assertThat(DatabaseType.SQLITE.dialect().driverClassName()).isEqualTo("org.sqlite.JDBC");
    assertThat(DatabaseType.ORACLE.dialect().driverClassName())
        .isEqualTo("oracle.jdbc.OracleDriver");
    assertThat(DatabaseType.ORACLE.dialect().validationQuery()).isEqualTo("SELECT 1 FROM DUAL");
    assertThat(DatabaseType.POSTGRESQL.dialect().validationQuery()).isEqualTo("SELECT 1");
  }
}
