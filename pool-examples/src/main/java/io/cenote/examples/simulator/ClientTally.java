package io.cenote.examples.simulator;

/**
 * What one simulated client did during a scenario: the report's per-client distribution.
 *
 * @param client the client's number, from 1
 * @param requests requests it completed
 * @param failures requests that failed
 * @param waitMillis time it spent waiting for connections, in milliseconds
 */
public record ClientTally(int client, long requests, long failures, double waitMillis) {}
