package io.cenote.router.internal.fleet;

import io.cenote.pool.PoolConfig;
import io.cenote.router.internal.fleet.FleetModel.PoolModel;
import java.util.List;

/** Builds the {@link PoolConfig} of one merged pool through {@code PoolConfig.Builder.set}. */
final class PoolAssembly {

  private PoolAssembly() {}

  /**
   * Builds a pool's configuration.
   *
   * @param pool the merged pool
   * @param secrets the fleet's secrets
   * @return the configuration
   * @throws IllegalArgumentException naming the key or variable of a rejected value, or the
   *     pool when settings conflict or it has no {@code jdbcUrl} (a file cannot give it a
   *     {@code DataSource}, so it could never open a connection)
   */
  static PoolConfig build(PoolModel pool, SecretMask secrets) {
    PoolConfig.Builder builder = PoolConfig.builder();
    SettingApplier.apply(pool.settings(), builder::set, secrets);
    PoolConfig config = SettingApplier.build(describe(pool), builder::build, secrets);
    if (config.jdbcUrl() == null) {
      throw new IllegalArgumentException(describe(pool) + " has no jdbcUrl; set "
          + pool.origin() + ".jdbcUrl");
    }
    return config;
  }

  /**
   * Checks the values of {@code cenote.defaults.*} on their own, so that a bad default is
   * reported even when no pool inherits it.
   *
   * @param defaults the default pool settings
   * @param secrets the fleet's secrets
   * @throws IllegalArgumentException naming the key or variable of a rejected value
   */
  static void checkDefaults(List<Setting> defaults, SecretMask secrets) {
    SettingApplier.apply(defaults, PoolConfig.builder()::set, secrets);
  }

  /** @return e.g. {@code pool 'orders-primary' (cenote.clusters.orders.primary)} */
  static String describe(PoolModel pool) {
    return "pool '" + pool.poolName() + "' (" + pool.origin() + ")";
  }
}
