package io.cenote.testkit.fault;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the SQLException a call throws. */
final class SqlAssertions {

  private SqlAssertions() {}

  /** Asserts that {@code call} throws an SQLException with {@code sqlState} and returns it. */
  static SQLException assertSqlState(ThrowingCallable call, String sqlState) {
    SQLException[] thrown = new SQLException[1];
    assertThatThrownBy(call)
        .isInstanceOf(SQLException.class)
        .satisfies(e -> thrown[0] = (SQLException) e)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo(sqlState);
    return thrown[0];
  }
}
