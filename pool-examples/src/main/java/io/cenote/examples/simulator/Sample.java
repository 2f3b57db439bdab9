package io.cenote.examples.simulator;

/**
 * The pool as the simulator saw it at one moment: one of the once-a-second gauge lines, and one
 * point of the report's charts.
 *
 * @param second seconds since the scenario started
 * @param clients client threads running their loop at that moment
 * @param total physical connections open
 * @param active connections lent to clients
 * @param idle connections ready to be lent
 * @param waiting clients queued for a connection
 * @param overflow connections open beyond maxSize
 * @param maxSize the pool's maxSize then (adaptive sizing and live resizing move it)
 * @param acquired successful borrows so far
 * @param timeouts acquire timeouts so far
 * @param failures client requests that failed so far, for any reason
 * @param waitP99Millis the p99 acquire wait since the previous sample, in milliseconds
 * @param holdP99Millis the p99 hold time since the previous sample, in milliseconds
 * @param health the pool's health verdict: {@code UP}, {@code DEGRADED} or {@code DOWN}
 */
public record Sample(
    double second,
    int clients,
    int total,
    int active,
    int idle,
    int waiting,
    int overflow,
    int maxSize,
    long acquired,
    long timeouts,
    long failures,
    double waitP99Millis,
    double holdP99Millis,
    String health) {}
