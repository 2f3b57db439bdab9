package io.cenote.router;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * What the router needs to know about one kind of database: its driver, how to validate a
 * connection, how to ask a server for its role and how to measure replication lag.
 *
 * <p>{@link DatabaseType#dialect()} returns the built-in dialects. Implement this interface for
 * another database and pass it to {@link Cluster.Builder#dialect(Dialect)}. Every method that
 * takes a connection runs on a host's health-check thread, on a dedicated connection that has a
 * network timeout set; it must not close or keep that connection. One check (connect, role and
 * lag or position) must fit in {@code healthCheckTimeout}: at the deadline the connection is
 * aborted and the call fails.
 */
public interface Dialect {

  /**
   * Returns the JDBC driver class, named in error messages when no driver accepts a URL.
   *
   * @return the class name, e.g. {@code org.postgresql.Driver}
   */
  String driverClassName();

  /**
   * Returns a cheap query that succeeds on a healthy server.
   *
   * @return the query, e.g. {@code SELECT 1 FROM DUAL} for Oracle
   */
  String validationQuery();

  /**
   * Asks the server whether it is a primary or a replica. This is also the health check: it
   * must throw when the server is unusable.
   *
   * @param connection a connection to the server
   * @return what the server reports, or {@link ServerRole#UNKNOWN} when it cannot tell
   * @throws SQLException when the server cannot answer
   */
  ServerRole role(Connection connection) throws SQLException;

  /**
   * Reads the primary's current position in its change stream, against which a replica's lag
   * is measured (PostgreSQL: {@code pg_current_wal_lsn()}).
   *
   * @param primary a connection to the primary
   * @return the position as text, or null when this dialect measures lag on the replica alone
   * @throws SQLException when the server cannot answer
   */
  String primaryPosition(Connection primary) throws SQLException;

  /**
   * Measures how far a replica is behind.
   *
   * @param replica a connection to the replica
   * @param primaryPosition what {@link #primaryPosition} returned in the primary's most recent
   *     health check, or null when it is not known (the primary is down, or the dialect does not
   *     use it)
   * @return the lag; {@link ReplicationLag#stopped(String)} when replication is broken
   * @throws SQLException when the server cannot answer
   */
  ReplicationLag lag(Connection replica, String primaryPosition) throws SQLException;

  /**
   * Returns the driver properties that bound connecting and every network read to about
   * {@code timeout}, for the router's own health-check connections. Properties the pool's
   * configuration already sets are not overridden.
   *
   * @param timeout the health-check timeout
   * @return property names and values; empty when the driver has none
   */
  Map<String, String> timeoutProperties(Duration timeout);
}
