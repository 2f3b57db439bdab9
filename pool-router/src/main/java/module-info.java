/**
 * Cenote's router: named pools, primary/replica clusters (guarded by pool-resilience when their
 * configuration has a resilience section) and fleets started from one configuration. Only the
 * API package is exported.
 */
module io.cenote.router {
  requires transitive java.sql;
  requires transitive io.cenote.pool;
  requires transitive io.cenote.resilience;
  requires org.slf4j;

  exports io.cenote.router;
}
