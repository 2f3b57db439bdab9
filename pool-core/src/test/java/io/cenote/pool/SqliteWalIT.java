package io.cenote.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cenote.testkit.db.Sql;
import io.cenote.testkit.db.SqliteDatabase;
import io.cenote.testkit.db.TempSqliteDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Six readers and one writer share a SQLite file in WAL mode for three seconds.
 *
 * <p>Two pools over the same file: a writer pool of size 1 and a reader pool of size 6 whose
 * connections run {@code PRAGMA query_only}. SQLite admits one writer at a time per database;
 * a one-connection writer pool makes writers queue in the pool (FIFO, with an acquire timeout and
 * statistics) instead of spinning in SQLite's busy handler, and the readers' pool can never take
 * the write lock, so a reader never blocks the writer. In WAL mode readers and the writer do not
 * block each other at all. {@code busy_timeout} (5 s) covers the rare moments SQLite still needs
 * a lock (opening the WAL, checkpoints).
 */
class SqliteWalIT {

  private static final int READERS = 6;
  private static final Duration RUN = Duration.ofSeconds(3);

  @Test
  void readersAndOneWriterShareAWalDatabaseWithoutBusyErrors(@TempSqliteDatabase SqliteDatabase db)
      throws Exception {
    // journal_mode=WAL is stored in the database file: set once, every later connection uses it.
    assertThat(Sql.queryString(db, "PRAGMA journal_mode=WAL")).isEqualTo("wal");
    Sql.execute(db, "CREATE TABLE events (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");

    PoolConfig.Builder common = PoolConfig.builder()
        .jdbcUrl(db.jdbcUrl())
        .driverProperty("busy_timeout", "5000")
        .acquireTimeout(Duration.ofSeconds(10))
        .registerMbean(false);
    try (ConnectionPool writers = ConnectionPool.create(common.poolName("sqlite-writer")
            .maxSize(1).build());
        ConnectionPool readers = ConnectionPool.create(common.poolName("sqlite-readers")
            .maxSize(READERS).connectionInitSql("PRAGMA query_only = 1").build())) {
      try (Connection c = readers.getConnection()) {
        assertThat(string(c, "PRAGMA journal_mode")).isEqualTo("wal");
        assertThat(string(c, "PRAGMA busy_timeout")).isEqualTo("5000");
        assertThatThrownBy(() -> execute(c, "INSERT INTO events VALUES (0, 'x')"))
            .as("the readers' pool cannot write").isInstanceOf(SQLException.class);
      }

      AtomicLong committed = new AtomicLong();   // rows the writer has committed
      AtomicLong attempted = new AtomicLong();   // rows the writer has started to insert
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong reads = new AtomicLong();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      ExecutorService executor = Executors.newFixedThreadPool(READERS + 1);
      List<Future<?>> futures = new ArrayList<>();
      try {
        futures.add(executor.submit(() -> {
          long next = 1;
          while (!stop.get()) {
            try (Connection c = writers.getConnection();
                PreparedStatement insert =
                    c.prepareStatement("INSERT INTO events (id, payload) VALUES (?, ?)")) {
              insert.setLong(1, next);
              insert.setString(2, "event " + next);
              attempted.set(next);
              insert.executeUpdate();
              committed.set(next++);
            } catch (SQLException | RuntimeException e) {
              errors.add(e);
            }
          }
          return null;
        }));
        for (int r = 0; r < READERS; r++) {
          futures.add(executor.submit(() -> {
            long lastSeen = 0;
            while (!stop.get()) {
              long before = committed.get();
              try (Connection c = readers.getConnection(); Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery(
                      "SELECT count(*), coalesce(max(id), 0) FROM events")) {
                rs.next();
                long count = rs.getLong(1);
                long max = rs.getLong(2);
                long after = attempted.get();
                // A consistent snapshot: rows 1..count with no gap, no row the writer had not
                // started yet, every commit that finished before the read began, and never
                // fewer rows than this reader saw before.
                if (count != max || count < before || count > after || count < lastSeen) {
                  errors.add(new AssertionError("read count=" + count + ", max=" + max
                      + ", committed before=" + before + ", attempted after=" + after
                      + ", last seen=" + lastSeen));
                }
                lastSeen = count;
                reads.incrementAndGet();
              } catch (SQLException | RuntimeException e) {
                errors.add(e);
              }
            }
            return null;
          }));
        }
        Thread.sleep(RUN.toMillis());
        stop.set(true);
        for (Future<?> f : futures) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        stop.set(true);
        executor.shutdownNow();
      }

      PoolStats writerStats = writers.stats();
      PoolStats readerStats = readers.stats();
      System.out.printf("[SqliteWalIT] %d s, %d readers + 1 writer: %d reads, %d rows written,"
              + " %d errors; reader pool total=%d peak=%d p99 wait=%s; writer pool p99 hold=%s%n",
          RUN.toSeconds(), READERS, reads.get(), committed.get(), errors.size(),
          readerStats.total(), readerStats.peakTotal(), readerStats.waitTime().p99(),
          writerStats.holdTime().p99());
      assertThat(errors).as("reader and writer errors (SQLITE_BUSY or inconsistent reads)")
          .isEmpty();
      assertThat(reads.get()).isGreaterThan(100);
      assertThat(committed.get()).isGreaterThan(10);
      assertThat(Sql.queryLong(db, "SELECT count(*) FROM events")).isEqualTo(committed.get());
      assertThat(Sql.queryLong(db, "SELECT max(id) FROM events")).isEqualTo(committed.get());
      assertThat(writerStats.peakTotal()).isOne();
      assertThat(readerStats.timeouts() + writerStats.timeouts()).isZero();
    }
  }

  private static String string(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
