package io.cenote.router.internal.fleet;

import static io.cenote.router.internal.fleet.FleetFixtures.map;
import static io.cenote.router.internal.fleet.FleetFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolAssemblyTest {

  private static PoolConfig cache(Map<String, String> file, Map<String, String> env) {
    FleetModel fleet = read(file, env);
    return PoolAssembly.build(fleet.pools().get("cache"), fleet.secrets());
  }

  @Test
  void everySettingReachesThePool() {
    PoolConfig c = cache(map("cenote.pools.cache.jdbcUrl", "jdbc:sqlite:cache.db",
        "cenote.pools.cache.acquireTimeout", "2s", "cenote.pools.cache.driver.foreign_keys",
        "on"), map());

    assertThat(c.poolName()).isEqualTo("cache");
    assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.driverProperties().getProperty("foreign_keys")).isEqualTo("on");
  }

  @Test
  void aRejectedValueNamesItsKeyOrVariable() {
    assertThatThrownBy(() -> cache(map("cenote.pools.cache.jdbcUrl", "jdbc:sqlite:c.db",
        "cenote.pools.cache.maxSize", "0"), map()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cenote.pools.cache.maxSize: maxSize must be >= 1, but was 0")
        .hasNoCause();
    assertThatThrownBy(() -> cache(map("cenote.pools.cache.jdbcUrl", "jdbc:sqlite:c.db"),
        map("CENOTE_POOLS_CACHE_ACQUIRE_TIMEOUT", "soon")))
        .hasMessage("environment variable CENOTE_POOLS_CACHE_ACQUIRE_TIMEOUT"
            + " (cenote.pools.cache.acquireTimeout): acquireTimeout must be a duration such as"
            + " 500ms, 30s, 10m or PT30S, but was 'soon'");
  }

  @Test
  void aRuleAcrossSettingsNamesThePoolAndWhereItIsConfigured() {
    assertThatThrownBy(() -> cache(map("cenote.pools.cache.jdbcUrl", "jdbc:sqlite:c.db",
        "cenote.pools.cache.minIdle", "8", "cenote.profile", "dev"), map()))
        .hasMessage("pool 'cache' (cenote.pools.cache): minIdle must be <= maxSize (5), but was 8");
    assertThatThrownBy(() -> cache(map("cenote.pools.cache.maxSize", "3"), map()))
        .hasMessage("pool 'cache' (cenote.pools.cache) has no jdbcUrl; set"
            + " cenote.pools.cache.jdbcUrl");
  }

  @Test
  void aPasswordNeverShowsInAMessageEvenWhenItIsTheRejectedValue() {
    assertThatThrownBy(() -> cache(map("cenote.pools.cache.jdbcUrl", "jdbc:sqlite:c.db",
        "cenote.pools.cache.password", "${DB_PASSWORD}",
        "cenote.pools.cache.maxSize", "${DB_PASSWORD}"), map("DB_PASSWORD", "hunter2")))
        .hasMessage("cenote.pools.cache.maxSize: maxSize must be an integer, but was '****'");
  }

  @Test
  void badDefaultsAreReportedWithoutAnyPool() {
    FleetModel fleet = read(map("cenote.defaults.maxOverflow", "-1"));

    assertThatThrownBy(() -> PoolAssembly.checkDefaults(fleet.defaults(), fleet.secrets()))
        .hasMessage("cenote.defaults.maxOverflow: maxOverflow must be >= 0, but was -1");
  }
}
