package io.cenote.pool;

import static io.cenote.pool.PoolTestSupport.stubConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.testkit.fault.FaultDriver;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A layer that wraps a lease names itself its holder, and from then on every way back from a
 * statement or the metadata to "the connection" leads to the wrapper the user holds.
 */
class LeaseHolderTest {

  private ConnectionPool pool;

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close();
    }
  }

  private ConnectionPool stubPool() {
    pool = ConnectionPool.create(stubConfig("holder", FaultDriver.uniqueStubUrl()).build());
    return pool;
  }

  /** A wrapper such as a router's own connection: it delegates every call to the lease. */
  private static Connection wrapperOf(Connection lease) {
    return (Connection) Proxy.newProxyInstance(LeaseHolderTest.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          try {
            return method.invoke(lease, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void statementsOfEveryKindAndTheirResultSetsLeadBackToTheHolder() throws SQLException {
    stubPool();
    try (Connection lease = pool.getConnection()) {
      Connection holder = wrapperOf(lease);
      Statement createdBefore = lease.createStatement();

      lease.unwrap(LeasedConnection.class).setHolder(holder);
      Statement statement = lease.createStatement();
      PreparedStatement prepared = lease.prepareStatement("SELECT ?");
      CallableStatement callable = lease.prepareCall("{call p()}");
      ResultSet rows = statement.executeQuery("SELECT 1");
      ResultSet preparedRows = prepared.executeQuery();

      assertThat(createdBefore.getConnection()).isSameAs(holder);
      assertThat(statement.getConnection()).isSameAs(holder);
      assertThat(prepared.getConnection()).isSameAs(holder);
      assertThat(callable.getConnection()).isSameAs(holder);
      assertThat(rows.getStatement().getConnection()).isSameAs(holder);
      assertThat(preparedRows.getStatement().getConnection()).isSameAs(holder);
      assertThat(holder.createStatement().getConnection()).as("through the wrapper too")
          .isSameAs(holder);
    }
  }

  @Test
  void metadataLeadsBackToTheHolder() throws SQLException {
    pool = ConnectionPool.create(stubConfig("holder", "jdbc:sqlite::memory:").build());
    try (Connection lease = pool.getConnection()) {
      Connection holder = wrapperOf(lease);
      assertThat(lease.getMetaData().getConnection()).as("before").isSameAs(lease);

      lease.unwrap(LeasedConnection.class).setHolder(holder);

      assertThat(lease.getMetaData().getConnection()).isSameAs(holder);
      assertThat(holder.getMetaData().getConnection()).isSameAs(holder);
    }
  }

  @Test
  void withoutAHolderEverythingLeadsBackToTheLease() throws SQLException {
    stubPool();
    try (Connection lease = pool.getConnection();
        Statement statement = lease.createStatement();
        CallableStatement callable = lease.prepareCall("{call p()}");
        ResultSet rows = statement.executeQuery("SELECT 1")) {
      assertThat(statement.getConnection()).isSameAs(lease);
      assertThat(callable.getConnection()).isSameAs(lease);
      assertThat(rows.getStatement().getConnection()).isSameAs(lease);
    }
  }

  @Test
  void theNextBorrowStartsWithoutTheHolder() throws SQLException {
    stubPool();
    Connection first = pool.getConnection();
    first.unwrap(LeasedConnection.class).setHolder(wrapperOf(first));
    first.close();

    try (Connection second = pool.getConnection(); Statement s = second.createStatement()) {
      assertThat(s.getConnection()).isSameAs(second);
    }
  }

  @Test
  void aLeaseHasOneHolder() throws SQLException {
    stubPool();
    try (Connection lease = pool.getConnection()) {
      LeasedConnection leased = lease.unwrap(LeasedConnection.class);
      Connection holder = wrapperOf(lease);
      leased.setHolder(holder);

      leased.setHolder(holder);
      assertThatThrownBy(() -> leased.setHolder(wrapperOf(lease)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already has a holder")
          .hasMessageContaining(pool.poolName());
      assertThatThrownBy(() -> leased.setHolder(null)).isInstanceOf(NullPointerException.class);
      try (Statement s = lease.createStatement()) {
        assertThat(s.getConnection()).isSameAs(holder);
      }
    }
  }
}
