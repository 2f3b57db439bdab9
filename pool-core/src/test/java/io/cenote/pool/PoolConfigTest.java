package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.cenote.testkit.TestDataSource;
import io.cenote.testkit.fault.FaultDriver;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of {@link PoolConfig}: defaults, setters, cross-field checks, loading, masking. */
class PoolConfigTest {

  @Nested
  class Defaults {

    @Test
    void everyDefaultMatchesTheReference() {
      PoolConfig c = PoolConfig.builder().build();

      assertThat(c.poolName()).matches("cenote-\\d+");
      assertThat(c.jdbcUrl()).isNull();
      assertThat(c.maskedJdbcUrl()).isNull();
      assertThat(c.username()).isNull();
      assertThat(c.password()).isNull();
      assertThat(c.driverProperties()).isEmpty();
      assertThat(c.dataSource()).isNull();
      assertThat(c.maxSize()).isEqualTo(10);
      assertThat(c.minIdle()).isEqualTo(10);
      assertThat(c.maxOverflow()).isZero();
      assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(c.maxLifetime()).isEqualTo(Duration.ofMinutes(30));
      assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
      assertThat(c.maxUses()).isZero();
      assertThat(c.validateOnBorrow()).isTrue();
      assertThat(c.validationBypassWindow()).isEqualTo(Duration.ofMillis(500));
      assertThat(c.validationQuery()).isNull();
      assertThat(c.validationTimeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(c.keepaliveInterval()).isEqualTo(Duration.ofMinutes(2));
      assertThat(c.leakDetectionThreshold()).isZero();
      assertThat(c.leakReclaim()).isZero();
      assertThat(c.connectionInitSql()).isNull();
      assertThat(c.autoCommit()).isNull();
      assertThat(c.readOnly()).isNull();
      assertThat(c.transactionIsolation()).isEqualTo(PoolConfig.DRIVER_DEFAULT_ISOLATION);
      assertThat(c.catalog()).isNull();
      assertThat(c.schema()).isNull();
      assertThat(c.defaultQueryTimeout()).isZero();
      assertThat(c.initializationFailTimeout()).isEqualTo(Duration.ofSeconds(1));
      assertThat(c.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(5));
      assertThat(c.registerMbean()).isTrue();
      assertThat(c.adaptiveSizing()).isFalse();
      assertThat(c.adaptiveMinSize()).isEqualTo(1);
      assertThat(c.adaptiveMaxSize()).isEqualTo(10);
      assertThat(c.healthMaxUtilisation()).isEqualTo(0.9);
      assertThat(c.healthMaxP99Wait()).isEqualTo(Duration.ofMillis(100));
      assertThat(c.healthMinHitRate()).isEqualTo(0.8);
      assertThat(c.healthMaxValidationFailureRate()).isEqualTo(0.1);
      assertThat(c.listeners()).isEmpty();
      assertThat(c.ticker()).isNotNull();
    }

    @Test
    void generatedPoolNamesAreDistinct() {
      assertThat(PoolConfig.builder().build().poolName())
          .isNotEqualTo(PoolConfig.builder().build().poolName());
    }

    @Test
    void minIdleAndAdaptiveMaxSizeFollowMaxSizeUnlessSet() {
      PoolConfig c = PoolConfig.builder().maxSize(4).build();

      assertThat(c.minIdle()).isEqualTo(4);
      assertThat(c.adaptiveMaxSize()).isEqualTo(4);
    }

    @Test
    void systemTickerIsMonotonicNanoTime() {
      Ticker t = PoolConfig.builder().build().ticker();
      long before = System.nanoTime();

      long reading = t.read();

      assertThat(reading).isBetween(before, System.nanoTime());
    }
  }

  @Nested
  class SetterRules {

