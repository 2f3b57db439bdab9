package io.cenote.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.exceptions.CommunicationsException;
import com.mysql.cj.jdbc.exceptions.MySQLQueryInterruptedException;
import com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException;
import com.mysql.cj.jdbc.exceptions.SQLError;
import io.cenote.pool.AcquireTimeoutException;
import io.cenote.pool.AcquireTimeoutException.Reason;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The standard classification on the error shapes of pgjdbc, mysql-connector-j and sqlite-jdbc. */
class SqlFailureClassifierTest {

  private final SqlFailureClassifier classifier = SqlFailureClassifier.standard();

  /** pgjdbc throws PSQLException for everything: only the SQLState tells. */
  @ParameterizedTest(name = "PostgreSQL {0} -> {1}")
  @CsvSource({
      "08001, HOST_FAILURE", "08006, HOST_FAILURE", "08003, HOST_FAILURE", "08004, HOST_FAILURE",
      "08007, UNKNOWN_OUTCOME",
      "57P01, HOST_FAILURE", "57P02, HOST_FAILURE", "57P03, HOST_FAILURE",
      "40001, TRANSACTION_CONFLICT", "40P01, TRANSACTION_CONFLICT",
      "25006, READ_ONLY_SERVER",
      "22012, PERMANENT", "22P02, PERMANENT", "23505, PERMANENT", "23503, PERMANENT",
      "28P01, PERMANENT", "28000, PERMANENT", "42601, PERMANENT", "42P01, PERMANENT",
      "42501, PERMANENT",
      "57014, OTHER", "53300, OTHER", "XX000, OTHER"})
  void postgresByState(String state, FailureKind kind) {
    PSQLException server = new PSQLException(
        new ServerErrorMessage("SERROR\0C" + state + "\0Mboom\0"));
    assertThat(server.getSQLState()).isEqualTo(state);
    assertThat(classifier.classify(server)).isEqualTo(kind);
  }

  /** mysql-connector-j: a state when it maps one, else HY000 and the server's error code. */
  @ParameterizedTest(name = "MySQL/MariaDB {0} [{1}] -> {2}")
  @CsvSource({
      "1290, HY000, READ_ONLY_SERVER", "1836, HY000, READ_ONLY_SERVER",
      "1792, 25006, READ_ONLY_SERVER",
      "1213, 40001, TRANSACTION_CONFLICT", "1213, HY000, TRANSACTION_CONFLICT",
      "1053, 08S01, HOST_FAILURE", "1927, 70100, HOST_FAILURE", "0, 08S01, HOST_FAILURE",
      "1045, 28000, PERMANENT", "1062, 23000, PERMANENT", "1064, 42000, PERMANENT",
      "1146, 42S02, PERMANENT", "1366, 22007, PERMANENT",
      "1205, HY000, OTHER", "1317, 70100, OTHER"})
  void mysqlByCodeAndState(int code, String state, FailureKind kind) {
    assertThat(classifier.classify(new SQLException("boom", state, code))).isEqualTo(kind);
  }

  /**
   * Other drivers reuse MySQL's numbers: Oracle's ORA-01836 (a date format error) has vendor
   * code 1836 and an SQLState of its own or none, ORA-01053 and ORA-01927 are no host failures.
   * Without MySQL's state or a MySQL driver class, the code means nothing.
   */
  @ParameterizedTest(name = "Oracle-shaped {0} [{1}] -> {2}")
  @CsvSource(nullValues = "null", value = {
      "1836, null, OTHER", "1836, 99999, OTHER", "1836, 22008, PERMANENT",
      "1290, null, OTHER", "1290, 72000, OTHER", "1213, null, OTHER", "1213, 61000, OTHER",
      "1053, null, OTHER", "1927, 99999, OTHER", "1927, null, OTHER"})
  void mysqlCodesOfOtherDriversMeanNothing(int code, String state, FailureKind kind) {
    SQLException oracle = new SQLException("ORA-0" + code + ": boom", state, code);
    assertThat(classifier.classify(oracle)).isEqualTo(kind);
    assertThat(classifier.classify(new SQLDataException("ORA-0" + code + ": boom", state, code)))
        .isEqualTo(kind);
  }

