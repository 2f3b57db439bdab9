package io.cenote.dashboard.internal;

import java.util.List;

/**
 * The answer of {@code GET /api/health}.
 *
 * @param status the worst status of all pools ({@code "UP"} without pools)
 * @param pools every pool's verdict, by name
 * @param shuttingDown true once a shutdown was requested
 */
public record HealthReport(String status, List<PoolHealthView> pools, boolean shuttingDown) {}