    static Stream<Arguments> rejected() {
      return Stream.of(
          bad("maxSize must be >= 1, but was 0", b -> b.maxSize(0)),
          bad("maxSize must be >= 1, but was -3", b -> b.maxSize(-3)),
          bad("minIdle must be >= 0, but was -1", b -> b.minIdle(-1)),
          bad("maxOverflow must be >= 0, but was -1", b -> b.maxOverflow(-1)),
          bad("acquireTimeout must be > 0, but was PT0S", b -> b.acquireTimeout(Duration.ZERO)),
          bad("acquireTimeout must be > 0, but was PT-1S",
              b -> b.acquireTimeout(Duration.ofSeconds(-1))),
          bad("maxLifetime must be 0 (never) or >= PT1S, but was PT0.5S",
              b -> b.maxLifetime(Duration.ofMillis(500))),
          bad("maxLifetime must be >= 0, but was PT-1S",
              b -> b.maxLifetime(Duration.ofSeconds(-1))),
          bad("idleTimeout must be >= 0, but was PT-0.001S",
              b -> b.idleTimeout(Duration.ofMillis(-1))),
          bad("maxUses must be >= 0, but was -1", b -> b.maxUses(-1)),
          bad("validationBypassWindow must be >= 0, but was PT-1S",
              b -> b.validationBypassWindow(Duration.ofSeconds(-1))),
          bad("validationQuery must not be blank", b -> b.validationQuery("  ")),
          bad("validationTimeout must be > 0, but was PT0S",
              b -> b.validationTimeout(Duration.ZERO)),
          bad("keepaliveInterval must be >= 0, but was PT-1M",
              b -> b.keepaliveInterval(Duration.ofMinutes(-1))),
          bad("leakDetectionThreshold must be >= 0, but was PT-1S",
              b -> b.leakDetectionThreshold(Duration.ofSeconds(-1))),
          bad("leakReclaim must be >= 0, but was PT-1S",
              b -> b.leakReclaim(Duration.ofSeconds(-1))),
          bad("connectionInitSql must not be blank", b -> b.connectionInitSql("")),
          bad("transactionIsolation must be a Connection.TRANSACTION_* constant, but was 3",
              b -> b.transactionIsolation(3)),
          bad("transactionIsolation must be a Connection.TRANSACTION_* constant, but was -1",
              b -> b.transactionIsolation(PoolConfig.DRIVER_DEFAULT_ISOLATION)),
          bad("defaultQueryTimeout must be a whole number of seconds, but was PT1.5S",
              b -> b.defaultQueryTimeout(Duration.ofMillis(1500))),
          bad("defaultQueryTimeout must be >= 0, but was PT-1S",
              b -> b.defaultQueryTimeout(Duration.ofSeconds(-1))),
          bad("shutdownGracePeriod must be >= 0, but was PT-1S",
              b -> b.shutdownGracePeriod(Duration.ofSeconds(-1))),
          bad("adaptiveMinSize must be >= 1, but was 0", b -> b.adaptiveMinSize(0)),
          bad("adaptiveMaxSize must be >= 1, but was 0", b -> b.adaptiveMaxSize(0)),
          bad("healthMaxUtilisation must be between 0.0 and 1.0, but was 1.5",
              b -> b.healthMaxUtilisation(1.5)),
          bad("healthMaxUtilisation must be between 0.0 and 1.0, but was NaN",
              b -> b.healthMaxUtilisation(Double.NaN)),
          bad("healthMaxP99Wait must be >= 0, but was PT-0.001S",
              b -> b.healthMaxP99Wait(Duration.ofMillis(-1))),
          bad("healthMinHitRate must be between 0.0 and 1.0, but was -0.1",
              b -> b.healthMinHitRate(-0.1)),
          bad("healthMaxValidationFailureRate must be between 0.0 and 1.0, but was 2.0",
              b -> b.healthMaxValidationFailureRate(2.0)),
          bad("poolName must contain only letters, digits and '.', '_', '-', but was 'my pool'",
              b -> b.poolName("my pool")),
          bad("poolName must contain only letters, digits and '.', '_', '-', but was ''",
              b -> b.poolName("")),
          bad("poolName must contain only letters, digits and '.', '_', '-', but was 'a,b=c'",
              b -> b.poolName("a,b=c")),
          bad("jdbcUrl must start with 'jdbc:', but was 'postgresql://db/app'",
              b -> b.jdbcUrl("postgresql://db/app")));
    }

