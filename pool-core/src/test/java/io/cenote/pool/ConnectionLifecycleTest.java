package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.physical;
import static io.cenote.pool.PoolTestSupport.stubConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.pool.PoolTestSupport.RecordingListener;
import io.cenote.testkit.TestDataSource;
import io.cenote.testkit.fault.FaultConnection;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import io.cenote.testkit.fault.FaultTrigger;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a borrower sees of a pooled connection, from borrow to return. */
class ConnectionLifecycleTest {

  private final String url = FaultDriver.uniqueStubUrl();
  private final FaultPlan plan = FaultDriver.plan(url);
  private final RecordingListener listener = new RecordingListener();
  private ConnectionPool pool;

  private ConnectionPool pool(PoolConfig.Builder builder) {
    pool = ConnectionPool.create(builder.listener(listener).build());
    return pool;
  }

  private ConnectionPool pool() {
    return pool(stubConfig("life", url));
  }

  @AfterEach
  void closePoolAndCheckNothingLeaked() {
    if (pool != null) {
      pool.close();
    }
    assertThat(plan.stats().open()).as("physical connections left open").isZero();
  }

  // ---- proxies --------------------------------------------------------------------------------

  @Test
  void everyBorrowGetsAFreshProxyOverTheSamePhysicalConnection() throws SQLException {
    pool();

    Connection first = pool.getConnection();
    FaultConnection physical = physical(first);
    long id = first.unwrap(LeasedConnection.class).connectionId();
    first.close();
    Connection second = pool.getConnection();

    assertThat(second).isNotSameAs(first);
    assertThat(physical(second)).isSameAs(physical);
    assertThat(second.unwrap(LeasedConnection.class).connectionId()).isEqualTo(id);
    assertThat(first.isClosed()).isTrue();
    assertThat(second.isClosed()).isFalse();
    second.close();
    assertThat(plan.stats().opened()).isEqualTo(1);
  }

  @Test
  void closingTwiceIsHarmlessAndNeverReturnsTheNextBorrowersConnection() throws SQLException {
    pool(stubConfig("life", url).acquireTimeout(Duration.ofMillis(100)));
    Connection first = pool.getConnection();
    first.close();
    Connection second = pool.getConnection();

    first.close();
    first.close();

    assertThat(second.isClosed()).isFalse();
    assertThat(pool.stats().active()).isEqualTo(1);
    assertThat(pool.stats().released()).isEqualTo(1);
    assertThatThrownBy(pool::getConnection)
        .isInstanceOf(java.sql.SQLTransientConnectionException.class);
    second.close();
    assertThat(pool.stats().idle()).isEqualTo(1);
    assertThat(pool.stats().released()).isEqualTo(2);
  }

  @Test
  void useAfterCloseThrowsConnectionIsClosed() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    c.close();

