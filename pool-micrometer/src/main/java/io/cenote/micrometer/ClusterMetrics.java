package io.cenote.micrometer;

import io.cenote.micrometer.internal.BoundMeters;
import io.cenote.micrometer.internal.Cached;
import io.cenote.pool.PoolControl;
import io.cenote.router.Cluster;
import io.cenote.router.ExclusionReason;
import io.cenote.router.HostStats;
import io.cenote.router.ServerRole;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one cluster: each host's pool ({@link PoolMetrics}, tagged with the cluster
 * and the host's role), each host's routing ({@code cenote.host.*}: reads and writes routed,
 * fallbacks, exclusions and its current state), and, when the cluster has a resilience
 * section, its breakers and retries ({@link ResilienceMetrics}).
 *
 * <pre>{@code
 * new ClusterMetrics(cluster).bindTo(registry);
 * }</pre>
 *
 * <p>Everything is read from the cluster's own statistics when the registry publishes; nothing
 * is recorded per call. {@link #close()} removes the meters again. Thread-safe.
 */
public final class ClusterMetrics implements MeterBinder, AutoCloseable {

  private final Cluster cluster;
  private final Iterable<Tag> extraTags;
  private final BoundMeters bound = new BoundMeters();
  /** Removes the meters of the hosts' pools and of the resilience section. */
  private final List<Runnable> children = new CopyOnWriteArrayList<>();

  /** @param cluster the cluster */
  public ClusterMetrics(Cluster cluster) {
    this(cluster, Tags.empty());
  }

  /**
   * @param cluster the cluster
   * @param extraTags added to every Cenote meter (resilience4j's meters keep their own tags)
   */
  public ClusterMetrics(Cluster cluster, Iterable<Tag> extraTags) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.extraTags = Objects.requireNonNull(extraTags, "extraTags");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Cached<List<HostStats>> hosts = new Cached<>(cluster::hostStats, registry.config().clock());
    for (HostStats host : cluster.hostStats()) {
      String role = role(host.configuredRole());
      PoolMetrics pool = new PoolMetrics(control(host.name()), cluster.name(), role, extraTags);
      pool.bindTo(registry);
      children.add(pool::close);
      bindHost(registry, hosts, host.name(), Tags.of(MeterNames.CLUSTER, cluster.name(),
          MeterNames.HOST, host.name(), MeterNames.ROLE, role).and(extraTags));
    }
    cluster.resilience().ifPresent(r -> {
      ResilienceMetrics metrics = new ResilienceMetrics(r);
      metrics.bindTo(registry);
      children.add(metrics::close);
    });
  }

  private void bindHost(MeterRegistry registry, Cached<List<HostStats>> hosts, String host,
      Tags tags) {
    counter(registry, hosts, host, MeterNames.HOST_READS, "reads routed to the host", tags,
        HostStats::readsRouted);
    counter(registry, hosts, host, MeterNames.HOST_WRITES, "writes routed to the host", tags,
        HostStats::writesRouted);
    counter(registry, hosts, host, MeterNames.HOST_FALLBACKS,
        "reads the host served because no replica was eligible", tags, HostStats::fallbacks);
    counter(registry, hosts, host, MeterNames.HOST_EXCLUSIONS,
        "times the host was excluded from routing", tags, HostStats::exclusions);
    List<ExclusionReason> states = new ArrayList<>();
    states.add(null); // eligible
    states.addAll(List.of(ExclusionReason.values()));
    for (ExclusionReason state : states) {
      // Strong reference: keeps the cached host list (read weakly by the counters) reachable.
      bound.add(registry, Gauge.builder(MeterNames.HOST_STATE, hosts,
              h -> state == find(h.get(), host).exclusion() ? 1 : 0)
          .description("1 for the host's current state, 0 for the others")
          .tags(tags).tag(MeterNames.STATE, stateName(state)).strongReference(true)
          .register(registry));
    }
  }

  private void counter(MeterRegistry registry, Cached<List<HostStats>> hosts, String host,
      String name, String description, Tags tags, ToDoubleFunction<HostStats> value) {
    bound.add(registry, FunctionCounter.builder(name, hosts,
            h -> value.applyAsDouble(find(h.get(), host)))
        .description(description).tags(tags).register(registry));
  }

  private PoolControl control(String host) {
    for (PoolControl p : cluster.pools()) {
      if (p.poolName().equals(host)) {
        return p;
      }
    }
    throw new IllegalStateException("cluster " + cluster.name() + " has no pool " + host);
  }

  private static HostStats find(List<HostStats> hosts, String host) {
    for (HostStats h : hosts) {
      if (h.name().equals(host)) {
        return h;
      }
    }
    throw new IllegalStateException("no host " + host); // a cluster's hosts never change
  }

  private static String role(ServerRole role) {
    return role == ServerRole.PRIMARY ? MeterNames.PRIMARY : MeterNames.REPLICA;
  }

  private static String stateName(ExclusionReason state) {
    return state == null ? MeterNames.ELIGIBLE
        : state.name().toLowerCase(Locale.ROOT);
  }

  /** Removes every meter of the cluster from every registry; idempotent. */
  @Override
  public void close() {
    bound.removeAll();
    children.forEach(Runnable::run);
    children.clear();
  }

  @Override
  public String toString() {
    return "ClusterMetrics{" + cluster.name() + "}";
  }
}
