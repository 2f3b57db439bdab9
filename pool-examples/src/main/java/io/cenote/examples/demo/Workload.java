package io.cenote.examples.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The demo's clients: threads that borrow a connection, run one short read or write, keep the
 * connection for a random hold time (standing in for application work), return it and think for
 * a while before the next borrow. Hold and think times come from the current {@link Phase}.
 */
final class Workload {

  /** Share of borrows that update a row instead of reading one, in percent. */
  static final int WRITE_PERCENT = 20;

  /**
   * What the clients did.
   *
   * @param reads reads completed
   * @param writes updates completed
   * @param timeouts borrows that gave up with {@link SQLTransientConnectionException}
   * @param errors any other failure, which the demo does not expect
   */
  record Counts(long reads, long writes, long timeouts, long errors) {}

  private final DataSource dataSource;
  private final int clients;
  private final Supplier<Phase> phase;
  private final List<Thread> threads = new ArrayList<>();
  private final LongAdder reads = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicReference<Throwable> firstError = new AtomicReference<>();
  private volatile boolean running;

  /**
   * Creates the workload; nothing runs until {@link #start()}.
   *
   * @param dataSource where connections come from
   * @param clients how many client threads
   * @param phase the current phase, read before every borrow
   */
  Workload(DataSource dataSource, int clients, Supplier<Phase> phase) {
    this.dataSource = dataSource;
    this.clients = clients;
    this.phase = phase;
  }

  /** Starts the client threads. */
  void start() {
    running = true;
    for (int i = 1; i <= clients; i++) {
      Thread t = new Thread(this::runClient, "client-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /**
   * Asks the clients to finish their current borrow and waits for them.
   *
   * @param timeoutMillis how long to wait for each client
   * @throws InterruptedException when interrupted while waiting
   */
  void stop(long timeoutMillis) throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(timeoutMillis);
    }
  }

  /** @return what the clients did so far */
  Counts counts() {
    return new Counts(reads.sum(), writes.sum(), timeouts.sum(), errors.sum());
  }

  /** @return the first unexpected failure, or null */
  Throwable firstError() {
    return firstError.get();
  }

  private void runClient() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (running) {
      Phase p = phase.get();
      try {
        borrowOnce(p, random);
      } catch (SQLTransientConnectionException e) {
        timeouts.increment();
      } catch (SQLException | RuntimeException e) {
        errors.increment();
        firstError.compareAndSet(null, e);
      }
      if (!pause(random.nextInt(p.minThinkMillis, p.maxThinkMillis + 1))) {
        return;
      }
    }
  }

  private void borrowOnce(Phase p, ThreadLocalRandom random) throws SQLException {
    int holdMillis = random.nextInt(p.minHoldMillis, p.maxHoldMillis + 1);
    int id = random.nextInt(1, DemoDatabase.ACCOUNTS + 1);
    try (Connection c = dataSource.getConnection()) {
      long start = System.nanoTime();
      if (random.nextInt(100) < WRITE_PERCENT) {
        update(c, id, random.nextInt(-50, 51));
        writes.increment();
      } else {
        read(c, id);
        reads.increment();
      }
      long left = TimeUnit.MILLISECONDS.toNanos(holdMillis) - (System.nanoTime() - start);
      if (left > 0) {
        pause(TimeUnit.NANOSECONDS.toMillis(left));
      }
    }
  }

  private static void read(Connection c, int id) throws SQLException {
    try (PreparedStatement ps =
             c.prepareStatement("SELECT owner, balance FROM accounts WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("account " + id + " is missing");
        }
      }
    }
  }

  private static void update(Connection c, int id, int delta) throws SQLException {
    try (PreparedStatement ps =
             c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
      ps.setInt(1, delta);
      ps.setInt(2, id);
      ps.executeUpdate();
    }
  }

  /** Sleeps; false when interrupted (the flag is kept). */
  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
