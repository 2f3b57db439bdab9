package io.cenote.guice;

import io.cenote.router.PoolManager;

/**
 * Hears when the fleet of a {@link CenoteLifecycle} starts and stops, for code that must follow
 * the fleet's pools (a metrics binder, a readiness flag). Every method has a no-op default.
 *
 * <p>Listeners come from {@link CenoteModule.Builder#listener(FleetListener)} and from a Guice
 * set binding that any module may add to:
 *
 * <pre>{@code
 * Multibinder.newSetBinder(binder(), FleetListener.class).addBinding().to(ReadinessFlag.class);
 * }</pre>
 *
 * They are called in that order (the builder's first, then the bound ones, each in the order
 * they were added), {@link #stopping(PoolManager)} in the reverse order. Calls come from the
 * thread that starts or stops the fleet, while it holds the lifecycle's lock: a listener may
 * read the manager but should not block for long.
 */
public interface FleetListener {

  /**
   * Called once the whole fleet has started. A listener that throws fails the start: the fleet
   * is stopped again (with {@link #stopping(PoolManager)} and {@link #memberStopped(String)}
   * calls to every listener) and its exception propagates from {@link CenoteLifecycle#start()}.
   *
   * @param manager the manager that owns every cluster and pool of the fleet
   */
  default void started(PoolManager manager) {}

  /**
   * Called when the fleet begins to stop, before any member is closed; the pools still work.
   * A failure is logged and does not keep the fleet from stopping.
   *
   * @param manager the manager that owns every cluster and pool of the fleet
   */
  default void stopping(PoolManager manager) {}

  /**
   * Called after each member of the fleet was closed, in reverse start order. A failure is
   * logged and does not keep the fleet from stopping.
   *
   * @param name the member's name in the fleet file: a cluster's name or a standalone pool's
   */
  default void memberStopped(String name) {}
}
