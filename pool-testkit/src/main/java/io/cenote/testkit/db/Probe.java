package io.cenote.testkit.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/** Tells whether a server answers, by opening and validating one real connection. */
final class Probe {

  /** Loopback servers answer in milliseconds; this only bounds a hung or firewalled one. */
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  private Probe() {}

  /**
   * Connects once with the driver's own timeouts set.
   *
   * @return empty when the server answered, else the error
   */
  static Optional<Exception> problem(DatabaseTarget target, Duration timeout) {
    Properties properties = target.properties();
    target.engine().addConnectTimeouts(properties, timeout);
    try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), properties)) {
      return connection.isValid((int) Math.max(1, timeout.toSeconds()))
          ? Optional.empty()
          : Optional.of(new SQLException("the connection did not pass Connection.isValid"));
    } catch (SQLException | RuntimeException e) {
      return Optional.of(e);
    }
  }
}
