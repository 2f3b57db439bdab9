package io.cenote.examples.simulator;

import io.cenote.dashboard.DashboardEvents;
import io.cenote.dashboard.ReplicaControl;
import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Output;
import io.cenote.pool.ConnectionPool;
import io.cenote.resilience.BreakerSettings;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.router.Cluster;
import io.cenote.router.ClusterConfig;
import io.cenote.router.PoolManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the dashboard shows when nothing else runs: a cluster {@value #CLUSTER} (a primary and a
 * replica, with a breaker per host) and a plain pool {@value #REPORTS} in a {@link PoolManager},
 * under a light background load, every listener reporting to the dashboard's event hub. Its
 * replica can be taken down and brought up from the page ({@link ReplicaControl}).
 */
final class DashboardFleet implements ReplicaControl, AutoCloseable {

  /** The cluster's name. */
  static final String CLUSTER = "shop";
  /** The cluster's primary pool. */
  static final String PRIMARY = "shop-primary";
  /** The cluster's replica pool. */
  static final String REPLICA = "shop-replica";
  /** The plain pool. */
  static final String REPORTS = "reports";

  private final Target target;
  private final PoolManager manager = new PoolManager();
  private final Cluster shop;
  private final Clients load;

  /**
   * Starts the fleet and its load.
   *
   * @param target the database
   * @param events the dashboard's hub, listener of every pool, the router and the breakers
   * @param clients background clients (each sends about five requests a second)
   * @throws SQLException when the database cannot be prepared
   */
  DashboardFleet(Target target, DashboardEvents events, int clients) throws SQLException {
    this.target = target;
    target.prepare();
    shop = manager.register(ClusterConfig.builder(CLUSTER)
        .primary(target.primary(PRIMARY).maxSize(4).maxOverflow(2).listener(events).build())
        .replica(target.replica(REPLICA).maxSize(4).listener(events)
            .acquireTimeout(Duration.ofSeconds(1)).build())
        .healthCheckInterval(Duration.ofMillis(500))
        .listener(events)
        .resilience(ResilienceConfig.builder()
            .breaker(BreakerSettings.builder().waitDurationInOpenState(Duration.ofSeconds(2))
                .build())
            .probeInterval(Duration.ofMillis(250))
            .listener(events)
            .build())
        .build());
    ConnectionPool reports = manager.register(target.primary(REPORTS).maxSize(3).minIdle(1)
        .listener(events).build());
    Clients.Request reportRequest = Requests.on(reports, 30, 0.0);
    load = new Clients(Requests.paced(client -> {
      int dice = ThreadLocalRandom.current().nextInt(10);
      if (dice < 2) {
        shop.write(c -> {
          Requests.work(c, 1.0);
          return null;
        });
      } else if (dice < 8) {
        shop.read(c -> {
          Requests.work(c, 0.0);
          return null;
        });
      } else {
        reportRequest.run(client);
      }
    }, 200), loadRecorder(events), 0);
    load.start(clients, clients);
  }

  /** The load's failures go to the page's timeline, not to the console. */
  private static Recorder loadRecorder(DashboardEvents events) {
    Output nowhere = new Output(DashboardScenarios.discard(), Ansi.of(false));
    return new Recorder(new ConsoleView(nowhere), false, "load", new RunObserver() {
      @Override
      public void recorded(String scenario, SimEvent event) {
        events.publish(scenario, DashboardScenarios.kind(event.kind()), event.message());
      }
    });
  }

  /** @return the manager the dashboard serves */
  PoolManager manager() {
    return manager;
  }

  @Override
  public void down(String cluster, String host) {
    check(cluster, host);
    try {
      target.servers().stopReplica();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while taking " + host + " down", e);
    }
  }

  @Override
  public void up(String cluster, String host) {
    check(cluster, host);
    try {
      target.servers().startReplica();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while bringing " + host + " up", e);
    }
  }

  private static void check(String cluster, String host) {
    if (!CLUSTER.equals(cluster)) {
      throw new IllegalArgumentException("unknown cluster '" + cluster + "'");
    }
    if (!REPLICA.equals(host)) {
      throw new IllegalArgumentException("host '" + host + "' of cluster '" + cluster
          + "' cannot be taken down from here: only " + REPLICA + " can");
    }
  }

  /** Stops the load, closes the pools and puts the servers back as they were. */
  @Override
  public void close() {
    load.close();
    manager.close();
    target.replicaFaults().reset();
    try {
      target.servers().restore();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
