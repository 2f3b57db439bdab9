package io.cenote.dashboard.internal;

import java.time.Instant;

/**
 * One second of a pool's history; wait and hold percentiles cover only the interval since the
 * previous sample (0 when nothing was measured in it).
 *
 * @param time when it was taken
 * @param active connections lent
 * @param idle connections ready
 * @param waiting borrowers queued
 * @param overflow connections open beyond maxSize
 * @param total connections open
 * @param maxSize the permanent capacity
 * @param waitP50Millis median acquire wait in the interval
 * @param waitP99Millis 99th percentile acquire wait in the interval
 * @param holdP50Millis median hold time in the interval
 * @param holdP99Millis 99th percentile hold time in the interval
 * @param hitRate the pool's hit rate since start, 0 to 1
 */
public record Sample(Instant time, int active, int idle, int waiting, int overflow, int total,
    int maxSize, double waitP50Millis, double waitP99Millis, double holdP50Millis,
    double holdP99Millis, double hitRate) {}