  /** Errors built by Connector/J itself, as it builds a server's error packet into one. */
  @Test
  void mysqlDriverErrorsKeepTheirCodes() {
    SQLException readOnly = SQLError.createSQLException("The MySQL server is running with the"
        + " --read-only option so it cannot execute this statement", "HY000", 1290, null);
    SQLException readOnlyMode = SQLError.createSQLException("Running in read-only mode", "HY000",
        1836, null);
    SQLException killed = SQLError.createSQLException("Connection was killed", "70100", 1927,
        null);
    assertThat(readOnly.getClass()).isEqualTo(SQLException.class); // the class cannot tell

    assertThat(classifier.classify(readOnly)).isEqualTo(FailureKind.READ_ONLY_SERVER);
    assertThat(classifier.classify(readOnlyMode)).isEqualTo(FailureKind.READ_ONLY_SERVER);
    assertThat((Throwable) killed).isInstanceOf(MySQLQueryInterruptedException.class);
    assertThat(classifier.classify(killed)).isEqualTo(FailureKind.HOST_FAILURE);
    // a driver class is enough even without the usual state
    assertThat(classifier.classify(new MySQLQueryInterruptedException("Connection was killed",
        null, 1927))).isEqualTo(FailureKind.HOST_FAILURE);
  }

  @Test
  void mysqlDriverExceptionTypes() {
    assertThat(classifier.classify(new MySQLTransactionRollbackException("Deadlock found",
        "40001", 1213))).isEqualTo(FailureKind.TRANSACTION_CONFLICT);
    assertThat(classifier.classify(new CommunicationsException("Communications link failure",
        new ConnectException("Connection refused")))).isEqualTo(FailureKind.HOST_FAILURE);
  }

  /**
   * sqlite-jdbc reports SQLState null and the result code as vendor code: a locked database is
   * a conflict (retry the unit), a file that cannot be opened or read is a host failure, the rest
   * (constraint, syntax, read-only file) is permanent.
   */
  @ParameterizedTest(name = "SQLite {0} -> {1}")
  @CsvSource({
      "SQLITE_BUSY, TRANSACTION_CONFLICT", "SQLITE_BUSY_SNAPSHOT, TRANSACTION_CONFLICT",
      "SQLITE_LOCKED, TRANSACTION_CONFLICT", "SQLITE_IOERR, HOST_FAILURE",
      "SQLITE_IOERR_SHORT_READ, HOST_FAILURE", "SQLITE_CANTOPEN, HOST_FAILURE",
      "SQLITE_CONSTRAINT_UNIQUE, PERMANENT", "SQLITE_ERROR, PERMANENT",
      "SQLITE_READONLY, PERMANENT", "SQLITE_FULL, PERMANENT"})
  void sqliteByVendorCode(SQLiteErrorCode code, FailureKind kind) {
    SQLiteException e = new SQLiteException("[" + code + "] boom", code);
    assertThat(e.getSQLState()).isNull();
    assertThat(classifier.classify(e)).isEqualTo(kind);
  }

  @Test
  void thePoolsAcquireTimeoutIsAHostFailureUnlessItsCauseSaysOtherwise() {
    SQLTransientConnectionException timeout = new SQLTransientConnectionException(
        "pool 'p' could not lend a connection within 500 ms", "08001",
        new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT));
    SQLTransientConnectionException wrongPassword = new SQLTransientConnectionException(
        "pool 'p' could not lend a connection within 500 ms", "28P01",
        new PSQLException("password authentication failed", PSQLState.INVALID_PASSWORD));
    SQLTransientConnectionException noState = new SQLTransientConnectionException("timeout");

