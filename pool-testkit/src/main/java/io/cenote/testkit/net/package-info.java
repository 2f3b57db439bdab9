/**
 * A network fault proxy: a TCP proxy on the loopback interface that sits between a JDBC driver
 * and a real database server and injects network faults into the connections, after Shopify's
 * Toxiproxy but in plain Java (no Docker, no extra binary, no dependency).
 *
 * <h2>Faults</h2>
 * Every fault is switched at runtime on a {@link io.cenote.testkit.net.NetworkFaultProxy} and
 * takes effect at once, also on open connections; a {@link io.cenote.testkit.net.Direction}
 * says which way it applies ({@code UPSTREAM} client to server, {@code DOWNSTREAM} server to
 * client, or {@code BOTH}).
 * <ul>
 *   <li>{@code cutAll()}: every open connection is reset (RST) on both sides.
 *   <li>{@code refuseNew()} / {@code acceptNew()}: new connections are accepted and reset at
 *       once, so the client's first read fails with "connection reset".
 *   <li>{@code latency(direction, d)} / {@code latency(direction, min, max)}: each chunk of
 *       bytes is delivered that much later.
 *   <li>{@code bandwidth(direction, bytesPerSecond)}: each connection is throttled.
 *   <li>{@code blackHole(direction)}: a partition; connections stay open, bytes are dropped
 *       (never delivered later), nothing is reset.
 *   <li>{@code heal(direction)} / {@code heal()}: faults removed; connections that lost bytes to
 *       a black hole are likely broken for their protocol and must be discarded by the client.
 * </ul>
 * Counters tell what happened: open, accepted and refused connections, bytes forwarded and
 * dropped per direction.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * @Test
 * void poolSurvivesAPartition(@Database(engine = DatabaseEngine.POSTGRESQL) DatabaseTarget db)
 *     throws Exception {
 *   try (NetworkFaultProxy proxy = NetworkFaultProxy.forJdbcUrl("primary", db.jdbcUrl())) {
 *     PoolConfig config = PoolConfig.builder()
 *         .jdbcUrl(proxy.rewrite(db.jdbcUrl()))     // jdbc:postgresql://127.0.0.1:<proxy port>/...
 *         .username(db.user())
 *         .password(db.password())
 *         .validationTimeout(Duration.ofSeconds(1))
 *         .build();
 *     try (ConnectionPool pool = ConnectionPool.create(config)) {
 *       proxy.latency(Direction.DOWNSTREAM, Duration.ofMillis(20)); // results arrive late
 *       runLoad(pool);
 *
 *       proxy.blackHole(Direction.BOTH);            // partition: validation must time out
 *       assertThrows(SQLException.class, () -> pool.getConnection().close());
 *       proxy.heal();                               // new connections work again at once
 *       runLoad(pool);
 *
 *       proxy.cutAll();                             // every connection reset; the pool replaces them
 *       runLoad(pool);
 *     }
 *     // the pool closed everything it opened; the proxy tears each connection down a moment later
 *     awaitUntil(() -> proxy.openConnections() == 0);
 *   }
 * }
 * }</pre>
 *
 * <h2>What a client sees</h2>
 * <ul>
 *   <li>A reset ({@code cutAll()}, a server that cannot be reached, a refused connection): an
 *       {@link java.io.IOException} ("connection reset") on the next or pending read or write;
 *       a JDBC driver turns it into an {@link java.sql.SQLException} of class 08.
 *   <li>A black hole: nothing; reads wait until the socket timeout
 *       ({@link java.net.SocketTimeoutException}) or forever.
 *   <li>The end of a connection: when one side closes, the other sees the end of the stream
 *       after the bytes before it, also through a black hole; the proxy then closes the
 *       connection.
 * </ul>
 *
 * <p>The proxy listens on {@code 127.0.0.1} on a port the system picks; {@code rewrite(url)}
 * puts that {@code host:port} into a JDBC URL. It runs one accept thread and four daemon threads
 * per connection, named {@code cenote-proxy-<name>-...}, uses no monitors, and
 * {@code close()} ends them all before it returns.
 */
package io.cenote.testkit.net;
