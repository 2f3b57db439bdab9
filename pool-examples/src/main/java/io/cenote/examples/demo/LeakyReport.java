package io.cenote.examples.demo;

import io.cenote.examples.console.Ansi;
import io.cenote.examples.console.Format;
import io.cenote.examples.console.Output;
import io.cenote.pool.LeasedConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A report job with the classic bug: it borrows a connection, runs its query and forgets to
 * close it. The pool reports the connection once it is held past
 * {@code leakDetectionThreshold}, pointing at {@link #monthlyReport()} as the borrow site.
 * When the demo calls {@link #finish()} the connection is closed after all, so the run ends
 * with every connection back in the pool.
 */
final class LeakyReport {

  private final DataSource dataSource;
  private final Output out;
  private final CountDownLatch finish = new CountDownLatch(1);
  private final Thread thread;

  /**
   * Creates the job; nothing runs until {@link #start()}.
   *
   * @param dataSource where the connection comes from
   * @param out where to tell what happens
   */
  LeakyReport(DataSource dataSource, Output out) {
    this.dataSource = dataSource;
    this.out = out;
    this.thread = new Thread(this::run, "report-job");
    this.thread.setDaemon(true);
  }

  /** Starts the job on its own thread. */
  void start() {
    thread.start();
  }

  /**
   * Closes the forgotten connection and waits for the job to end.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  void finish() throws InterruptedException {
    finish.countDown();
    thread.join(TimeUnit.SECONDS.toMillis(10));
  }

  private void run() {
    Connection forgotten;
    try {
      forgotten = borrowPatiently();
    } catch (SQLException e) {
      out.event(Ansi.Style.RED, "REPORT", "report job failed: " + e);
      return;
    }
    if (forgotten == null) {
      return;
    }
    long id = connectionId(forgotten);
    long since = System.nanoTime();
    out.event(Ansi.Style.MAGENTA, "REPORT", "a report job borrowed connection #" + id
        + " and forgot to close it");
    try {
      finish.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        forgotten.close();
        out.event(Ansi.Style.MAGENTA, "REPORT", "connection #" + id + " closed at last, after "
            + Format.nanos(System.nanoTime() - since) + " (the demo cleans up its own leak)");
      } catch (SQLException e) {
        out.event(Ansi.Style.RED, "REPORT", "closing the leaked connection failed: " + e);
      }
    }
  }

  private static long connectionId(Connection c) {
    try {
      return c.unwrap(LeasedConnection.class).connectionId();
    } catch (SQLException e) {
      return -1; // only for the message; a Cenote connection always unwraps
    }
  }

  /** Runs the report, trying again after acquire timeouts; null when told to finish first. */
  private Connection borrowPatiently() throws SQLException {
    while (finish.getCount() > 0) {
      try {
        return monthlyReport();
      } catch (SQLTransientConnectionException e) {
        // the queue left by the slow phase can outlast acquireTimeout; the pool reported it
      }
    }
    return null;
  }

  /** The buggy code: the connection it borrows is never closed here. */
  private Connection monthlyReport() throws SQLException {
    Connection c = dataSource.getConnection();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*), sum(balance) FROM accounts")) {
      rs.next();
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }
}
