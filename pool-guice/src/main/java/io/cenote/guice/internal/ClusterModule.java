package io.cenote.guice.internal;

import io.cenote.router.Cluster;
import io.cenote.router.ClusterConfig;
import java.lang.annotation.Annotation;
import javax.sql.DataSource;

/**
 * Binds one cluster: its routing {@link DataSource} (deferred, a singleton), the
 * {@link Cluster} and its pools, primary first.
 */
final class ClusterModule extends DatabaseModule {

  private final int loginTimeoutSeconds;

  ClusterModule(ClusterConfig config, Class<? extends Annotation> annotation,
      FleetAccess fleet) {
    super(config.name(), annotation, fleet);
    this.loginTimeoutSeconds = (int) config.primary().acquireTimeout().toSeconds();
  }

  @Override
  protected void configure() {
    exposeSingleton(DataSource.class, () -> new DeferredDataSource(name, fleet,
        manager -> manager.cluster(name).dataSource(), loginTimeoutSeconds));
    exposeEachTime(Cluster.class, this::cluster);
    exposeEachTime(POOLS, () -> cluster().pools());
  }

  private Cluster cluster() {
    return fleet.manager(user()).cluster(name);
  }
}