    assertThat(classifier.classify(timeout)).isEqualTo(FailureKind.HOST_FAILURE);
    assertThat(classifier.classify(wrongPassword)).isEqualTo(FailureKind.PERMANENT);
    assertThat(classifier.classify(noState)).isEqualTo(FailureKind.HOST_FAILURE);
  }

  /** Busy is not down: only a timeout whose reason points at the host is a host failure. */
  @ParameterizedTest(name = "acquire timeout {0}")
  @EnumSource(Reason.class)
  void anAcquireTimeoutCountsOnlyWhenItsReasonPointsAtTheHost(Reason reason) {
    String state = reason.hostUnreachable() ? "08001" : null;
    AcquireTimeoutException timeout = acquireTimeout(reason, state, null);

    assertThat(classifier.classify(timeout)).isEqualTo(reason.hostUnreachable()
        ? FailureKind.HOST_FAILURE : FailureKind.POOL_BUSY);
  }

  @Test
  void theReasonOfABusyPoolWinsOverItsStateAndCause() {
    PSQLException refused = new PSQLException("Connection refused",
        PSQLState.CONNECTION_UNABLE_TO_CONNECT);
    PSQLException wrongPassword = new PSQLException("password authentication failed",
        PSQLState.INVALID_PASSWORD);

    assertThat(classifier.classify(acquireTimeout(Reason.EXHAUSTED, "08001", refused)))
        .isEqualTo(FailureKind.POOL_BUSY);
    assertThat(classifier.classify(acquireTimeout(Reason.SUSPENDED, null, null)))
        .isEqualTo(FailureKind.POOL_BUSY);
    assertThat(classifier.classify(new SQLException("router", null,
        acquireTimeout(Reason.EXHAUSTED, null, null)))).isEqualTo(FailureKind.POOL_BUSY);
    assertThat(classifier.classify(acquireTimeout(Reason.CONNECT_FAILING, "28P01",
        wrongPassword))).isEqualTo(FailureKind.PERMANENT);
    assertThat(classifier.classify(acquireTimeout(Reason.CONNECT_PENDING, null, null)))
        .isEqualTo(FailureKind.HOST_FAILURE);
    assertThat(FailureKind.POOL_BUSY.countsAgainstBreaker()).isFalse();
    assertThat(FailureKind.POOL_BUSY.retryable()).isTrue();
  }

  static AcquireTimeoutException acquireTimeout(Reason reason, String state, Throwable cause) {
    return new AcquireTimeoutException("pool 'p' could not lend a connection within 500 ms ("
        + reason + ")", state, cause, "p", reason, Duration.ofMillis(500));
  }

  @Test
  void connectTimeoutsAndBrokenSocketsAreHostFailures() {
    assertThat(classifier.classify(new SQLException("connect", null,
        new SocketTimeoutException("connect timed out")))).isEqualTo(FailureKind.HOST_FAILURE);
    assertThat(classifier.classify(new SQLNonTransientConnectionException("gone")))
        .isEqualTo(FailureKind.HOST_FAILURE);
    assertThat(classifier.classify(new RuntimeException("x"))).isEqualTo(FailureKind.OTHER);
  }

  @Test
  void walksCausesAndNextExceptions() {
    SQLException batch = new SQLException("Batch entry 0 was aborted", "HY000");
    batch.setNextException(new PSQLException("could not serialize access",
        PSQLState.SERIALIZATION_FAILURE));
    SQLException wrapped = new SQLException("wrapper", null, new SQLException("inner", "57P01"));
    SQLException outermostWins = new SQLException("dup", "23505",
        new SQLException("inner", "08006"));

    assertThat(classifier.classify(batch)).isEqualTo(FailureKind.TRANSACTION_CONFLICT);
    assertThat(classifier.classify(wrapped)).isEqualTo(FailureKind.HOST_FAILURE);
    assertThat(classifier.classify(outermostWins)).isEqualTo(FailureKind.PERMANENT);
  }

  @Test
  void anOpenBreakerAnywhereInTheChainWins() {
    CallNotPermittedException open = CallNotPermittedException.createCallNotPermittedException(
        CircuitBreaker.ofDefaults("h"));
    assertThat(classifier.classify(new SQLTransientConnectionException("open", "08001", open)))
        .isEqualTo(FailureKind.BREAKER_OPEN);
  }

  @Test
  void kindsSayWhatIsCountedAndRetried() {
    assertThat(FailureKind.HOST_FAILURE.countsAgainstBreaker()).isTrue();
    assertThat(FailureKind.HOST_FAILURE.retryable()).isTrue();
    assertThat(FailureKind.UNKNOWN_OUTCOME.countsAgainstBreaker()).isTrue();
    assertThat(FailureKind.UNKNOWN_OUTCOME.retryable()).isFalse();
    assertThat(FailureKind.TRANSACTION_CONFLICT.countsAgainstBreaker()).isFalse();
    assertThat(FailureKind.TRANSACTION_CONFLICT.retryable()).isTrue();
    for (FailureKind k : new FailureKind[] {FailureKind.PERMANENT, FailureKind.OTHER,
        FailureKind.BREAKER_OPEN}) {
      assertThat(k.countsAgainstBreaker()).isFalse();
      assertThat(k.retryable()).isFalse();
    }
  }

  @Test
  void theStandardClassifierCanBeDecorated() {
    SqlFailureClassifier mine = error -> {
      FailureKind kind = SqlFailureClassifier.standard().classify(error);
      return kind == FailureKind.OTHER && error.getMessage().contains("proxy timeout")
          ? FailureKind.HOST_FAILURE : kind;
    };
    assertThat(mine.classify(new SQLException("proxy timeout", "HY000")))
        .isEqualTo(FailureKind.HOST_FAILURE);
    assertThat(mine.classify(new SQLException("dup", "23505"))).isEqualTo(FailureKind.PERMANENT);
  }
}
