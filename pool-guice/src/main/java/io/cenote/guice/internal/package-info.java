/**
 * How {@link io.cenote.guice.CenoteModule} binds each member of a fleet: one private module per
 * cluster or standalone pool, and the data source that defers to the started member. Not
 * exported; nothing here is API.
 */
package io.cenote.guice.internal;
