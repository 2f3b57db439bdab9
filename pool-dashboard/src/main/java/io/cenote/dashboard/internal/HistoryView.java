package io.cenote.dashboard.internal;

import java.util.List;

/**
 * The answer of {@code GET /api/pools/{name}/history}.
 *
 * @param name the pool's name
 * @param intervalMillis the time between samples
 * @param samples the samples, oldest first
 */
public record HistoryView(String name, long intervalMillis, List<Sample> samples) {}
