package io.cenote.resilience;

/**
 * A snapshot of one host's breaker and retry counters, from {@link Resilience#stats()}.
 *
 * @param host the host's name (its pool's name)
 * @param state the breaker's state now
 * @param failureRate the failure rate in percent over the breaker's sliding window, or -1 while
 *     it holds fewer than {@code minimumNumberOfCalls} calls
 * @param calls calls the breaker recorded since start (borrows, probes and failed work)
 * @param failedCalls of those, the failures it counted
 * @param notPermitted calls refused since the breaker last changed state (resilience4j's count)
 * @param retries retries of units of work whose failed attempt ran on this host
 * @param retrySuccesses units of work that succeeded on this host after at least one retry
 * @param failFasts borrows this host's open breaker refused since start
 */
public record HostResilienceStats(
    String host,
    BreakerState state,
    float failureRate,
    long calls,
    long failedCalls,
    long notPermitted,
    long retries,
    long retrySuccesses,
    long failFasts) {}
