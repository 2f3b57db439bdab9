package io.cenote.router;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches a replica from outside the router, on a fresh connection per poll, and records when
 * it first serves again after {@link #arm()}: the instant a re-admission should be measured
 * from (a server's start script returns later, after it has waited for replication to stream).
 */
final class ReadinessWatch implements AutoCloseable {

  /** Serves as a replica: answers on a fresh connection and replicates. */
  @FunctionalInterface
  interface Readiness {
    boolean serves(Connection replica) throws SQLException;
  }

  /** Between polls: fine enough to place the instant well inside a health-check interval. */
  private static final long POLL_MILLIS = 10;

  private final String url;
  private final Properties properties;
  private final Readiness readiness;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean armed = new AtomicBoolean();
  private final AtomicLong readyAt = new AtomicLong();
  private final Thread thread;

  ReadinessWatch(String url, Properties properties, Readiness readiness) {
    this.url = url;
    this.properties = properties;
    this.readiness = readiness;
    this.thread = new Thread(this::watch, "readiness-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /** Forgets an earlier instant and records the next time the replica serves. */
  void arm() {
    readyAt.set(0);
    armed.set(true);
  }

  /**
   * Waits until the replica served since {@link #arm()}.
   *
   * @return that instant ({@code System.nanoTime})
   */
  long awaitReady(long timeoutMillis) throws InterruptedException {
    TimingListener.await("the replica serves again (polled from outside the router)",
        timeoutMillis, () -> readyAt.get() != 0);
    return readyAt.get();
  }

  private void watch() {
    while (running.get()) {
      if (armed.get() && serves()) {
        readyAt.compareAndSet(0, System.nanoTime());
        armed.set(false);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private boolean serves() {
    try (Connection c = DriverManager.getConnection(url, properties)) {
      return readiness.serves(c);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    running.set(false);
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
