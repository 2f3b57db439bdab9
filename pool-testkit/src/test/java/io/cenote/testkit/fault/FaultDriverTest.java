package io.cenote.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FaultDriverTest {

  @Test
  void isFoundByDriverManagerForItsUrls() throws SQLException {
    Driver driver = DriverManager.getDriver(FaultDriver.STUB_URL);

    assertThat(driver).isInstanceOf(FaultDriver.class);
    assertThat(driver.acceptsURL("jdbc:cenote-fault:postgresql://h/db")).isTrue();
    assertThat(driver.acceptsURL("jdbc:postgresql://h/db")).isFalse();
    assertThat(driver.acceptsURL(null)).isFalse();
  }

  @Test
  void isListedForServiceLoader() throws Exception {
    try (InputStream in = FaultDriver.class.getResourceAsStream(
        "/META-INF/services/java.sql.Driver")) {
      assertThat(in).isNotNull();
      String entry = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .readLine();
      assertThat(entry).isEqualTo(FaultDriver.class.getName());
    }
  }

  @Test
  void registerIsIdempotent() {
    FaultDriver first = FaultDriver.register();
    FaultDriver second = FaultDriver.register();

    assertThat(first).isSameAs(second);
    assertThat(DriverManager.drivers().filter(d -> d == first).count()).isEqualTo(1);
  }

  @Test
  void returnsNullForForeignUrls() throws SQLException {
    assertThat(new FaultDriver().connect("jdbc:other:x", new Properties())).isNull();
  }

  @Test
  void connectsStubThroughDriverManager() throws SQLException {
    String url = FaultDriver.uniqueStubUrl();

    try (Connection connection = DriverManager.getConnection(url)) {
      assertThat(connection).isInstanceOf(FaultConnection.class);
      assertThat(((FaultConnection) connection).isStub()).isTrue();
      assertThat(((FaultConnection) connection).plan()).isSameAs(FaultDriver.plan(url));
    }
  }

  @Test
  void sharedStubUrlHasItsOwnPlan() throws SQLException {
    try (Connection connection = DriverManager.getConnection(FaultDriver.STUB_URL)) {
      assertThat(connection.unwrap(FaultConnection.class).plan().key()).isEqualTo("stub");
    }
  }

  @Test
  void plansAreFoundByKeyOrByAnyFormOfTheirUrl() {
    FaultPlan plan = FaultDriver.plan("stub:lookup");

    assertThat(FaultDriver.plan("jdbc:cenote-fault:stub:lookup")).isSameAs(plan);
    assertThat(FaultDriver.plan("jdbc:cenote-fault:stub:lookup?a=b")).isSameAs(plan);
    assertThat(FaultDriver.plan("stub:other")).isNotSameAs(plan);

    FaultPlan pg = FaultDriver.plan("jdbc:cenote-fault:postgresql://127.0.0.1:5432/app?user=a");
    assertThat(pg.key()).isEqualTo("postgresql://127.0.0.1:5432/app");
    assertThat(FaultDriver.plan("jdbc:postgresql://127.0.0.1:5432/app")).isSameAs(pg);
    assertThat(FaultDriver.plan("*")).isSameAs(FaultDriver.global());
    assertThat(FaultDriver.global().isGlobal()).isTrue();
    assertThat(pg.isGlobal()).isFalse();
  }

  @Test
  void planKeysDropCredentials() {
    assertThat(FaultDriver.plan("jdbc:cenote-fault:mysql://app:secret@h:3306/db").key())
        .isEqualTo("mysql://h:3306/db");
    assertThat(FaultDriver.plan("jdbc:oracle:thin:scott/tiger@h:1521/svc").key())
        .isEqualTo("oracle:thin:@h:1521/svc");
  }

  @Test
  void globalPlanServesNoConnections() {
    SqlAssertions.assertSqlState(() -> DriverManager.getConnection("jdbc:cenote-fault:*"),
        FaultSqlStates.CONNECT_FAILURE);
  }

  @Test
  void buildsUrls() {
    assertThat(FaultDriver.stubUrl("orders")).isEqualTo("jdbc:cenote-fault:stub:orders");
    assertThat(FaultDriver.wrap("jdbc:postgresql://h/db"))
        .isEqualTo("jdbc:cenote-fault:postgresql://h/db");
    assertThat(FaultDriver.uniqueStubUrl()).isNotEqualTo(FaultDriver.uniqueStubUrl());
    assertThatThrownBy(() -> FaultDriver.wrap("postgresql://h/db"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultDriver.stubUrl(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void statsAreSnapshotsOfThePlanCounters() throws SQLException {
    String url = FaultDriver.uniqueStubUrl();
    try (Connection connection = DriverManager.getConnection(url)) {
      connection.isValid(1);
    }

    FaultStats stats = FaultDriver.stats(url);

    assertThat(stats).isEqualTo(new FaultStats(1, 1, 0, 1, 1, 0, 1, 0, 0, 0));
    assertThat(FaultDriver.stats().opened()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void describesItself() {
    FaultDriver driver = new FaultDriver();

    assertThat(driver.jdbcCompliant()).isFalse();
    assertThat(driver.getMajorVersion()).isZero();
    assertThat(driver.getMinorVersion()).isEqualTo(1);
    assertThat(driver.getPropertyInfo(FaultDriver.STUB_URL, new Properties())).isEmpty();
  }
}
