package io.cenote.router.internal.fleet;

import io.cenote.pool.PoolConfig;
import io.cenote.resilience.ResilienceConfig;
import io.cenote.router.ClusterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every setting of a fleet as plain values, so that two fleets compare equal exactly when every
 * setting is the same (the config classes have no {@code equals}).
 */
final class Snapshots {

  private Snapshots() {}

  static Map<String, Object> of(FleetAssembler.Fleet fleet) {
    Map<String, Object> m = new TreeMap<>();
    m.put("profile", fleet.profile());
    fleet.clusters().forEach((name, c) -> m.put("cluster " + name, of(c)));
    fleet.pools().forEach((name, p) -> m.put("pool " + name, of(p)));
    return m;
  }

  static List<Object> of(ClusterConfig c) {
    List<Object> v = new ArrayList<>(List.of(c.name(), of(c.primary()),
        c.dialect().getClass().getName(), c.strategy(), c.maxReplicationLag(),
        c.maxReplicationLagBytes(), c.readYourWritesWindow(), c.noReplicaPolicy(),
        c.healthCheckInterval(), c.healthCheckTimeout(), c.failoverChecks(),
        c.resilience().map(ResilienceConfig::toString)));
    c.replicas().forEach(r -> v.add(of(r)));
    return v;
  }

  static List<Object> of(PoolConfig p) {
    List<Object> v = new ArrayList<>();
    v.add(p.poolName());
    v.add(p.jdbcUrl());
    v.add(p.username());
    v.add(p.password());
    v.add(p.driverProperties());
    v.add(p.minIdle());
    v.add(p.maxSize());
    v.add(p.maxOverflow());
    v.add(p.acquireTimeout());
    v.add(p.maxLifetime());
    v.add(p.idleTimeout());
    v.add(p.maxUses());
    v.add(p.validateOnBorrow());
    v.add(p.validationBypassWindow());
    v.add(p.validationQuery());
    v.add(p.validationTimeout());
    v.add(p.keepaliveInterval());
    v.add(p.leakDetectionThreshold());
    v.add(p.leakReclaim());
    v.add(p.connectionInitSql());
    v.add(p.autoCommit());
    v.add(p.readOnly());
    v.add(p.transactionIsolation());
    v.add(p.catalog());
    v.add(p.schema());
    v.add(p.defaultQueryTimeout());
    v.add(p.initializationFailTimeout());
    v.add(p.connectionBackoff().toString());
    v.add(p.connectTimeout());
    v.add(p.shutdownGracePeriod());
    v.add(p.registerMbean());
    v.add(p.adaptiveSizing());
    v.add(p.adaptiveMinSize());
    v.add(p.adaptiveMaxSize());
    v.add(p.healthMaxUtilisation());
    v.add(p.healthMaxP99Wait());
    v.add(p.healthMinHitRate());
    v.add(p.healthMaxValidationFailureRate());
    v.add(p.healthWindow());
    return v;
  }
}