    private static Arguments bad(String message, Consumer<PoolConfig.Builder> setter) {
      return Arguments.of(message, setter);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsABadValueAtOnceNamingPropertyAndValue(String message,
        Consumer<PoolConfig.Builder> setter) {
      PoolConfig.Builder b = PoolConfig.builder();

      assertThatThrownBy(() -> setter.accept(b))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage(message);
    }

    @Test
    void aRejectedValueLeavesThePreviousOneInPlace() {
      PoolConfig.Builder b = PoolConfig.builder().maxSize(5).acquireTimeout(Duration.ofSeconds(2));

      assertThatThrownBy(() -> b.maxSize(0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.acquireTimeout(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);

      PoolConfig c = b.build();
      assertThat(c.maxSize()).isEqualTo(5);
      assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void boundaryValuesAreAccepted() {
      PoolConfig c = PoolConfig.builder()
          .poolName("Orders_db.v2-primary")
          .maxSize(1).minIdle(0).maxOverflow(0)
          .acquireTimeout(Duration.ofNanos(1))
          .maxLifetime(Duration.ZERO)
          .idleTimeout(Duration.ZERO)
          .validationBypassWindow(Duration.ZERO)
          .keepaliveInterval(Duration.ZERO)
          .defaultQueryTimeout(Duration.ofSeconds(3))
          .initializationFailTimeout(Duration.ofSeconds(-1))
          .shutdownGracePeriod(Duration.ZERO)
          .healthMaxUtilisation(0.0).healthMinHitRate(1.0)
          .healthMaxP99Wait(Duration.ZERO)
          .build();

      assertThat(c.poolName()).isEqualTo("Orders_db.v2-primary");
      assertThat(c.maxLifetime()).isZero();
      assertThat(c.initializationFailTimeout()).isNegative();
      assertThat(c.defaultQueryTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(PoolConfig.builder().maxLifetime(Duration.ofSeconds(1)).build().maxLifetime())
          .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void everyIsolationConstantIsAccepted() {
      for (int level : new int[] {Connection.TRANSACTION_NONE,
          Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED,
          Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE}) {
        assertThat(PoolConfig.builder().transactionIsolation(level).build()
            .transactionIsolation()).isEqualTo(level);
      }
    }

    @Test
    void nullsAreRejectedNamingTheProperty() {
      PoolConfig.Builder b = PoolConfig.builder();

      assertThatThrownBy(() -> b.jdbcUrl(null)).isInstanceOf(NullPointerException.class)
          .hasMessage("jdbcUrl");
      assertThatThrownBy(() -> b.maxLifetime(null)).isInstanceOf(NullPointerException.class)
          .hasMessage("maxLifetime");
      assertThatThrownBy(() -> b.acquireTimeout(null)).isInstanceOf(NullPointerException.class)
          .hasMessage("acquireTimeout");
      assertThatThrownBy(() -> b.initializationFailTimeout(null))
          .isInstanceOf(NullPointerException.class).hasMessage("initializationFailTimeout");
      assertThatThrownBy(() -> b.listener(null)).isInstanceOf(NullPointerException.class)
          .hasMessage("listener");
      assertThatThrownBy(() -> b.ticker(null)).isInstanceOf(NullPointerException.class)
          .hasMessage("ticker");
    }

    @Test
    void theBadJdbcUrlInAnErrorIsMasked() {
      assertThatThrownBy(() -> PoolConfig.builder().jdbcUrl("postgresql://app:s3cr3t@db/app"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("postgresql://app:****@db/app")
          .hasMessageNotContaining("s3cr3t");
    }
  }

  @Nested
  class CrossFieldRules {

    @Test
    void minIdleMustNotExceedMaxSize() {
      PoolConfig.Builder b = PoolConfig.builder().maxSize(3).minIdle(5);

      assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("minIdle must be <= maxSize (3), but was 5");
    }

    @Test
    void minIdleMayEqualMaxSizeInEitherSetterOrder() {
      assertThat(PoolConfig.builder().minIdle(20).maxSize(20).build().minIdle()).isEqualTo(20);
    }

    @Test
    void jdbcUrlAndDataSourceAreExclusive() {
      PoolConfig.Builder b = PoolConfig.builder().jdbcUrl(FaultDriver.uniqueStubUrl())
          .dataSource(new NoDataSource());

      assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("set either jdbcUrl or dataSource, not both");
    }

    @Test
    void leakReclaimNeedsLeakDetection() {
      PoolConfig.Builder b = PoolConfig.builder().leakReclaim(Duration.ofMinutes(1));

      assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("leakReclaim requires leakDetectionThreshold to be set, but it is off");
    }

    @Test
    void leakReclaimMustExceedTheDetectionThreshold() {
      PoolConfig.Builder same = PoolConfig.builder()
          .leakDetectionThreshold(Duration.ofSeconds(10)).leakReclaim(Duration.ofSeconds(10));
      PoolConfig.Builder lower = PoolConfig.builder()
          .leakDetectionThreshold(Duration.ofSeconds(10)).leakReclaim(Duration.ofSeconds(5));

      assertThatThrownBy(same::build).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("leakReclaim must be > leakDetectionThreshold (PT10S), but was PT10S");
      assertThatThrownBy(lower::build).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("leakReclaim must be > leakDetectionThreshold (PT10S), but was PT5S");
      assertThat(PoolConfig.builder().leakDetectionThreshold(Duration.ofSeconds(10))
          .leakReclaim(Duration.ofSeconds(11)).build().leakReclaim())
          .isEqualTo(Duration.ofSeconds(11));
    }

    @Test
    void adaptiveBoundsMustEncloseMaxSize() {
      PoolConfig.Builder minTooHigh = PoolConfig.builder().adaptiveSizing(true).maxSize(3)
          .adaptiveMinSize(5).adaptiveMaxSize(8);
      PoolConfig.Builder maxTooLow = PoolConfig.builder().adaptiveSizing(true).maxSize(3)
          .adaptiveMaxSize(2);

      assertThatThrownBy(minTooHigh::build).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("adaptiveMinSize must be <= maxSize (3), but was 5");
      assertThatThrownBy(maxTooLow::build).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("adaptiveMaxSize must be >= maxSize (3), but was 2");
    }

    @Test
    void adaptiveBoundsAreOnlyCheckedWithAdaptiveSizingOn() {
      PoolConfig c = PoolConfig.builder().maxSize(3).adaptiveMaxSize(2).build();

      assertThat(c.adaptiveSizing()).isFalse();
      assertThat(c.adaptiveMaxSize()).isEqualTo(2);
    }

    @Test
    void aPoolNeedsAConnectionSource() {
      PoolConfig c = PoolConfig.builder().poolName("nowhere").registerMbean(false).build();

      assertThatThrownBy(() -> ConnectionPool.create(c))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("jdbcUrl or dataSource must be set for pool 'nowhere', but neither was");
    }
  }

  @Nested
  class Immutability {

    @Test
    void driverPropertiesAreCopiedInAndOut() {
      PoolConfig c = PoolConfig.builder().driverProperty("ssl", "true").build();

      c.driverProperties().setProperty("ssl", "false");
      c.driverProperties().setProperty("extra", "x");

      assertThat(c.driverProperties()).containsOnlyKeys("ssl").containsEntry("ssl", "true");
    }

    @Test
    void listenersCannotBeChangedAfterBuild() {
      PoolConfig c = PoolConfig.builder().listener(new PoolListener() {}).build();

      assertThatThrownBy(() -> c.listeners().add(new PoolListener() {}))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theBuilderCanBeReusedWithoutChangingBuiltConfigs() {
      PoolConfig.Builder b = PoolConfig.builder().maxSize(2);
      PoolConfig first = b.build();

      b.maxSize(7).driverProperty("a", "b");

      assertThat(first.maxSize()).isEqualTo(2);
      assertThat(first.driverProperties()).isEmpty();
    }

    @Test
    void toBuilderCopiesEverySetting() {
      PoolListener listener = new PoolListener() {};
      Ticker ticker = () -> 42L;
      PoolConfig c = PoolConfig.builder().poolName("copy").jdbcUrl("jdbc:x:y").username("u")
          .password("p").driverProperty("k", "v").maxSize(5).minIdle(2).maxOverflow(1)
          .acquireTimeout(Duration.ofSeconds(3)).maxLifetime(Duration.ofMinutes(5))
          .idleTimeout(Duration.ofMinutes(1)).maxUses(9).validateOnBorrow(false)
          .validationBypassWindow(Duration.ofMillis(7)).validationQuery("SELECT 1")
          .validationTimeout(Duration.ofSeconds(2)).keepaliveInterval(Duration.ofSeconds(30))
          .leakDetectionThreshold(Duration.ofSeconds(4)).leakReclaim(Duration.ofSeconds(8))
          .connectionInitSql("SET x").autoCommit(false).readOnly(true)
          .transactionIsolation(Connection.TRANSACTION_SERIALIZABLE).catalog("cat")
          .schema("sch").defaultQueryTimeout(Duration.ofSeconds(6))
          .initializationFailTimeout(Duration.ofSeconds(-1))
          .shutdownGracePeriod(Duration.ofSeconds(1)).registerMbean(false)
          .adaptiveSizing(true).adaptiveMinSize(2).adaptiveMaxSize(6)
          .healthMaxUtilisation(0.5).healthMaxP99Wait(Duration.ofMillis(3))
          .healthMinHitRate(0.4).healthMaxValidationFailureRate(0.2)
          .listener(listener).ticker(ticker).build();

      PoolConfig copy = c.toBuilder().build();

      assertThat(copy).usingRecursiveComparison().isEqualTo(c);
      assertThat(copy.listeners()).containsExactly(listener);
      assertThat(copy.ticker()).isSameAs(ticker);
    }

    @Test
    void toBuilderKeepsAGeneratedPoolName() {
      PoolConfig unnamed = PoolConfig.builder().jdbcUrl("jdbc:x:y").build();

      PoolConfig copy = unnamed.toBuilder().build();
      PoolConfig variant = copy.toBuilder().maxSize(3).build();

      assertThat(unnamed.poolName()).matches("cenote-\\d+");
      assertThat(copy.poolName()).isEqualTo(unnamed.poolName());
      assertThat(variant.poolName()).isEqualTo(unnamed.poolName());
    }

    @Test
    void toBuilderCanStillRenameThePool() {
      PoolConfig unnamed = PoolConfig.builder().build();

      assertThat(unnamed.toBuilder().poolName("orders").build().poolName()).isEqualTo("orders");
    }

    @Test
    void toBuilderKeepsDefaultsThatFollowMaxSizeFollowing() {
      PoolConfig base = PoolConfig.builder().maxSize(10).build();

      PoolConfig smaller = base.toBuilder().maxSize(4).build();
      PoolConfig larger = base.toBuilder().maxSize(20).build();

      assertThat(smaller.minIdle()).isEqualTo(4);
      assertThat(larger.minIdle()).isEqualTo(20);
      assertThat(larger.adaptiveMaxSize()).isEqualTo(20);
    }

    @Test
    void toBuilderKeepsExplicitMinIdle() {
      PoolConfig base = PoolConfig.builder().maxSize(10).minIdle(2).build();

      assertThat(base.toBuilder().maxSize(20).build().minIdle()).isEqualTo(2);
    }

    @Test
    void toBuilderOfAnAdaptiveConfigCanGrowMaxSize() {
      PoolConfig base = PoolConfig.builder().adaptiveSizing(true).maxSize(4).build();

      PoolConfig grown = base.toBuilder().maxSize(8).build();

      assertThat(grown.adaptiveMaxSize()).isEqualTo(8);
      assertThat(grown.adaptiveMinSize()).isEqualTo(1);
    }
  }

  @Nested
  class FromProperties {

    private Properties props(String... keyValues) {
      Properties p = new Properties();
      for (int i = 0; i < keyValues.length; i += 2) {
        p.setProperty(keyValues[i], keyValues[i + 1]);
      }
      return p;
    }

    @Test
    void readsEveryPropertyName() {
      Properties p = props(
          "poolName", "orders",
          "jdbcUrl", "jdbc:postgresql://db:5432/app",
          "username", "app",
          "password", "s3cr3t",
          "minIdle", "2",
          "maxSize", "8",
          "maxOverflow", "3",
          "acquireTimeout", "5s",
          "maxLifetime", "20m",
          "idleTimeout", "2m",
          "maxUses", "100",
          "validateOnBorrow", "false",
          "validationBypassWindow", "250ms",
          "validationQuery", "SELECT 1",
          "validationTimeout", "2s",
          "keepaliveInterval", "1m",
          "leakDetectionThreshold", "30s",
          "leakReclaim", "5m",
          "connectionInitSql", "SET application_name = 'orders'",
          "autoCommit", "false",
          "readOnly", "true",
          "transactionIsolation", "REPEATABLE_READ",
          "catalog", "cat",
          "schema", "sales",
          "defaultQueryTimeout", "15s",
          "initializationFailTimeout", "-1",
          "shutdownGracePeriod", "10s",
          "registerMbean", "false",
          "adaptiveSizing", "true",
          "adaptiveMinSize", "4",
          "adaptiveMaxSize", "16");

      PoolConfig c = PoolConfig.fromProperties(p);

      assertThat(c.poolName()).isEqualTo("orders");
      assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app");
      assertThat(c.username()).isEqualTo("app");
      assertThat(c.password()).isEqualTo("s3cr3t");
      assertThat(c.minIdle()).isEqualTo(2);
      assertThat(c.maxSize()).isEqualTo(8);
      assertThat(c.maxOverflow()).isEqualTo(3);
      assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(c.maxLifetime()).isEqualTo(Duration.ofMinutes(20));
      assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
      assertThat(c.maxUses()).isEqualTo(100);
      assertThat(c.validateOnBorrow()).isFalse();
      assertThat(c.validationBypassWindow()).isEqualTo(Duration.ofMillis(250));
      assertThat(c.validationQuery()).isEqualTo("SELECT 1");
      assertThat(c.validationTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(c.keepaliveInterval()).isEqualTo(Duration.ofMinutes(1));
      assertThat(c.leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(30));
      assertThat(c.leakReclaim()).isEqualTo(Duration.ofMinutes(5));
      assertThat(c.connectionInitSql()).isEqualTo("SET application_name = 'orders'");
      assertThat(c.autoCommit()).isFalse();
      assertThat(c.readOnly()).isTrue();
      assertThat(c.transactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
      assertThat(c.catalog()).isEqualTo("cat");
      assertThat(c.schema()).isEqualTo("sales");
      assertThat(c.defaultQueryTimeout()).isEqualTo(Duration.ofSeconds(15));
      assertThat(c.initializationFailTimeout()).isEqualTo(Duration.ofMillis(-1));
      assertThat(c.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(10));
      assertThat(c.registerMbean()).isFalse();
      assertThat(c.adaptiveSizing()).isTrue();
      assertThat(c.adaptiveMinSize()).isEqualTo(4);
      assertThat(c.adaptiveMaxSize()).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "500ms, 500",
        "30s, 30000",
        "10m, 600000",
        "2h, 7200000",
        "1d, 86400000",
        "2500, 2500",
        "PT30S, 30000",
        "PT1M30S, 90000",
        "' 45s ', 45000",
        "10 s, 10000",
        "3S, 3000",
        "pt2s, 2000"})
    void readsEveryDurationForm(String text, long millis) {
      PoolConfig c = PoolConfig.fromProperties(props("acquireTimeout", text));

      assertThat(c.acquireTimeout()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void readsSubMillisecondUnits() {
      PoolConfig c = PoolConfig.fromProperties(props("acquireTimeout", "1500us"));

      assertThat(c.acquireTimeout()).isEqualTo(Duration.ofNanos(1_500_000));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "READ_COMMITTED, 2",
        "TRANSACTION_SERIALIZABLE, 8",
        "read committed, 2",
        "repeatable_read, 4",
        "READ_UNCOMMITTED, 1",
        "NONE, 0",
        "8, 8"})
    void readsIsolationNamesAndConstants(String text, int level) {
      PoolConfig c = PoolConfig.fromProperties(props("transactionIsolation", text));

      assertThat(c.transactionIsolation()).isEqualTo(level);
    }

    @Test
    void rejectsAnUnknownIsolationNamingPropertyAndValue() {
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("transactionIsolation", "snapshot")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("transactionIsolation")
          .hasMessageContaining("'snapshot'");
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("transactionIsolation", "3")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("transactionIsolation must be a Connection.TRANSACTION_* constant,"
              + " but was 3");
    }

    @Test
    void booleansMustBeTrueOrFalse() {
      assertThat(PoolConfig.fromProperties(props("readOnly", "TRUE")).readOnly()).isTrue();
      assertThat(PoolConfig.fromProperties(props("readOnly", " false ")).readOnly()).isFalse();

      assertThatThrownBy(() -> PoolConfig.fromProperties(props("validateOnBorrow", "yes")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("validateOnBorrow must be true or false, but was 'yes'");
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("registerMbean", "1")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("registerMbean must be true or false, but was '1'");
    }

    @Test
    void rejectsBadNumbersAndDurationsNamingPropertyAndValue() {
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("maxSize", "ten")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxSize must be an integer, but was 'ten'");
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("maxSize", "0")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxSize must be >= 1, but was 0");
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("maxSize", "99999999999")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxSize must be an integer, but was '99999999999'");
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("acquireTimeout", "soon")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("acquireTimeout must be a duration such as 500ms, 30s, 10m or PT30S,"
              + " but was 'soon'");
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("idleTimeout", "1.5s")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("idleTimeout must be a duration")
          .hasMessageContaining("'1.5s'");
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("acquireTimeout", "0s")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("acquireTimeout must be > 0, but was PT0S");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"99999999999999999999s", "999999999999999999d", "9999999999999999999us"})
    void rejectsOutOfRangeDurationsNamingTheProperty(String text) {
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("maxLifetime", text)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("maxLifetime")
          .hasMessageContaining("'" + text + "'");
    }

    @Test
    void driverPrefixedKeysGoToTheDriverWithoutThePrefix() {
      PoolConfig c = PoolConfig.fromProperties(props(
          "driver.ssl", "true", "driver.socketTimeout", "30", "driver.password", "x"));

      assertThat(c.driverProperties()).containsOnly(Map.entry("ssl", "true"),
          Map.entry("socketTimeout", "30"), Map.entry("password", "x"));
    }

    @Test
    void aBareDriverPrefixIsAnUnknownProperty() {
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("driver.", "x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unknown pool property 'driver.'");
    }

    @Test
    void healthThresholdsWindowAndConnectTimeoutLoadLikeEveryOtherSetting() {
      PoolConfig c = PoolConfig.fromProperties(props("healthMaxUtilisation", "0.75",
          "healthMaxP99Wait", "250ms", "healthMinHitRate", "0.5",
          "healthMaxValidationFailureRate", "0.2", "healthWindow", "30s",
          "connectTimeout", "2s"));
      assertThat(c.healthMaxUtilisation()).isEqualTo(0.75);
      assertThat(c.healthMaxP99Wait()).isEqualTo(Duration.ofMillis(250));
      assertThat(c.healthMinHitRate()).isEqualTo(0.5);
      assertThat(c.healthMaxValidationFailureRate()).isEqualTo(0.2);
      assertThat(c.healthWindow()).isEqualTo(Duration.ofSeconds(30));
      assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(2));

      PoolConfig e = PoolConfig.fromEnvironment(java.util.Map.of("CENOTE_HEALTH_MIN_HIT_RATE",
          "0.6", "CENOTE_HEALTH_WINDOW", "2m"));
      assertThat(e.healthMinHitRate()).isEqualTo(0.6);
      assertThat(e.healthWindow()).isEqualTo(Duration.ofMinutes(2));

      assertThatThrownBy(() -> PoolConfig.fromProperties(props("healthMinHitRate", "lots")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("healthMinHitRate must be a number, but was 'lots'");
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("healthMaxUtilisation", "1.5")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("healthMaxUtilisation must be between 0.0 and 1.0, but was 1.5");
      assertThatThrownBy(() -> PoolConfig.builder().healthWindow(Duration.ofMillis(500)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("healthWindow must be >= 1s, but was PT0.5S");
      assertThatThrownBy(() -> PoolConfig.builder().connectTimeout(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("connectTimeout must be > 0, but was PT0S");
    }

    @Test
    void rejectsAnUnknownPropertySoATypoIsNotIgnored() {
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("maxSize", "4", "maxsize", "5")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unknown pool property 'maxsize'");
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("healthMinHitrate", "0.5")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unknown pool property 'healthMinHitrate'");
    }

    @Test
    void thePrefixedVariantReadsOnlyItsOwnKeys() {
      Properties p = props(
          "orders.maxSize", "5",
          "orders.minIdle", "1",
          "orders.driver.ssl", "true",
          "billing.maxSize", "99",
          "unrelated", "whatever");

      PoolConfig c = PoolConfig.fromProperties(p, "orders.");

      assertThat(c.maxSize()).isEqualTo(5);
      assertThat(c.minIdle()).isEqualTo(1);
      assertThat(c.driverProperties()).containsOnly(Map.entry("ssl", "true"));
    }

    @Test
    void thePrefixedVariantNamesTheWholeKeyOfATypo() {
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("orders.maxSiz", "5"), "orders."))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unknown pool property 'orders.maxSiz'");
    }

    @Test
    void crossFieldRulesApply() {
      assertThatThrownBy(() -> PoolConfig.fromProperties(props("maxSize", "3", "minIdle", "5")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("minIdle must be <= maxSize (3), but was 5");
    }

    @Test
    void defaultsPropertiesAreSeen() {
      Properties defaults = props("maxSize", "6");
      Properties p = new Properties(defaults);
      p.setProperty("minIdle", "1");

      PoolConfig c = PoolConfig.fromProperties(p);

      assertThat(c.maxSize()).isEqualTo(6);
      assertThat(c.minIdle()).isEqualTo(1);
    }

    @Test
    void emptyPropertiesGiveTheDefaults() {
      PoolConfig c = PoolConfig.fromProperties(new Properties());

      assertThat(c.maxSize()).isEqualTo(10);
      assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(30));
    }
  }

  @Nested
  class SetByName {

    @Test
    void propertyNamesListEveryKeySortedAndEachIsAccepted() {
      Set<String> names = PoolConfig.propertyNames();

      assertThat(names).contains("poolName", "jdbcUrl", "maxSize", "acquireTimeout",
          "connectionBackoff", "healthWindow", "adaptiveMaxSize")
          .doesNotContain("dataSource", "listener", "ticker");
      assertThat(new ArrayList<>(names)).isSorted();
      assertThat(names).hasSize(38);
      for (String name : names) {
        Throwable thrown = catchThrowable(() -> PoolConfig.builder().set(name, "x"));
        assertThat(thrown == null ? "" : thrown.getMessage())
            .as(name + " is known, so at most its value can be wrong")
            .doesNotStartWith("unknown");
      }
      assertThatThrownBy(() -> names.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void setAppliesTextAsFromPropertiesDoes() {
      Properties p = new Properties();
      p.setProperty("poolName", "fleet-a");
      p.setProperty("jdbcUrl", "jdbc:postgresql://db1/app");
      p.setProperty("maxSize", "20");
      p.setProperty("minIdle", "2");
      p.setProperty("acquireTimeout", "PT5S");
      p.setProperty("maxUses", "5000000000");
      p.setProperty("validateOnBorrow", "FALSE");
      p.setProperty("transactionIsolation", "serializable");
      p.setProperty("connectionBackoff", "fixed(100ms)");
      p.setProperty("healthMinHitRate", "0.5");
      p.setProperty("driver.ssl", "true");

      PoolConfig.Builder b = PoolConfig.builder();
      for (String key : p.stringPropertyNames()) {
        assertThat(b.set(key, p.getProperty(key))).isSameAs(b);
      }
      PoolConfig bySet = b.build();

      assertThat(bySet).usingRecursiveComparison().ignoringFields("connectionBackoff")
          .isEqualTo(PoolConfig.fromProperties(p));
      assertThat(bySet.maxUses()).isEqualTo(5_000_000_000L);
      assertThat(bySet.driverProperties()).containsOnly(Map.entry("ssl", "true"));
      assertThat(bySet.connectionBackoff()).hasToString(
          PoolConfig.fromProperties(p).connectionBackoff().toString());
    }

    @Test
    void anUnknownPropertyIsNamed() {
      PoolConfig.Builder b = PoolConfig.builder();

      assertThatThrownBy(() -> b.set("maxsize", "5"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unknown pool property 'maxsize'");
      assertThatThrownBy(() -> b.set("driver.", "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unknown pool property 'driver.'");
    }

    @Test
    void aBadValueNamesThePropertyAndTheValue() {
      PoolConfig.Builder b = PoolConfig.builder();

      assertThatThrownBy(() -> b.set("maxSize", "many"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxSize must be an integer, but was 'many'");
      assertThatThrownBy(() -> b.set("maxSize", "0"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxSize must be >= 1, but was 0");
      assertThatThrownBy(() -> b.set("acquireTimeout", "soon"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("acquireTimeout must be a duration such as 500ms, 30s, 10m or PT30S,"
              + " but was 'soon'");
      assertThat(b.build().maxSize()).as("a rejected value changes nothing").isEqualTo(10);
    }

    @Test
    void nullsAreRejected() {
      PoolConfig.Builder b = PoolConfig.builder();

      assertThatThrownBy(() -> b.set(null, "1")).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> b.set("maxSize", null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Nested
  class FromEnvironment {

    @Test
    void readsEveryVariableOfTheReference() {
      Map<String, String> env = new HashMap<>();
      env.put("CENOTE_POOL_NAME", "env-pool");
      env.put("CENOTE_JDBC_URL", "jdbc:mysql://db:3306/app");
      env.put("CENOTE_USERNAME", "app");
      env.put("CENOTE_PASSWORD", "s3cr3t");
      env.put("CENOTE_MIN_IDLE", "1");
      env.put("CENOTE_MAX_SIZE", "7");
      env.put("CENOTE_MAX_OVERFLOW", "2");
      env.put("CENOTE_ACQUIRE_TIMEOUT", "5s");
      env.put("CENOTE_MAX_LIFETIME", "PT15M");
      env.put("CENOTE_IDLE_TIMEOUT", "90000");
      env.put("CENOTE_MAX_USES", "50");
      env.put("CENOTE_VALIDATE_ON_BORROW", "false");
      env.put("CENOTE_VALIDATION_BYPASS_WINDOW", "1s");
      env.put("CENOTE_VALIDATION_QUERY", "SELECT 1");
      env.put("CENOTE_VALIDATION_TIMEOUT", "3s");
      env.put("CENOTE_KEEPALIVE_INTERVAL", "0");
      env.put("CENOTE_LEAK_DETECTION_THRESHOLD", "20s");
      env.put("CENOTE_LEAK_RECLAIM", "1m");
      env.put("CENOTE_CONNECTION_INIT_SQL", "SET NAMES utf8mb4");
      env.put("CENOTE_AUTO_COMMIT", "true");
      env.put("CENOTE_READ_ONLY", "false");
      env.put("CENOTE_TRANSACTION_ISOLATION", "SERIALIZABLE");
      env.put("CENOTE_CATALOG", "app");
      env.put("CENOTE_SCHEMA", "s");
      env.put("CENOTE_DEFAULT_QUERY_TIMEOUT", "30s");
      env.put("CENOTE_INITIALIZATION_FAIL_TIMEOUT", "2s");
      env.put("CENOTE_SHUTDOWN_GRACE_PERIOD", "1s");
      env.put("CENOTE_REGISTER_MBEAN", "false");
      env.put("CENOTE_ADAPTIVE_SIZING", "true");
      env.put("CENOTE_ADAPTIVE_MIN_SIZE", "2");
      env.put("CENOTE_ADAPTIVE_MAX_SIZE", "12");
      env.put("PATH", "/usr/bin");
      env.put("CENOTE_UNRELATED_TOOL", "ignored");

      PoolConfig c = PoolConfig.fromEnvironment(env);

      assertThat(c.poolName()).isEqualTo("env-pool");
      assertThat(c.jdbcUrl()).isEqualTo("jdbc:mysql://db:3306/app");
      assertThat(c.username()).isEqualTo("app");
      assertThat(c.password()).isEqualTo("s3cr3t");
      assertThat(c.minIdle()).isEqualTo(1);
      assertThat(c.maxSize()).isEqualTo(7);
      assertThat(c.maxOverflow()).isEqualTo(2);
      assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(c.maxLifetime()).isEqualTo(Duration.ofMinutes(15));
      assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
      assertThat(c.maxUses()).isEqualTo(50);
      assertThat(c.validateOnBorrow()).isFalse();
      assertThat(c.validationBypassWindow()).isEqualTo(Duration.ofSeconds(1));
      assertThat(c.validationQuery()).isEqualTo("SELECT 1");
      assertThat(c.validationTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(c.keepaliveInterval()).isZero();
      assertThat(c.leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(20));
      assertThat(c.leakReclaim()).isEqualTo(Duration.ofMinutes(1));
      assertThat(c.connectionInitSql()).isEqualTo("SET NAMES utf8mb4");
      assertThat(c.autoCommit()).isTrue();
      assertThat(c.readOnly()).isFalse();
      assertThat(c.transactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      assertThat(c.catalog()).isEqualTo("app");
      assertThat(c.schema()).isEqualTo("s");
      assertThat(c.defaultQueryTimeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(c.initializationFailTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(c.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(1));
      assertThat(c.registerMbean()).isFalse();
      assertThat(c.adaptiveSizing()).isTrue();
      assertThat(c.adaptiveMinSize()).isEqualTo(2);
      assertThat(c.adaptiveMaxSize()).isEqualTo(12);
    }

    @Test
    void anErrorNamesTheVariable() {
      assertThatThrownBy(() -> PoolConfig.fromEnvironment(Map.of("CENOTE_MAX_SIZE", "0")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("CENOTE_MAX_SIZE: maxSize must be >= 1, but was 0");
      assertThatThrownBy(() -> PoolConfig.fromEnvironment(
          Map.of("CENOTE_ACQUIRE_TIMEOUT", "forever")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("CENOTE_ACQUIRE_TIMEOUT: acquireTimeout must be a duration")
          .hasMessageContaining("'forever'");
      assertThatThrownBy(() -> PoolConfig.fromEnvironment(
          Map.of("CENOTE_READ_ONLY", "maybe")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("CENOTE_READ_ONLY: readOnly must be true or false, but was 'maybe'");
    }

    @Test
    void crossFieldRulesApply() {
      assertThatThrownBy(() -> PoolConfig.fromEnvironment(
          Map.of("CENOTE_MAX_SIZE", "2", "CENOTE_MIN_IDLE", "3")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("minIdle must be <= maxSize (2), but was 3");
    }

    @Test
    void anEmptyEnvironmentGivesTheDefaults() {
      PoolConfig c = PoolConfig.fromEnvironment(Map.of());

      assertThat(c.maxSize()).isEqualTo(10);
      assertThat(c.poolName()).startsWith("cenote-");
    }

    @Test
    void theProcessEnvironmentIsRead() {
      assumeThat(System.getenv().keySet()).noneMatch(k -> k.startsWith("CENOTE_"));

      assertThatCode(PoolConfig::fromEnvironment).doesNotThrowAnyException();
      assertThat(PoolConfig.fromEnvironment().maxSize()).isEqualTo(10);
    }
  }

  @Nested
  class Masking {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db:5432/app?user=app&password=s3cr3t&ssl=true"
            + "|jdbc:postgresql://db:5432/app?user=app&password=****&ssl=true",
        "jdbc:postgresql://db/app?PASSWORD=s3cr3t|jdbc:postgresql://db/app?PASSWORD=****",
        "jdbc:mysql://app:s3cr3t@db:3306/app|jdbc:mysql://app:****@db:3306/app",
        "jdbc:mariadb://app:s3cr3t@db1,db2/app|jdbc:mariadb://app:****@db1,db2/app",
        "jdbc:oracle:thin:scott/s3cr3t@//db:1521/XE|jdbc:oracle:thin:scott/****@//db:1521/XE",
        "jdbc:oracle:thin:scott/s3cr3t@db:1521:XE|jdbc:oracle:thin:scott/****@db:1521:XE",
        "jdbc:sqlserver://db;user=sa;password=s3cr3t;databaseName=app"
            + "|jdbc:sqlserver://db;user=sa;password=****;databaseName=app",
        "jdbc:mysql://db/app?user=app&pwd=s3cr3t|jdbc:mysql://db/app?user=app&pwd=****",
        "jdbc:postgresql://db/app?user=app|jdbc:postgresql://db/app?user=app",
        "jdbc:sqlite:/tmp/app.db|jdbc:sqlite:/tmp/app.db"})
    void maskedJdbcUrlHidesEveryPasswordForm(String url, String masked) {
      PoolConfig c = PoolConfig.builder().jdbcUrl(url).build();

      assertThat(c.maskedJdbcUrl()).isEqualTo(masked).doesNotContain("s3cr3t");
      assertThat(c.toString()).contains(masked).doesNotContain("s3cr3t");
      assertThat(c.jdbcUrl()).isEqualTo(url);
    }

    @Test
    void maskCredentialsHidesUrlsInsideMessagesAndAcceptsNull() {
      String message = "connection to jdbc:mysql://app:s3cr3t@db/app?password=s3cr3t refused";

      assertThat(PoolConfig.maskCredentials(message))
          .isEqualTo("connection to jdbc:mysql://app:****@db/app?password=**** refused");
      assertThat(PoolConfig.maskCredentials(null)).isNull();
    }

    @Test
    void toStringNeverShowsThePassword() {
      PoolConfig c = PoolConfig.builder().poolName("secretive").username("app")
          .password("hunter2").jdbcUrl("jdbc:mysql://app:hunter2@db/app?password=hunter2")
          .driverProperty("password", "hunter2").driverProperty("ssl", "true").build();

      String text = c.toString();

      assertThat(text).doesNotContain("hunter2").contains("password=****")
          .contains("username=app").contains("poolName=secretive");
    }

    @Test
    void toStringSaysWhenThereIsNoPassword() {
      assertThat(PoolConfig.builder().build().toString()).contains("password=<none>");
    }

    @Test
    void aPoolsToStringMasksItsUrl() {
      String url = FaultDriver.uniqueStubUrl() + "?password=hunter2";
      try (ConnectionPool pool = ConnectionPool.create(PoolTestSupport.stubConfig("mask", url)
          .password("hunter2").build())) {
        assertThat(pool.toString()).contains("password=****").doesNotContain("hunter2")
            .contains(pool.poolName()).contains("total=1");
      }
    }

    @Test
    void aMissingDriverErrorDoesNotLeakThePassword() {
      PoolConfig c = PoolConfig.builder().poolName(PoolTestSupport.uniqueName("nodriver"))
          .registerMbean(false).initializationFailTimeout(Duration.ZERO)
          .jdbcUrl("jdbc:nosuchdriver://app:hunter2@db/app?password=hunter2").build();

      assertThatThrownBy(() -> ConnectionPool.create(c))
          .isInstanceOf(PoolInitializationException.class)
          .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain("hunter2")
              .contains("****"));
    }

    private String stackTraceOf(Throwable t) {
      java.io.StringWriter out = new java.io.StringWriter();
      t.printStackTrace(new PrintWriter(out));
      return out.toString();
    }
  }

  /** A data source that is never asked for a connection. */
  private static final class NoDataSource extends TestDataSource {
    @Override
    public Connection getConnection() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Connection getConnection(String username, String password) {
      throw new UnsupportedOperationException();
    }

  }
}
