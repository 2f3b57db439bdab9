/**
 * Cenote's resilience layer: per-host circuit breakers, retry with exponential backoff and SQL
 * failure classification, for single pools and for the clusters pool-router builds on it. Only
 * the API package is exported.
 *
 * <p>resilience4j ships automatic modules (no module-info of its own), hence the
 * suppressed lints. Its breaker and retry modules are read transitively: the registries are
 * part of the API, for metrics binders.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.cenote.resilience {
  requires transitive java.sql;
  requires transitive io.cenote.pool;
  requires transitive io.github.resilience4j.circuitbreaker;
  requires transitive io.github.resilience4j.retry;
  requires io.github.resilience4j.core;
  requires org.slf4j;

  exports io.cenote.resilience;
}
