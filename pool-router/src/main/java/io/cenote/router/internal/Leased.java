package io.cenote.router.internal;

import java.sql.Connection;

/**
 * A connection borrowed from one host of a cluster.
 *
 * @param host the host it came from
 * @param connection the pooled connection
 * @param forWrite true when it was borrowed for writing (from the write host)
 */
record Leased(Host host, Connection connection, boolean forWrite) {}
