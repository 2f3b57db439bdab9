/**
 * Cenote's resilience layer: per-host circuit breakers, retry with exponential backoff and SQL
 * failure classification, for single pools and for the clusters pool-router builds on it. Only
 * the API package is exported.
 *
 * <p>resilience4j ships automatic modules (no module-info of its own), hence the one
 * suppressed lint.
 */
@SuppressWarnings("requires-automatic")
module io.cenote.resilience {
  requires transitive java.sql;
  requires transitive io.cenote.pool;
  requires io.github.resilience4j.circuitbreaker;
  requires io.github.resilience4j.retry;
  requires io.github.resilience4j.core;
  requires org.slf4j;

  exports io.cenote.resilience;
}
