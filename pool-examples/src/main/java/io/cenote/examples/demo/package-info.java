/**
 * The console demo on an embedded SQLite file, in two parts, each with a live one-line
 * statistics ticker, coloured events and a summary table: a small pool under more clients than
 * connections (the pool part), and read/write routing through a pool-router {@code Cluster} of
 * a writer pool and two read-only replica pools, one of which goes down and comes back (the
 * routing part).
 *
 * <p>{@link io.cenote.examples.demo.DemoMain} parses the command line ({@code DemoOptions},
 * {@code DemoPart}) and {@code DemoParts} runs the chosen parts on one file. The pool part:
 * {@code Demo} runs the {@code Phase}s, and the other classes each do one job: the database
 * ({@code DemoDatabase}), the client threads ({@code Workload}), the leaking task
 * ({@code LeakyReport}), the event listener ({@code ConsoleEvents}), the ticker
 * ({@code StatsTicker}) and the closing table ({@code SummaryTable}). The routing part:
 * {@code RoutingDemo} runs the {@code RoutingPhase}s on the cluster ({@code RoutingCluster}),
 * with its clients ({@code RoutingWorkload}), the replica's outage ({@code ReplicaOutage}), the
 * router's events ({@code RouterEvents}), the ticker ({@code RoutingTicker}), the closing table
 * ({@code RoutingSummary}) and the checks of what it showed ({@code RoutingResult}).
 */
package io.cenote.examples.demo;