    List<ThrowingCall> calls = List.of(
        c::createStatement,
        () -> c.prepareStatement("SELECT 1"),
        () -> c.prepareCall("{call p()}"),
        () -> c.setAutoCommit(false),
        c::getAutoCommit,
        c::commit,
        c::rollback,
        () -> c.setReadOnly(true),
        c::isReadOnly,
        () -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE),
        c::getTransactionIsolation,
        () -> c.setCatalog("x"),
        c::getCatalog,
        () -> c.setSchema("x"),
        c::getSchema,
        c::getWarnings,
        c::clearWarnings,
        () -> c.nativeSQL("SELECT 1"),
        c::getMetaData,
        c::getHoldability,
        () -> c.unwrap(FaultConnection.class),
        () -> c.isWrapperFor(FaultConnection.class),
        () -> c.getClientInfo("ApplicationName"),
        c::getNetworkTimeout,
        () -> c.unwrap(LeasedConnection.class).detach());

    for (ThrowingCall call : calls) {
      assertThatThrownBy(call::run)
          .isInstanceOf(SQLException.class)
          .hasMessage("connection is closed")
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
    }
    assertThat(c.isClosed()).isTrue();
    assertThat(c.isValid(1)).isFalse();
  }

  @Test
  void aClosedHandleCannotChangeClientInfoOfTheNextBorrowersConnection() throws SQLException {
    pool();
    Connection stale = pool.getConnection();
    stale.close();
    Connection current = pool.getConnection();

    assertThatThrownBy(() -> stale.setClientInfo("ApplicationName", "stale"))
        .isInstanceOf(SQLClientInfoException.class).hasMessage("connection is closed");
    Properties props = new Properties();
    props.setProperty("ApplicationName", "stale");
    assertThatThrownBy(() -> stale.setClientInfo(props))
        .isInstanceOf(SQLClientInfoException.class).hasMessage("connection is closed");

    assertThat(current.getClientInfo("ApplicationName")).isNull();
    current.close();
  }

  @Test
  void statementsAndResultSetsAreClosedWithTheConnection() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    Statement s = c.createStatement();
    ResultSet rs = s.executeQuery("SELECT 1");
    PreparedStatement ps = c.prepareStatement("SELECT ?");
    CallableStatement cs = c.prepareCall("{call p()}");
    Statement closedByUser = c.createStatement();
    closedByUser.close();
    Statement rawStatement = s.unwrap(Statement.class);
    Statement rawPrepared = ps.unwrap(PreparedStatement.class);

    c.close();

    assertThat(s.isClosed()).isTrue();
    assertThat(ps.isClosed()).isTrue();
    assertThat(cs.isClosed()).isTrue();
    assertThat(rs.isClosed()).isTrue();
    assertThat(rawStatement.isClosed()).as("driver statement").isTrue();
    assertThat(rawPrepared.isClosed()).as("driver prepared statement").isTrue();
    assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOf(SQLException.class)
        .hasMessage("statement is closed");
    assertThatCode(closedByUser::close).doesNotThrowAnyException();
  }

  @Test
  void statementsLeadBackToThePooledConnection() throws SQLException {
    pool();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      assertThat(s.getConnection()).isSameAs(c);
      assertThat(rs.getStatement()).isSameAs(s);
      assertThat(rs.getStatement().getConnection()).isSameAs(c);
    }
  }

  @Test
  void aPoolLendsWithItsOwnCredentialsOnly() {
    pool();

    assertThatThrownBy(() -> pool.getConnection("other", "pw"))
        .isInstanceOf(SQLFeatureNotSupportedException.class);
  }

  // ---- session state --------------------------------------------------------------------------

  @Test
  void stateChangedByTheBorrowerIsRestoredOnReturn() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    c.setAutoCommit(false);
    c.setReadOnly(true);
    c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    c.setCatalog("other");
    c.setSchema("elsewhere");

    c.close();

    assertThat(raw.getAutoCommit()).isTrue();
    assertThat(raw.isReadOnly()).isFalse();
    assertThat(raw.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    assertThat(raw.getCatalog()).isEqualTo("stub");
    assertThat(raw.getSchema()).isEqualTo("public");
  }

  @Test
  void networkTimeoutChangedByTheBorrowerIsRestoredOnReturn() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    int original = raw.getNetworkTimeout();
    c.setNetworkTimeout(Runnable::run, original + 7_000);
    assertThat(raw.getNetworkTimeout()).isEqualTo(original + 7_000);

    c.close();

    assertThat(raw.getNetworkTimeout()).isEqualTo(original);
  }

  @Test
  void connectionsStartInTheConfiguredStateAndAreRestoredToIt() throws SQLException {
    pool(stubConfig("life", url).autoCommit(false).readOnly(true)
        .transactionIsolation(Connection.TRANSACTION_REPEATABLE_READ).catalog("cat")
        .schema("sch"));
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);

    assertThat(c.getAutoCommit()).isFalse();
    assertThat(c.isReadOnly()).isTrue();
    assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
    assertThat(c.getCatalog()).isEqualTo("cat");
    assertThat(c.getSchema()).isEqualTo("sch");

    c.setAutoCommit(true);
    c.setReadOnly(false);
    c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
    c.setCatalog("stub");
    c.setSchema("public");
    c.close();

    assertThat(raw.getAutoCommit()).isFalse();
    assertThat(raw.isReadOnly()).isTrue();
    assertThat(raw.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
    assertThat(raw.getCatalog()).isEqualTo("cat");
    assertThat(raw.getSchema()).isEqualTo("sch");
  }

  @Test
  void unchangedStateCausesNoCallsOnReturn() throws SQLException {
    RecordingDataSource ds = new RecordingDataSource(url);
    pool(PoolConfig.builder().poolName(PoolTestSupport.uniqueName("life")).dataSource(ds)
        .registerMbean(false).maxSize(1).minIdle(1).validateOnBorrow(false));
    Connection c = pool.getConnection();
    try (Statement s = c.createStatement()) {
      s.executeQuery("SELECT 1").close();
    }
    c.setAutoCommit(true); // same as the starting state: not a change
    c.setReadOnly(false);
    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    ds.calls.clear();

    c.close();

    assertThat(ds.stateCalls()).isEmpty();
  }

  @Test
  void onlyTheChangedSettingIsRestored() throws SQLException {
    RecordingDataSource ds = new RecordingDataSource(url);
    pool(PoolConfig.builder().poolName(PoolTestSupport.uniqueName("life")).dataSource(ds)
        .registerMbean(false).maxSize(1).minIdle(1).validateOnBorrow(false));
    Connection c = pool.getConnection();
    c.setReadOnly(true);
    ds.calls.clear();

    c.close();

    assertThat(ds.stateCalls()).containsExactly("setReadOnly[false]");
  }

  @Test
  void anOpenTransactionThatDidWorkIsRolledBackOnReturn() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE t SET x = 1");
    }

    c.close();

    assertThat(raw.rollbackCount()).isEqualTo(1);
    assertThat(raw.commitCount()).isZero();
    assertThat(raw.getAutoCommit()).isTrue();
  }

  @Test
  void aTransactionThatDidNoWorkIsNotRolledBack() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    c.setAutoCommit(false);

    c.close();

    assertThat(raw.rollbackCount()).isZero();
    assertThat(raw.getAutoCommit()).isTrue();
  }

  @Test
  void aCommittedTransactionIsNotRolledBack() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE t SET x = 1");
    }
    c.commit();

    c.close();

    assertThat(raw.commitCount()).isEqualTo(1);
    assertThat(raw.rollbackCount()).isZero();
  }

  @Test
  void aCommittedOrRolledBackTransactionIsNotRolledBackAgain() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE t SET x = 1");
      c.commit();
      s.executeUpdate("UPDATE t SET x = 2");
      c.rollback();
    }

    c.close();

    assertThat(raw.commitCount()).isEqualTo(1);
    assertThat(raw.rollbackCount()).isEqualTo(1);
  }

  @Test
  void workAfterACommitIsRolledBack() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("UPDATE t SET x = ?")) {
      ps.setInt(1, 1);
      ps.executeUpdate();
      c.commit();
      ps.setInt(1, 2);
      ps.executeUpdate();
    }

    c.close();

    assertThat(raw.commitCount()).isEqualTo(1);
    assertThat(raw.rollbackCount()).isEqualTo(1);
  }

  @Test
  void withAutoCommitOffByConfigurationOnlyABorrowThatDidWorkRollsBack() throws SQLException {
    pool(stubConfig("life", url).autoCommit(false));
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    c.close();
    assertThat(raw.rollbackCount()).isZero();

    Connection again = pool.getConnection();
    try (Statement s = again.createStatement()) {
      s.executeQuery("SELECT 1").close();
    }
    again.close();

    assertThat(raw.rollbackCount()).isEqualTo(1);
    assertThat(raw.getAutoCommit()).isFalse();
  }

  @Test
  void switchingAutoCommitBackOnCommitsSoNothingIsRolledBack() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE t SET x = 1");
    }
    c.setAutoCommit(true);

    c.close();

    assertThat(raw.rollbackCount()).isZero();
  }

  // ---- statement defaults and init SQL --------------------------------------------------------

  @Test
  void defaultQueryTimeoutIsSetOnEveryNewStatement() throws SQLException {
    pool(stubConfig("life", url).defaultQueryTimeout(Duration.ofSeconds(7)));
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        PreparedStatement ps = c.prepareStatement("SELECT 1");
        CallableStatement cs = c.prepareCall("{call p()}");
        Statement overridden = c.createStatement()) {
      overridden.setQueryTimeout(30);

      assertThat(s.getQueryTimeout()).isEqualTo(7);
      assertThat(ps.getQueryTimeout()).isEqualTo(7);
      assertThat(cs.getQueryTimeout()).isEqualTo(7);
      assertThat(s.unwrap(Statement.class).getQueryTimeout()).as("driver statement")
          .isEqualTo(7);
      assertThat(overridden.getQueryTimeout()).isEqualTo(30);
    }
  }

  @Test
  void withoutADefaultQueryTimeoutStatementsHaveNone() throws SQLException {
    pool();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      assertThat(s.getQueryTimeout()).isZero();
    }
  }

  @Test
  void connectionInitSqlRunsOnceOnEveryNewConnection() throws SQLException {
    pool(stubConfig("life", url).maxSize(3).minIdle(3).connectionInitSql("SET search_path = x"));
    PoolTestSupport.awaitTotal(pool, 3);

    assertThat(plan.stats().statementsExecuted()).isEqualTo(3);
    try (Connection c = pool.getConnection()) {
      assertThat(c.getAutoCommit()).isTrue();
    }
    assertThat(plan.stats().statementsExecuted()).isEqualTo(3);
  }

  @Test
  void connectionInitSqlIsCommittedWhenAutoCommitIsOff() throws SQLException {
    pool(stubConfig("life", url).autoCommit(false).connectionInitSql("SET x = 1"));
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    c.close();

    assertThat(raw.commitCount()).isEqualTo(1);
    assertThat(raw.rollbackCount()).as("init SQL is not the borrower's transaction").isZero();
  }

  @Test
  void aFailingConnectionInitSqlClosesTheConnectionAndIsRetried() throws SQLException {
    plan.failStatements(FaultTrigger.times(2), "42601", "syntax error");

    pool(stubConfig("life", url).connectionInitSql("SET x = 1"));

    assertThat(plan.stats().opened()).isEqualTo(3);
    assertThat(plan.stats().open()).isEqualTo(1);
    assertThat(pool.stats().creationFailures()).isEqualTo(2);
    assertThat(listener.ofType("connectFailure")).hasSize(2);
  }

  // ---- special leases -------------------------------------------------------------------------

  @Test
  void invalidateClosesThePhysicalConnectionInsteadOfReturningIt() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    LeasedConnection lease = c.unwrap(LeasedConnection.class);
    long id = lease.connectionId();

    lease.invalidate();

    assertThat(c.isClosed()).isTrue();
    assertThat(raw.isClosed()).isTrue();
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.INVALID, 1L);
    assertThat(listener.ofType("invalidate")).extracting(PoolTestSupport.Event::connectionId)
        .containsExactly(id);
    assertThat(listener.closes(CloseReason.INVALID)).isEqualTo(1);
    assertThatCode(lease::invalidate).doesNotThrowAnyException();
    assertThatCode(c::close).doesNotThrowAnyException();
    try (Connection replacement = pool.getConnection()) {
      assertThat(physical(replacement)).isNotSameAs(raw);
    }
    assertThat(pool.stats().total()).isEqualTo(1);
  }

  @Test
  void detachHandsThePhysicalConnectionToTheCallerAndFreesTheSlot() throws SQLException {
    pool(stubConfig("life", url).minIdle(0));
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    LeasedConnection lease = c.unwrap(LeasedConnection.class);
    long id = lease.connectionId();

    Connection detached = lease.detach();

    assertThat(detached).isSameAs(raw);
    assertThat(raw.isClosed()).isFalse();
    assertThat(c.isClosed()).isTrue();
    assertThat(pool.stats().total()).isZero();
    assertThat(pool.stats().destroyedTotal()).isZero();
    assertThat(listener.ofType("detach")).extracting(PoolTestSupport.Event::connectionId)
        .containsExactly(id);
    try (Connection another = pool.getConnection()) {
      assertThat(physical(another)).isNotSameAs(raw);
    }
    pool.close();
    assertThat(raw.isClosed()).as("the pool no longer owns it").isFalse();
    assertThat(plan.stats().open()).isEqualTo(1);

    detached.close();
  }

  @Test
  void aFatalErrorClosesTheConnectionOnReturn() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    plan.failStatements(FaultTrigger.once());

    try (Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
    }
    c.close();

    assertThat(raw.isClosed()).isTrue();
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.INVALID, 1L);
    try (Connection next = pool.getConnection()) {
      assertThat(physical(next)).isNotSameAs(raw);
      assertThat(next.isValid(1)).isTrue();
    }
  }

  @Test
  void aNonFatalErrorKeepsTheConnection() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);
    plan.failStatements(FaultTrigger.once(), "23505", "duplicate key");

    try (Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("INSERT")).isInstanceOf(SQLException.class);
    }
    c.close();

    try (Connection next = pool.getConnection()) {
      assertThat(physical(next)).isSameAs(raw);
    }
    assertThat(pool.stats().destroyedTotal()).isZero();
  }

  @Test
  void abortThroughTheProxyClosesThePhysicalConnection() throws SQLException {
    pool();
    Connection c = pool.getConnection();
    FaultConnection raw = physical(c);

    c.abort(Runnable::run);

    assertThat(c.isClosed()).isTrue();
    assertThat(raw.isAborted()).isTrue();
    assertThat(pool.stats().destroyed()).containsEntry(CloseReason.INVALID, 1L);
    assertThat(pool.stats().active()).isZero();
  }

  @ParameterizedTest
  @ValueSource(classes = {LeasedConnection.class, FaultConnection.class, Connection.class})
  void wrapperChecksSeeTheLeaseAndTheDriverConnection(Class<?> iface) throws SQLException {
    pool();
    try (Connection c = pool.getConnection()) {
      assertThat(c.isWrapperFor(iface)).isTrue();
      assertThat(c.unwrap(iface)).isNotNull();
    }
  }

  @Test
  void theDataSourceSideOfThePoolIsUsable() throws SQLException {
    pool(stubConfig("life", url).acquireTimeout(Duration.ofSeconds(3)));

    assertThat(pool.getLoginTimeout()).isEqualTo(3);
    assertThatThrownBy(() -> pool.setLoginTimeout(1))
        .isInstanceOf(SQLFeatureNotSupportedException.class);
    assertThat(pool.isWrapperFor(DataSource.class)).isTrue();
    assertThat(pool.unwrap(ConnectionPool.class)).isSameAs(pool);
    assertThatThrownBy(() -> pool.unwrap(FaultConnection.class)).isInstanceOf(SQLException.class);
    PrintWriter writer = new PrintWriter(System.out);
    pool.setLogWriter(writer);
    assertThat(pool.getLogWriter()).isSameAs(writer);
    assertThat(pool.config().poolName()).isEqualTo(pool.poolName());
  }

  @Test
  void checkoutAndCheckinEventsCarryTheConnectionId() throws SQLException {
    pool();
    long id;
    try (Connection c = pool.getConnection()) {
      id = c.unwrap(LeasedConnection.class).connectionId();
    }

    assertThat(listener.ofType("connect")).extracting(PoolTestSupport.Event::connectionId)
        .containsExactly(id);
    assertThat(listener.ofType("checkout")).extracting(PoolTestSupport.Event::connectionId)
        .containsExactly(id);
    assertThat(listener.ofType("checkin")).extracting(PoolTestSupport.Event::connectionId)
        .containsExactly(id);
    assertThat(listener.events).extracting(PoolTestSupport.Event::poolName)
        .containsOnly(pool.poolName());
  }

  @Test
  void validationTimeoutIsPassedToIsValidRoundedUpToWholeSeconds() throws SQLException {
    RecordingDataSource ds = new RecordingDataSource(url);
    PoolTestSupport.ManualTicker ticker = new PoolTestSupport.ManualTicker();
    pool(PoolConfig.builder().poolName(PoolTestSupport.uniqueName("life")).dataSource(ds)
        .registerMbean(false).maxSize(1).minIdle(1).ticker(ticker)
        .validationTimeout(Duration.ofMillis(1500)).acquireTimeout(Duration.ofSeconds(30)));
    ds.calls.clear();
    ticker.advance(Duration.ofSeconds(1));

    pool.getConnection().close();

    assertThat(ds.calls).contains("isValid[2]");
  }

  @Test
  void aDataSourceIsAskedWithTheConfiguredCredentials() throws SQLException {
    RecordingDataSource ds = new RecordingDataSource(url);
    pool(PoolConfig.builder().poolName(PoolTestSupport.uniqueName("life")).dataSource(ds)
        .username("app").password("pw").registerMbean(false).maxSize(1).minIdle(1));

    assertThat(ds.credentials).containsExactly("app/pw");
  }

  @Test
  void credentialsAndDriverPropertiesReachTheDriver() throws SQLException {
    PropertiesRecordingDriver driver = new PropertiesRecordingDriver(url);
    DriverManager.registerDriver(driver);
    try {
      pool(stubConfig("life", PropertiesRecordingDriver.PREFIX + "db").username("app")
          .password("pw").driverProperty("ssl", "true").driverProperty("socketTimeout", "30"));

      assertThat(driver.seen).hasSize(1);
      Properties p = driver.seen.get(0);
      assertThat(p).containsEntry("user", "app").containsEntry("password", "pw")
          .containsEntry("ssl", "true").containsEntry("socketTimeout", "30");
    } finally {
      DriverManager.deregisterDriver(driver);
    }
  }

  @Test
  void laterConnectionsAreOpenedOnTheCreatorThread() {
    pool(stubConfig("life", url).maxSize(3).minIdle(3));
    PoolTestSupport.awaitTotal(pool, 3);

    List<PoolTestSupport.Event> connects = listener.ofType("connect");
    assertThat(connects).hasSize(3);
    assertThat(connects.subList(1, 3)).extracting(PoolTestSupport.Event::thread)
        .containsOnly(pool.poolName() + "-creator");
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** A driver for {@code jdbc:cenote-props:} that records what it is given, then hands out a stub. */
  private static final class PropertiesRecordingDriver implements java.sql.Driver {
    static final String PREFIX = "jdbc:cenote-props:";
    private final String stubUrl;
    final List<Properties> seen = new CopyOnWriteArrayList<>();

    PropertiesRecordingDriver(String stubUrl) {
      this.stubUrl = stubUrl;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
      if (!acceptsURL(url)) {
        return null;
      }
      Properties copy = new Properties();
      copy.putAll(info);
      seen.add(copy);
      return DriverManager.getConnection(stubUrl);
    }

    @Override
    public boolean acceptsURL(String url) {
      return url != null && url.startsWith(PREFIX);
    }

    @Override
    public java.sql.DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
      return new java.sql.DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
      return 0;
    }

    @Override
    public int getMinorVersion() {
      return 0;
    }

    @Override
    public boolean jdbcCompliant() {
      return false;
    }

    @Override
    public java.util.logging.Logger getParentLogger() {
      return java.util.logging.Logger.getGlobal();
    }
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  /** Hands out stub connections through a proxy that records every call made on them. */
  private static final class RecordingDataSource extends TestDataSource {
    private static final Set<String> STATE_CALLS = Set.of("setAutoCommit", "setReadOnly",
        "setTransactionIsolation", "setCatalog", "setSchema", "rollback", "commit");
    private final String url;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> credentials = new CopyOnWriteArrayList<>();

    RecordingDataSource(String url) {
      this.url = url;
    }

    List<String> stateCalls() {
      return calls.stream().filter(c -> STATE_CALLS.contains(c.replaceAll("\\[.*", "")))
          .collect(Collectors.toCollection(ArrayList::new));
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection real = DriverManager.getConnection(url);
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            calls.add(method.getName() + (args == null ? "" : Arrays.toString(args)));
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      credentials.add(username + "/" + password);
      return getConnection();
    }

  }
}
