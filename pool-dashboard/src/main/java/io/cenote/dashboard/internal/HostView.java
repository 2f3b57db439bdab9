package io.cenote.dashboard.internal;

/**
 * One host of a cluster as the API shows it; its URL is never part of it.
 *
 * @param name the host's pool name
 * @param configuredRole {@code "PRIMARY"} or {@code "REPLICA"}
 * @param reportedRole what it reported at its last health check, {@code "UNKNOWN"} when it
 *     cannot say
 * @param state {@code "healthy"}, {@code "excluded"} or {@code "lagging"}
 * @param exclusion why it is excluded, or null
 * @param detail the error or measurement behind it, free of URLs and credentials, or null
 * @param lagMillis the replication lag last measured, or null
 * @param breaker its circuit breaker's state, or null without resilience
 * @param reads reads routed to it
 * @param writes writes routed to it
 * @param fallbacks reads it served because no replica was eligible
 */
public record HostView(String name, String configuredRole, String reportedRole, String state,
    String exclusion, String detail, Double lagMillis, String breaker, long reads, long writes,
    long fallbacks) {}
