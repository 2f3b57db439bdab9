package io.cenote.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.AcquireTimeoutException;
import io.cenote.pool.AcquireTimeoutException.Reason;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** A busy pool is not a down host; broken connections and unreachable hosts are. */
class FailuresTest {

  private static AcquireTimeoutException timeout(Reason reason) {
    return new AcquireTimeoutException("pool 'r1' could not lend a connection within 300 ms ("
        + reason + ")", reason.hostUnreachable() ? "08001" : null, null, "r1", reason,
        Duration.ofMillis(300));
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void anAcquireTimeoutIsAHostFailureOnlyWhenTheHostLooksUnreachable(Reason reason) {
    AcquireTimeoutException timeout = timeout(reason);

    assertThat(Failures.isConnectionFailure(timeout)).isEqualTo(reason.hostUnreachable());
    assertThat(Failures.isBusy(timeout)).isEqualTo(!reason.hostUnreachable());
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void theReasonCountsWhereverTheTimeoutSitsInTheCauseChain(Reason reason) {
    SQLException wrapped = new SQLException("read failed", null, timeout(reason));

    assertThat(Failures.isConnectionFailure(wrapped)).isEqualTo(reason.hostUnreachable());
    assertThat(Failures.isBusy(wrapped)).isEqualTo(!reason.hostUnreachable());
  }

  @ParameterizedTest
  @CsvSource({"08006, true", "08001, true", "57P01, true", "57P03, true", "40001, false",
      "23505, false", "42P01, false"})
  void sqlStatesTellBrokenConnectionsFromFailedStatements(String state, boolean down) {
    SQLException error = new SQLException("failed", state);

    assertThat(Failures.isConnectionFailure(error)).isEqualTo(down);
    assertThat(Failures.isBusy(error)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"08001", "''"})
  void aTransientConnectionErrorWithoutAReasonIsAHostFailure(String state) {
    SQLException error = new SQLTransientConnectionException("could not lend",
        state.isEmpty() ? null : state);

    assertThat(Failures.isConnectionFailure(error)).isTrue();
    assertThat(Failures.isBusy(error)).isFalse();
  }
}
