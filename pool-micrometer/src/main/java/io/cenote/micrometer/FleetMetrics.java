package io.cenote.micrometer;

import io.cenote.pool.PoolControl;
import io.cenote.router.PoolManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The meters of everything a {@link PoolManager} holds when bound: {@link ClusterMetrics} for
 * each cluster and {@link PoolMetrics} for each standalone pool.
 *
 * <pre>{@code
 * try (PoolManager fleet = PoolManager.start(FleetConfig.load(path));
 *      FleetMetrics metrics = new FleetMetrics(fleet)) {
 *   metrics.bindTo(registry);
 *   ...
 * }
 * }</pre>
 *
 * <p>Members registered after binding are not measured; bind again (a new instance) for them.
 * {@link #close()} removes every meter again. Thread-safe.
 */
public final class FleetMetrics implements MeterBinder, AutoCloseable {

  private final PoolManager manager;
  private final Iterable<Tag> extraTags;
  private final List<Runnable> children = new CopyOnWriteArrayList<>();

  /** @param manager the fleet */
  public FleetMetrics(PoolManager manager) {
    this(manager, Tags.empty());
  }

  /**
   * @param manager the fleet
   * @param extraTags added to every Cenote meter (e.g. the application)
   */
  public FleetMetrics(PoolManager manager, Iterable<Tag> extraTags) {
    this.manager = Objects.requireNonNull(manager, "manager");
    this.extraTags = Objects.requireNonNull(extraTags, "extraTags");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Set<String> hosts = new HashSet<>();
    for (String name : manager.clusterNames()) {
      ClusterMetrics cluster = new ClusterMetrics(manager.cluster(name), extraTags);
      cluster.bindTo(registry);
      children.add(cluster::close);
      for (PoolControl host : manager.cluster(name).pools()) {
        hosts.add(host.poolName());
      }
    }
    for (String name : manager.poolNames()) {
      if (!hosts.contains(name)) {
        PoolMetrics pool = new PoolMetrics(manager.control(name), extraTags);
        pool.bindTo(registry);
        children.add(pool::close);
      }
    }
  }

  /** Removes every meter of the fleet from every registry; idempotent. */
  @Override
  public void close() {
    children.forEach(Runnable::run);
    children.clear();
  }

  @Override
  public String toString() {
    return "FleetMetrics{clusters=" + manager.clusterNames() + "}";
  }
}
