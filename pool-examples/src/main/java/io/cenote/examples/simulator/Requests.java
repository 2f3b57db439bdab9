package io.cenote.examples.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The requests the simulated clients make: borrow a connection, run an indexed read (and now
 * and then an update), keep the connection for a while as an application does while it works,
 * and return it.
 */
final class Requests {

  private Requests() {}

  /**
   * A request on a data source (a pool, or a resilient pool's guarded connections).
   *
   * @param source where connections come from
   * @param holdMillis how long a request keeps its connection, on average
   * @param writeShare the share of requests that also update a row, 0.0 to 1.0
   * @return the request
   */
  static Clients.Request on(DataSource source, long holdMillis, double writeShare) {
    return client -> {
      try (Connection c = source.getConnection()) {
        work(c, writeShare);
        hold(holdMillis);
      }
    };
  }

  /**
   * Runs one read, and an update with the given probability.
   *
   * @param c the connection
   * @param writeShare the probability of an update
   * @throws SQLException when the database fails
   */
  static void work(Connection c, double writeShare) throws SQLException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int id = 1 + random.nextInt(Target.ROWS);
    try (PreparedStatement read = c.prepareStatement(Target.READ_SQL)) {
      read.setInt(1, id);
      try (ResultSet rs = read.executeQuery()) {
        rs.next();
      }
    }
    if (random.nextDouble() < writeShare) {
      try (PreparedStatement write = c.prepareStatement(Target.WRITE_SQL)) {
        write.setInt(1, id);
        write.executeUpdate();
      }
    }
  }

  /**
   * Sleeps 50% to 150% of a time, as work done while holding a connection.
   *
   * @param millis the average
   * @throws InterruptedException when the run stops
   */
  static void hold(long millis) throws InterruptedException {
    if (millis > 0) {
      Thread.sleep(millis / 2 + ThreadLocalRandom.current().nextLong(millis + 1));
    }
  }
}
