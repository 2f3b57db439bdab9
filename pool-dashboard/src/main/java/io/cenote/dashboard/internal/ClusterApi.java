package io.cenote.dashboard.internal;

import io.cenote.dashboard.DashboardEvents;
import io.cenote.dashboard.ReplicaControl;
import io.cenote.router.Cluster;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * {@code /api/clusters}: every cluster's view, and taking a host down or up through the
 * application's {@link ReplicaControl} (404 without one). After a change the cluster checks its
 * hosts at once, so the answer already shows the exclusion or re-admission.
 */
final class ClusterApi {

  private final PoolDirectory directory;
  private final ReplicaControl replicas;
  private final DashboardEvents events;

  /**
   * Creates the handlers.
   *
   * @param directory finds the clusters
   * @param replicas the application's control, or null
   * @param events where changes are published
   */
  ClusterApi(PoolDirectory directory, ReplicaControl replicas, DashboardEvents events) {
    this.directory = directory;
    this.replicas = replicas;
    this.events = events;
  }

  /**
   * Adds the routes.
   *
   * @param routes the table
   */
  void addTo(RouteTable routes) {
    routes.add(HandlerType.GET, "/api/clusters",
            ctx -> ctx.json(directory.clusters().stream().map(Views::cluster).toList()))
        .add(HandlerType.POST, "/api/clusters/{cluster}/hosts/{host}/down",
            ctx -> change(ctx, true))
        .add(HandlerType.POST, "/api/clusters/{cluster}/hosts/{host}/up",
            ctx -> change(ctx, false));
  }

  private void change(Context ctx, boolean down) {
    String name = ctx.pathParam("cluster");
    String host = ctx.pathParam("host");
    Cluster cluster = directory.cluster(name)
        .orElseThrow(() -> ApiException.notFound("cluster '" + name + "'"));
    if (cluster.hostStats().stream().noneMatch(h -> h.name().equals(host))) {
      throw ApiException.notFound("host '" + host + "' in cluster '" + name + "'");
    }
    if (replicas == null) {
      throw new ApiException(404, "this dashboard cannot take hosts down or up", null);
    }
    try {
      if (down) {
        replicas.down(name, host);
      } else {
        replicas.up(name, host);
      }
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, Redaction.clean(e.getMessage()), null);
    }
    events.publish(host, EventKinds.FAULT, (down ? "taken down" : "brought up")
        + " from the dashboard");
    cluster.checkNow();
    ctx.json(Views.cluster(cluster));
  }
}
