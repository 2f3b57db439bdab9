package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

  private static final String OPTION = "DATABASE_URL";

  @ParameterizedTest
  @CsvSource({
      "jdbc:postgresql://127.0.0.1:5432/appdb, POSTGRES",
      "jdbc:mysql://127.0.0.1:3306/appdb?useSSL=false, MARIADB",
      "jdbc:mariadb://127.0.0.1:3306/appdb, MARIADB",
      "jdbc:sqlite:/tmp/sim.db, SQLITE"})
  void jdbcUrlPassesThroughWithItsKind(String text, Database kind) {
    DatabaseUrl url = DatabaseUrl.parse(text, OPTION);

    assertThat(url.kind()).isEqualTo(kind);
    assertThat(url.jdbcUrl()).isEqualTo(text);
    assertThat(url.user()).isNull();
    assertThat(url.password()).isNull();
  }

  @Test
  void surroundingBlanksAreStripped() {
    DatabaseUrl url = DatabaseUrl.parse("  jdbc:sqlite:sim.db \n", OPTION);

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:sim.db");
  }

  @Test
  void seedFormBecomesAJdbcUrlWithTheCredentialsTakenOut() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s3cret@127.0.0.1:5432/appdb", OPTION);

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/appdb");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("s3cret");
    assertThat(url.kind()).isEqualTo(Database.POSTGRES);
  }

  @ParameterizedTest
  @CsvSource({
      "postgresql+psycopg2://app:pw@db:5432/appdb, jdbc:postgresql://db:5432/appdb, POSTGRES",
      "postgres://app:pw@db/appdb, jdbc:postgresql://db/appdb, POSTGRES",
      "POSTGRESQL://app:pw@db/appdb, jdbc:postgresql://db/appdb, POSTGRES",
      "mysql://app:pw@db:3306/appdb, jdbc:mysql://db:3306/appdb, MARIADB",
      "mysql+pymysql://app:pw@db/appdb, jdbc:mysql://db/appdb, MARIADB",
      "mariadb://app:pw@db:3306/appdb, jdbc:mysql://db:3306/appdb, MARIADB"})
  void everySeedSchemeMapsToItsJdbcUrl(String text, String jdbcUrl, Database kind) {
    DatabaseUrl url = DatabaseUrl.parse(text, OPTION);

    assertThat(url.jdbcUrl()).isEqualTo(jdbcUrl);
    assertThat(url.kind()).isEqualTo(kind);
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("pw");
  }

  @Test
  void percentEncodedUserInfoIsDecoded() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app%2Duser:p%40ss%3Aw%2Fd@db/appdb",
        OPTION);

    assertThat(url.user()).isEqualTo("app-user");
    assertThat(url.password()).isEqualTo("p@ss:w/d");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/appdb");
  }

  @Test
  void plusInUserInfoIsAPlusNotASpace() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app+ro:a+b%2Bc@db/appdb", OPTION);

    assertThat(url.user()).isEqualTo("app+ro");
    assertThat(url.password()).isEqualTo("a+b+c");
  }

  @Test
  void userWithoutPasswordGivesAnEmptyPassword() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app@db/appdb", OPTION);

    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEmpty();
  }

  @Test
  void noUserInfoGivesNoCredentials() {
    DatabaseUrl url = DatabaseUrl.parse("mysql://db/appdb", OPTION);

    assertThat(url.user()).isNull();
    assertThat(url.password()).isNull();
    assertThat(url.masked()).isEqualTo("jdbc:mysql://db/appdb");
  }

  @Test
  void queryStringIsKept() {
    DatabaseUrl url = DatabaseUrl.parse(
        "postgresql://app:s3cret@db:5432/appdb?sslmode=require&connectTimeout=5", OPTION);

    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db:5432/appdb?sslmode=require&connectTimeout=5");
  }

  @Test
  void maskedAndToStringShowTheUserButNotThePassword() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s3cret@127.0.0.1:5432/appdb", OPTION);

    assertThat(url.masked()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/appdb as app");
    assertThat(url.toString()).contains("127.0.0.1:5432/appdb").doesNotContain("s3cret");
  }

  @Test
  void passwordParameterOfAJdbcUrlIsMasked() {
    DatabaseUrl url = DatabaseUrl.parse(
        "jdbc:postgresql://db/appdb?user=app&password=s3cret&ssl=true", OPTION);

    assertThat(url.masked())
        .isEqualTo("jdbc:postgresql://db/appdb?user=app&password=****&ssl=true");
    assertThat(url.toString()).doesNotContain("s3cret");
    assertThat(url.jdbcUrl()).contains("password=s3cret");
  }

  @Test
  void passwordParameterIsMaskedWhateverItsCase() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:mysql://db/appdb?PASSWORD=s3cret", OPTION);

    assertThat(url.masked()).doesNotContain("s3cret");
    assertThat(url.toString()).doesNotContain("s3cret");
  }

  @Test
  void passwordInTheUserInfoOfAJdbcUrlIsMasked() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:mysql://app:s3cret@db:3306/appdb", OPTION);

    assertThat(url.masked()).isEqualTo("jdbc:mysql://app:****@db:3306/appdb");
    assertThat(url.toString()).doesNotContain("s3cret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo://x", "foo://app:pw@db/appdb", "postgresql://host",
      "postgresql://host/", "sqlite://x", "sqlite://x/file.db", "", "   ", "\t\n",
      "jdbc:oracle:thin:@x", "not a url", "jdbc:", "/var/lib/app.db"})
  void unusableUrlIsRejectedNamingTheOption(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DatabaseUrl.parse(text, "--url"))
        .withMessageStartingWith("--url ");
  }

  @Test
  void messageQuotesTheUnusableUrl() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DatabaseUrl.parse("foo://x", OPTION))
        .withMessageStartingWith("DATABASE_URL must be")
        .withMessageContaining("'foo://x'");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "foo://app:s3cret@db/appdb",
      "postgresql://app:s3cret@db",
      "postgresql://app:s3cret@db/",
      "sqlite://app:s3cret@db/file.db",
      "postgresql://app:s3#cret@db/appdb",
      "jdbc:oracle:thin:@db:1521/svc?password=s3cret",
      "jdbc:db2://db/appdb;user=app;password=s3cret;"})
  void messageOfARejectedUrlDoesNotShowThePassword(String text) {
    String password = text.contains("s3#cret") ? "s3#cret" : "s3cret";

    assertThatIllegalArgumentException()
        .isThrownBy(() -> DatabaseUrl.parse(text, OPTION))
        .withMessageStartingWith(OPTION)
        .withMessageNotContaining(password)
        .withMessageContaining("****");
  }

  /** Characters that must be percent-encoded break the URL; the message hides all of them. */
  @ParameterizedTest
  @CsvSource({
      "postgresql://app:p@ss@db/appdb, p@ss",
      "postgresql://app:a/b@db/appdb, a/b",
      "postgresql://app:a?b@db/appdb, a?b"})
  void messageHidesAPasswordWithAnUnencodedSpecialCharacter(String text, String password) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DatabaseUrl.parse(text, OPTION))
        .withMessageContaining("'postgresql://app:****@db/appdb'")
        .withMessageNotContaining(password);
  }
}
