package io.cenote.dashboard.internal;

/**
 * The body of every error answer.
 *
 * @param error what went wrong
 * @param field the request field at fault, or null
 */
public record ErrorBody(String error, String field) {}
