/**
 * Micrometer meters for Cenote: pools, cluster hosts, and (through resilience4j-micrometer)
 * breakers and retries. Only the API package is exported.
 *
 * <p>Micrometer and resilience4j ship automatic modules (no module-info of their own), hence
 * the suppressed lints.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.cenote.micrometer {
  requires transitive io.cenote.router;
  requires transitive micrometer.core;
  requires io.github.resilience4j.micrometer;

  exports io.cenote.micrometer;
}
