package io.cenote.dashboard.internal;

import java.util.Map;

/**
 * One pool as the API shows it ({@code GET /api/pools}); durations in milliseconds.
 *
 * @param name the pool's name
 * @param cluster the cluster it is a host of, or null
 * @param role {@code "primary"}, {@code "replica"}, {@code "pool"} or {@code "scenario"}
 * @param total connections open
 * @param active connections lent
 * @param idle connections ready
 * @param waiting borrowers queued
 * @param overflow connections open beyond maxSize
 * @param maxSize the current permanent capacity
 * @param minIdle the current minimum kept open
 * @param maxOverflow the current burst allowance
 * @param acquired successful borrows since start
 * @param timeouts borrows that gave up since start
 * @param created connections opened since start
 * @param destroyed connections closed since start, by lower-case reason
 * @param waitP50Millis median acquire wait since start
 * @param waitP99Millis 99th percentile acquire wait since start
 * @param holdP50Millis median hold time since start
 * @param holdP99Millis 99th percentile hold time since start
 * @param hitRate share of borrows served at once by an idle connection, 0 to 1
 * @param utilisation active divided by maxSize
 * @param suspended whether lending is suspended
 * @param prePing whether connections are validated on borrow
 * @param health the health verdict
 */
public record PoolView(String name, String cluster, String role, int total, int active,
    int idle, int waiting, int overflow, int maxSize, int minIdle, int maxOverflow,
    long acquired, long timeouts, long created, Map<String, Long> destroyed,
    double waitP50Millis, double waitP99Millis, double holdP50Millis, double holdP99Millis,
    double hitRate, double utilisation, boolean suspended, boolean prePing, HealthView health) {}
