package io.cenote.examples.simulator;

/**
 * One bar of the wait-time distribution: how many borrows waited at most this long (and longer
 * than the previous bucket's bound).
 *
 * @param upToMillis the bucket's upper bound, in milliseconds
 * @param borrows borrows whose wait fell in the bucket
 */
public record WaitBucket(double upToMillis, long borrows) {}
