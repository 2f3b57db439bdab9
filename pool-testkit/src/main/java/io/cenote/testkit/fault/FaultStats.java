package io.cenote.testkit.fault;

/**
 * A point-in-time copy of a {@link FaultCounters}, convenient for assertions and messages.
 *
 * <pre>{@code
 * FaultStats stats = FaultDriver.stats("stub:orders");
 * assertThat(stats.open()).isZero();
 * assertThat(stats.peakOpen()).isLessThanOrEqualTo(10);
 * }</pre>
 *
 * <p>Each counter is read separately, so a snapshot taken while connections are in use is not an
 * atomic cut across counters; taken when the system is quiet it is exact.
 *
 * @param opened physical connections opened successfully
 * @param closed physical connections closed (an abort counts as a close)
 * @param open connections currently open: {@code opened - closed}
 * @param peakOpen the most connections ever open at the same time
 * @param connectAttempts calls to {@code Driver.connect} for this plan
 * @param connectFailures connect attempts that threw, injected or real
 * @param isValidCalls calls to {@code Connection.isValid}
 * @param statementsExecuted statement executions that reached the server
 * @param commits commits that reached the server
 * @param rollbacks rollbacks that reached the server
 */
public record FaultStats(
    long opened,
    long closed,
    long open,
    long peakOpen,
    long connectAttempts,
    long connectFailures,
    long isValidCalls,
    long statementsExecuted,
    long commits,
    long rollbacks) {}
