/**
 * Guice wiring for Cenote: {@link io.cenote.guice.CenoteModule} binds a fleet's clusters and
 * pools by name without opening anything, {@link io.cenote.guice.CenoteLifecycle} starts and
 * stops them, and {@link io.cenote.guice.FleetListener}s follow along. See
 * {@code docs/guice.md}.
 */
package io.cenote.guice;
