package io.cenote.guice.internal;

import io.cenote.guice.CenoteLifecycle;
import io.cenote.router.PoolManager;
import jakarta.inject.Provider;
import java.util.Objects;

/**
 * How a binding reaches the started fleet: through the injector's {@link CenoteLifecycle},
 * starting it first when the module starts on first use, else failing clearly when it is not
 * running. The lifecycle's start takes its lock only while the fleet is not running, so uses
 * after the start cost a volatile read.
 */
public final class FleetAccess {

  private final Provider<CenoteLifecycle> lifecycle;
  private final boolean startOnFirstUse;

  /**
   * @param lifecycle the injector's lifecycle
   * @param startOnFirstUse whether a use starts the fleet
   */
  public FleetAccess(Provider<CenoteLifecycle> lifecycle, boolean startOnFirstUse) {
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.startOnFirstUse = startOnFirstUse;
  }

  /**
   * Returns the running fleet's manager, for a use of {@code user}.
   *
   * @param user what is being used, for the message: {@code database 'orders'}
   * @return the manager
   * @throws IllegalStateException naming {@code user} when the fleet is not running and this
   *     use does not start it (or the lifecycle was stopped)
   * @throws io.cenote.guice.FleetStartException when this use started the fleet and a member
   *     failed
   */
  public PoolManager manager(String user) {
    CenoteLifecycle fleet = lifecycle.get();
    try {
      if (startOnFirstUse && !fleet.isRunning()) {
        fleet.start();
      }
      return fleet.manager();
    } catch (IllegalStateException e) {
      throw new IllegalStateException(user + " is not available: " + e.getMessage(), e);
    }
  }
}
