package io.cenote.guice.internal;

import com.google.inject.Module;
import io.cenote.pool.PoolConfig;
import io.cenote.router.ClusterConfig;
import java.lang.annotation.Annotation;
import java.util.Objects;

/** Creates the private module of each database of a fleet, for {@code CenoteModule}. */
public final class DatabaseModules {

  private DatabaseModules() {}

  /**
   * @param config the cluster
   * @param annotation its extra binding annotation, or null
   * @param fleet the way to the running fleet
   * @return the module that binds the cluster under its name
   */
  public static Module cluster(ClusterConfig config, Class<? extends Annotation> annotation,
      FleetAccess fleet) {
    return new ClusterModule(Objects.requireNonNull(config, "config"), annotation,
        Objects.requireNonNull(fleet, "fleet"));
  }

  /**
   * @param name the pool's name in the fleet file
   * @param config the pool
   * @param annotation its extra binding annotation, or null
   * @param fleet the way to the running fleet
   * @return the module that binds the pool under {@code name}
   */
  public static Module pool(String name, PoolConfig config,
      Class<? extends Annotation> annotation, FleetAccess fleet) {
    return new PoolModule(Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(config, "config"), annotation,
        Objects.requireNonNull(fleet, "fleet"));
  }
}
