/**
 * A fault-injecting JDBC driver for testing connection pools: cheap in-memory stub connections
 * for unit tests and benchmarks, real connections wrapped for chaos tests, and faults that can be
 * switched on and off while connections are in use.
 *
 * <h2>URLs</h2>
 * <ul>
 *   <li>{@code jdbc:cenote-fault:stub} and {@code jdbc:cenote-fault:stub:<name>}: stub servers;
 *       each name has its own {@link io.cenote.testkit.fault.FaultPlan} and counters.
 *   <li>{@code jdbc:cenote-fault:postgresql://127.0.0.1:5432/app?...}: the real driver for
 *       {@code jdbc:postgresql://127.0.0.1:5432/app?...}, wrapped (any {@code jdbc:} URL works).
 * </ul>
 *
 * <h2>Faults</h2>
 * A {@link io.cenote.testkit.fault.FaultPlan} per server (plus a global one) programs connect
 * failures and latency, {@code isValid} failures, statement latency and failures, hangs of
 * network calls, server restarts and down time; a {@link io.cenote.testkit.fault.FaultTrigger}
 * says when a fault fires (always, with a probability, the next N times). The exceptions carry
 * the SQLStates in {@link io.cenote.testkit.fault.FaultSqlStates}.
 *
 * <h2>Counters</h2>
 * {@link io.cenote.testkit.fault.FaultCounters} count connections opened, closed, open and at
 * peak, connect attempts and failures, {@code isValid} calls, statements, commits and rollbacks;
 * {@link io.cenote.testkit.fault.FaultPlan#openConnections()} lists what is still open.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * String url = FaultDriver.uniqueStubUrl();               // jdbc:cenote-fault:stub:isolated-N
 * FaultPlan plan = FaultDriver.plan(url);
 *
 * try (ConnectionPool pool = ConnectionPool.create(PoolConfig.builder().jdbcUrl(url).build())) {
 *   plan.failConnects(FaultTrigger.times(2));             // the pool must retry its first connects
 *   plan.statementLatency(Duration.ofMillis(2));
 *   runLoad(pool);
 *
 *   plan.restart();                                       // every open connection is now reset
 *   runLoad(pool);                                        // the pool's pre-ping must replace them
 *   plan.reset();
 * }
 *
 * FaultStats stats = plan.stats();
 * assertThat(stats.connectFailures()).isEqualTo(2);
 * assertThat(stats.open()).isZero();                      // the pool closed everything it opened
 * assertThat(plan.openConnections()).isEmpty();
 * }</pre>
 *
 * <p>The stub answers every query with one row holding the integer 1 and keeps the session state
 * a pool manages; its calls take no locks and log nothing, so it can stand in for a database in
 * benchmarks. Savepoints, LOBs, database metadata and the like are not offered and throw
 * {@link java.sql.SQLFeatureNotSupportedException}.
 */
package io.cenote.testkit.fault;
