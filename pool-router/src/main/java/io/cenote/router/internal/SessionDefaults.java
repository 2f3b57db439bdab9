package io.cenote.router.internal;

import io.cenote.pool.PoolConfig;

/**
 * The session state a connection of the primary's pool starts with, so that an unbound lazy
 * connection can answer {@code getAutoCommit()} and friends without choosing a host.
 *
 * @param autoCommit the configured auto-commit, true when the driver default applies
 * @param readOnly the configured read-only flag, false when the driver default applies
 * @param isolation the configured isolation, or {@link PoolConfig#DRIVER_DEFAULT_ISOLATION}
 * @param catalog the configured catalog, or null when only the server knows
 * @param schema the configured schema, or null when only the server knows
 */
record SessionDefaults(boolean autoCommit, boolean readOnly, int isolation, String catalog,
    String schema) {

  static SessionDefaults of(PoolConfig config) {
    return new SessionDefaults(
        config.autoCommit() == null || config.autoCommit(),
        config.readOnly() != null && config.readOnly(),
        config.transactionIsolation(), config.catalog(), config.schema());
  }
}
