package io.cenote.guice.internal;

import io.cenote.pool.PoolConfig;
import io.cenote.pool.PoolControl;
import java.lang.annotation.Annotation;
import java.util.List;
import javax.sql.DataSource;

/**
 * Binds one standalone pool: its {@link DataSource} (deferred, a singleton), its
 * {@link PoolControl} view and that view as a one-element list. The bindings carry the pool's
 * name in the fleet file; the pool itself is registered under its {@code poolName}.
 */
final class PoolModule extends DatabaseModule {

  private final String poolName;
  private final int loginTimeoutSeconds;

  PoolModule(String name, PoolConfig config, Class<? extends Annotation> annotation,
      FleetAccess fleet) {
    super(name, annotation, fleet);
    this.poolName = config.poolName();
    this.loginTimeoutSeconds = (int) config.acquireTimeout().toSeconds();
  }

  @Override
  protected void configure() {
    exposeSingleton(DataSource.class, () -> new DeferredDataSource(name, fleet,
        manager -> manager.pool(poolName), loginTimeoutSeconds));
    exposeEachTime(PoolControl.class, this::control);
    exposeEachTime(POOLS, () -> List.of(control()));
  }

  /** The view without borrowing or closing: the lifecycle alone owns the pool. */
  private PoolControl control() {
    return fleet.manager(user()).pool(poolName).control();
  }
}
