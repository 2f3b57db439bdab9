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
   * Paces a request to start about once a period (50% to 150% of it, so that clients do not
   * march in step), as requests arriving from users do: a slow request is not followed by a
   * longer pause, so a slow database makes work pile up instead of slowing the arrivals down.
   *
   * @param request the request
   * @param periodMillis the time between a client's requests, when they are fast enough
   * @return the paced request
   */
  static Clients.Request paced(Clients.Request request, long periodMillis) {
    return client -> {
      long start = System.nanoTime();
      try {
        request.run(client);
      } finally {
        long period = periodMillis / 2 + ThreadLocalRandom.current().nextLong(periodMillis + 1);
        long left = period - (System.nanoTime() - start) / 1_000_000;
        if (left > 0) {
          Thread.sleep(left);
        }
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
