package io.cenote.dashboard.internal;

import java.util.List;

/**
 * A pool's health as the API shows it.
 *
 * @param status {@code "UP"}, {@code "DEGRADED"} or {@code "DOWN"}
 * @param alerts the reasons, empty when UP; free of URLs and credentials
 */
public record HealthView(String status, List<String> alerts) {}
