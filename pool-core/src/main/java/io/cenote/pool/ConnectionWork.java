package io.cenote.pool;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work that runs on one borrowed connection, handed to the lambda methods of the modules above
 * the pool (a cluster's {@code read} and {@code write}, a resilient pool's). The connection is
 * closed (returned) when the work ends; do not keep it.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface ConnectionWork<T> {

  /**
   * Runs the work.
   *
   * @param connection the connection to use
   * @return the result
   * @throws SQLException when the database reports an error
   */
  T run(Connection connection) throws SQLException;
}
