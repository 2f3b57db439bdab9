package io.cenote.router.internal.fleet;

import static io.cenote.router.internal.fleet.FleetFixtures.map;
import static io.cenote.router.internal.fleet.FleetFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.PoolConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The documented values of the presets (seed 001) and profiles (seed 004). */
class PresetsAndProfilesTest {

  private static final PoolConfig BUILT_IN = PoolConfig.builder().build();

  private static PoolConfig cache(Map<String, String> file) {
    file.put("cenote.pools.cache.jdbcUrl", "jdbc:sqlite:cache.db");
    FleetModel fleet = read(file);
    return PoolAssembly.build(fleet.pools().get("cache"), fleet.secrets());
  }

  @ParameterizedTest
  @CsvSource({
      "conservative, 5, 5, 30, 3600",
      "moderate, 10, 20, 60, 1800",
      "aggressive, 20, 30, 120, 900",
  })
  void presetsSetSizeOverflowAcquireTimeoutAndLifetime(String preset, int maxSize,
      int maxOverflow, long acquireSeconds, long lifetimeSeconds) {
    PoolConfig c = cache(map("cenote.pools.cache.preset", preset));

    assertThat(c.maxSize()).isEqualTo(maxSize);
    assertThat(c.maxOverflow()).isEqualTo(maxOverflow);
    assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(acquireSeconds));
    assertThat(c.maxLifetime()).isEqualTo(Duration.ofSeconds(lifetimeSeconds));
    assertThat(c.minIdle()).isEqualTo(maxSize);
    assertThat(c.idleTimeout()).isEqualTo(BUILT_IN.idleTimeout());
  }

  @ParameterizedTest
  @CsvSource({
      // profile, maxSize, minIdle, acquireTimeout (s), leakDetectionThreshold (s), registerMbean
      "prod, 10, 10, 30, 0, true",
      "staging, 10, 10, 30, 30, true",
      "dev, 5, 1, 10, 10, true",
      "test, 2, 0, 5, 0, false",
  })
  void profilesGiveTheirDocumentedDefaults(String profile, int maxSize, int minIdle,
      long acquireSeconds, long leakSeconds, boolean registerMbean) {
    PoolConfig c = cache(map("cenote.profile", profile));

    assertThat(c.maxSize()).isEqualTo(maxSize);
    assertThat(c.minIdle()).isEqualTo(minIdle);
    assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(acquireSeconds));
    assertThat(c.leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(leakSeconds));
    assertThat(c.registerMbean()).isEqualTo(registerMbean);
    assertThat(c.maxLifetime()).isEqualTo(BUILT_IN.maxLifetime());
  }

  @ParameterizedTest
  @CsvSource({"prod", "staging"})
  void prodIsTodaysBuiltInDefaultsAndStagingAddsOnlyLeakReports(String profile) {
    String expected = BUILT_IN.toString().replace(BUILT_IN.poolName(), "cache")
        .replace("jdbcUrl=null", "jdbcUrl=jdbc:sqlite:cache.db");
    if (profile.equals("staging")) {
      expected = expected.replace("leakDetectionThreshold=PT0S", "leakDetectionThreshold=PT30S");
    }

    assertThat(cache(map("cenote.profile", profile)).toString()).isEqualTo(expected);
  }
}
