/**
 * The console demo: a small pool on an embedded SQLite file, more clients than connections,
 * live one-line statistics, coloured lifecycle events and a summary table.
 *
 * <p>{@link io.cenote.examples.demo.DemoMain} parses the command line, {@link
 * io.cenote.examples.demo.Demo} runs the phases, and the other classes each do one job: the
 * database ({@code DemoDatabase}), the client threads ({@code Workload}), the leaking task
 * ({@code LeakyReport}), the event listener ({@code ConsoleEvents}), the ticker
 * ({@code StatsTicker}) and the closing table ({@code SummaryTable}).
 */
package io.cenote.examples.demo;
