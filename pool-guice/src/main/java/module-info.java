/**
 * Guice wiring for a Cenote fleet: {@link io.cenote.guice.CenoteModule} binds every cluster and
 * pool of a fleet file under its name, and {@link io.cenote.guice.CenoteLifecycle} starts and
 * stops them. Only the API package is exported; Guice is imported by this module alone.
 *
 * <p>Guice 7 ships an automatic module (no module-info of its own), which users of this module
 * need all the same ({@code CenoteModule} is a Guice module): hence the transitive requirement
 * and the suppressed lints.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.cenote.guice {
  requires transitive io.cenote.router;
  requires transitive com.google.guice;
  requires transitive jakarta.inject;
  requires org.slf4j;
  // CenoteModule.Builder.metrics(): present only when the application adds pool-micrometer
  requires static io.cenote.micrometer;
  requires static micrometer.core;

  exports io.cenote.guice;
}
