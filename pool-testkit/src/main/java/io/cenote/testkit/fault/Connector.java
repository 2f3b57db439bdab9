package io.cenote.testkit.fault;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens one physical connection for a plan: counts the attempt, injects connect faults, then
 * creates a stub or connects the real driver and wraps its connection.
 */
final class Connector {

  private Connector() {}

  static FaultConnection connect(FaultPlan plan, String url, Properties info) throws SQLException {
    if (plan.isGlobal()) {
      throw new SQLException("the global plan '*' serves no connections; use "
          + FaultDriver.STUB_URL + " or a wrapped URL", FaultSqlStates.CONNECT_FAILURE);
    }
    FaultCounters counters = plan.counters();
    counters.connectAttempted();
    try {
      Faults p = plan.faults();
      Faults g = plan.global().faults();
      if (p.connectFaults || g.connectFaults) {
        injectConnectFaults(plan, p, g);
      }
      AbstractFaultConnection connection = plan.isStub()
          ? new StubConnection(plan)
          : new WrappedConnection(plan, connectReal(url, info));
      plan.connectionOpened(connection);
      return connection;
    } catch (SQLException | RuntimeException | Error e) {
      counters.connectFailed();
      throw e;
    }
  }

  private static void injectConnectFaults(FaultPlan plan, Faults p, Faults g)
      throws SQLException {
    long delay = delayNanos(p.connectLatency, p) + delayNanos(g.connectLatency, g);
    if (delay > 0 && !Blocker.sleep(delay)) {
      throw Errors.interrupted();
    }
    if (p.down || g.down) {
      throw new SQLException("connection refused: server '" + plan.key() + "' is down",
          FaultSqlStates.CONNECT_FAILURE);
    }
    failIfFires(p.connectFailure, p);
    failIfFires(g.connectFailure, g);
  }

  private static void failIfFires(Rule rule, Faults faults) throws SQLException {
    if (rule != null && rule.fires(faults.random())) {
      throw new SQLException(rule.message, rule.sqlState);
    }
  }

  private static long delayNanos(Latency latency, Faults faults) {
    return latency == null ? 0 : latency.sampleNanos(faults.random());
  }

  /** Connects the driver that serves the URL with {@code cenote-fault:} taken out. */
  private static Connection connectReal(String url, Properties info) throws SQLException {
    String realUrl = "jdbc:" + url.substring(PlanRegistry.PREFIX.length());
    Driver driver = DriverManager.getDriver(realUrl);
    Connection real = driver.connect(realUrl, info == null ? new Properties() : info);
    if (real == null) {
      throw new SQLException("no driver accepted the wrapped URL for '"
          + PlanRegistry.keyOf(url) + "'", FaultSqlStates.CONNECT_FAILURE);
    }
    return real;
  }
}
