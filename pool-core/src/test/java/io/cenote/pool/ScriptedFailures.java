package io.cenote.pool;

import io.cenote.testkit.TestDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A data source of fault-driver stub connections whose next call of a given name throws the
 * exception the test scripted, whatever its SQLState: the fault driver's own faults cover
 * connection failures, but not a database that answers a commit with {@code 40001}. The
 * connection stays usable afterwards.
 */
final class ScriptedFailures extends TestDataSource {

  private final String url;
  private final Map<String, SQLException> next = new ConcurrentHashMap<>();

  ScriptedFailures(String url) {
    this.url = url;
  }

  /** The next call named {@code method} (on any connection) throws {@code failure}. */
  void failNext(String method, SQLException failure) {
    next.put(method, failure);
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection stub = DriverManager.getConnection(url);
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          SQLException failure = next.remove(method.getName());
          if (failure != null) {
            throw failure;
          }
          try {
            return method.invoke(stub, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }


}
