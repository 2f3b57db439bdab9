package io.cenote.dashboard.internal;

import java.util.List;

/**
 * One pool's line in {@code GET /api/health}.
 *
 * @param name the pool's name
 * @param status {@code "UP"}, {@code "DEGRADED"} or {@code "DOWN"}
 * @param alerts the reasons, empty when UP
 */
public record PoolHealthView(String name, String status, List<String> alerts) {}
