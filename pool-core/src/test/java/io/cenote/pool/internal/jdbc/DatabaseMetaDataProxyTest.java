package io.cenote.pool.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metadata proxy over a real in-memory SQLite database. */
class DatabaseMetaDataProxyTest {

  private Connection driverConnection;
  private DatabaseMetaData driverMetaData;
  private Connection pooledConnection;
  private DatabaseMetaDataProxy metaData;

  @BeforeEach
  void openDatabase() throws SQLException {
    driverConnection = DriverManager.getConnection("jdbc:sqlite::memory:");
    try (Statement ddl = driverConnection.createStatement()) {
      ddl.executeUpdate("create table item (id integer primary key, name text)");
    }
    driverMetaData = driverConnection.getMetaData();
    pooledConnection =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.invoke(driverConnection, args));
    metaData = new DatabaseMetaDataProxy(new FixedOwner(pooledConnection), driverMetaData);
  }

  @AfterEach
  void closeDatabase() throws SQLException {
    driverConnection.close();
  }

  @Test
  void getConnectionReturnsTheOwnersConnectionNotTheDrivers() {
    assertThat(metaData.getConnection())
        .isSameAs(pooledConnection)
        .isNotSameAs(driverConnection);
  }

  @Test
  void otherCallsGoToTheDriversMetaData() throws SQLException {
    assertThat(metaData.getDatabaseProductName()).isEqualTo("SQLite");
    try (ResultSet tables = metaData.getTables(null, null, "item", null)) {
      assertThat(tables.next()).isTrue();
      assertThat(tables.getString("TABLE_NAME")).isEqualTo("item");
    }
  }

  @Test
  void unwrapPrefersTheDriversMetaDataThenTheProxy() throws SQLException {
    assertThat(metaData.unwrap(DatabaseMetaData.class)).isSameAs(driverMetaData);
    assertThat(metaData.unwrap(driverMetaData.getClass())).isSameAs(driverMetaData);
    assertThat(metaData.unwrap(DatabaseMetaDataProxy.class)).isSameAs(metaData);
  }

  @Test
  void isWrapperForMatchesUnwrap() throws SQLException {
    assertThat(metaData.isWrapperFor(DatabaseMetaData.class)).isTrue();
    assertThat(metaData.isWrapperFor(driverMetaData.getClass())).isTrue();
    assertThat(metaData.isWrapperFor(DatabaseMetaDataProxy.class)).isTrue();
    assertThat(metaData.isWrapperFor(String.class)).isFalse();
  }

  /** An owner whose only job is to hand out a fixed connection. */
  private static final class FixedOwner implements StatementOwner {

    private final Connection connection;

    FixedOwner(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Connection connection() {
      return connection;
    }

    @Override
    public SQLException checkException(SQLException e) {
      return e;
    }

    @Override
    public void statementClosed(Statement statement) {}

    @Override
    public void markTransactionDirty() {}
  }
}
