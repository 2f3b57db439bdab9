package io.cenote.examples.demo;

import io.cenote.router.Cluster;
import io.cenote.router.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The routing part's clients, four kinds of thread on one {@link Cluster}:
 * <ul>
 *   <li>writers append notes with {@code cluster.write(...)};
 *   <li>readers read the newest notes with {@code cluster.read(...)};
 *   <li>data-source readers do what Spring's {@code @Transactional(readOnly = true)} does on
 *       {@code cluster.dataSource()}: borrow, {@code setReadOnly(true)}, query, close;
 *   <li>session clients write a note in their own {@link Session}, read it back at once (the
 *       read goes to the writer, inside the read-your-writes window) and read again once the
 *       window has passed (back on a replica). A replica's connections are read-only, the
 *       writer's are not, so {@link Connection#isReadOnly()} inside the read tells where it ran.
 * </ul>
 */
final class RoutingWorkload {

  /** Threads appending notes. */
  static final int WRITERS = 2;
  /** Threads reading through {@code cluster.read}. */
  static final int READERS = 4;
  /** Threads reading through the lazy {@code DataSource}. */
  static final int DATA_SOURCE_READERS = 2;
  /** Threads checking read-your-writes. */
  static final int SESSIONS = 2;

  /**
   * What the clients did.
   *
   * @param inserts notes appended by the writers and the session clients
   * @param reads reads through {@code cluster.read}
   * @param dataSourceReads reads through the lazy {@code DataSource} with {@code setReadOnly(true)}
   * @param ownReads session reads right after the session's write
   * @param ownReadsOnWriter of those, reads that ran on the writer
   * @param ownRowsSeen of those, reads that found the row just written
   * @param laterReads session reads after the read-your-writes window had passed
   * @param laterReadsOnReplica of those, reads that ran on a replica
   * @param cut data-source reads that failed with a connection error because their replica
   *     broke under them (a plain {@code DataSource} cannot retry them; {@code read(...)} does)
   * @param errors any other failure, which the demo does not expect
   */
  record Counts(long inserts, long reads, long dataSourceReads, long ownReads,
      long ownReadsOnWriter, long ownRowsSeen, long laterReads, long laterReadsOnReplica,
      long cut, long errors) {}

  private final Cluster cluster;
  private final List<Thread> threads = new ArrayList<>();
  private final LongAdder inserts = new LongAdder();
  private final LongAdder reads = new LongAdder();
  private final LongAdder dataSourceReads = new LongAdder();
  private final LongAdder ownReads = new LongAdder();
  private final LongAdder ownReadsOnWriter = new LongAdder();
  private final LongAdder ownRowsSeen = new LongAdder();
  private final LongAdder laterReads = new LongAdder();
  private final LongAdder laterReadsOnReplica = new LongAdder();
  private final LongAdder cut = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicReference<Throwable> firstError = new AtomicReference<>();
  private volatile boolean running;

  /**
   * Creates the workload; nothing runs until {@link #start()}.
   *
   * @param cluster the cluster the clients use
   */
  RoutingWorkload(Cluster cluster) {
    this.cluster = cluster;
  }

  /** Starts every client thread. */
  void start() {
    running = true;
    spawn("writer", WRITERS, this::writeOnce);
    spawn("reader", READERS, this::readOnce);
    spawn("ds-reader", DATA_SOURCE_READERS, this::dataSourceReadOnce);
    spawn("session", SESSIONS, this::sessionOnce);
  }

  /**
   * Asks the clients to finish their current step and waits for them.
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
    return new Counts(inserts.sum(), reads.sum(), dataSourceReads.sum(), ownReads.sum(),
        ownReadsOnWriter.sum(), ownRowsSeen.sum(), laterReads.sum(), laterReadsOnReplica.sum(),
        cut.sum(), errors.sum());
  }

  /** @return the first unexpected failure, or null */
  Throwable firstError() {
    return firstError.get();
  }

  /** One step of a client; returns false when interrupted. */
  @FunctionalInterface
  private interface Step {
    boolean run(ThreadLocalRandom random) throws SQLException;
  }

  private void spawn(String kind, int count, Step step) {
    for (int i = 1; i <= count; i++) {
      Thread t = new Thread(() -> loop(step), kind + "-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void loop(Step step) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (running) {
      try {
        if (!step.run(random)) {
          return;
        }
      } catch (SQLException | RuntimeException e) {
        errors.increment();
        firstError.compareAndSet(null, e);
        if (!pause(50)) {
          return;
        }
      }
    }
  }

  private boolean writeOnce(ThreadLocalRandom random) throws SQLException {
    String author = Thread.currentThread().getName();
    cluster.write(c -> insert(c, author));
    inserts.increment();
    return pause(random.nextInt(20, 41));
  }

  private boolean readOnce(ThreadLocalRandom random) throws SQLException {
    cluster.read(RoutingWorkload::newest);
    reads.increment();
    return pause(random.nextInt(5, 16));
  }

  private boolean dataSourceReadOnce(ThreadLocalRandom random) throws SQLException {
    DataSource ds = cluster.dataSource();
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(true);
      newest(c);
      dataSourceReads.increment();
    } catch (SQLException e) {
      if (!isConnectionFailure(e)) {
        throw e;
      }
      cut.increment();
    }
    return pause(random.nextInt(5, 16));
  }

  private boolean sessionOnce(ThreadLocalRandom random) throws SQLException {
    Session session = cluster.newSession();
    String author = Thread.currentThread().getName();
    long id = cluster.write(session, c -> insert(c, author));
    inserts.increment();
    boolean[] onWriter = new boolean[1];
    boolean seen = cluster.read(session, c -> {
      onWriter[0] = !c.isReadOnly();
      return exists(c, id);
    });
    ownReads.increment();
    if (onWriter[0]) {
      ownReadsOnWriter.increment();
    }
    if (seen) {
      ownRowsSeen.increment();
    }
    if (!pause(RoutingCluster.READ_YOUR_WRITES_WINDOW.toMillis() + 50)) {
      return false;
    }
    if (cluster.read(session, Connection::isReadOnly)) {
      laterReadsOnReplica.increment();
    }
    laterReads.increment();
    return pause(random.nextInt(50, 151));
  }

  private static long insert(Connection c, String author) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO notes (author, body) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, author);
      ps.setString(2, "note by " + author);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("no id for the note just inserted");
        }
        return keys.getLong(1);
      }
    }
  }

  private static int newest(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, author, body FROM notes ORDER BY id DESC"
             + " LIMIT 5")) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }

  private static boolean exists(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM notes WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Tells a broken connection (SQLState class {@code 08} anywhere in the cause chain) from any
   * other failure.
   *
   * @param e the failure
   * @return true when the connection, not the statement, failed
   */
  static boolean isConnectionFailure(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null
          && s.getSQLState().startsWith("08")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
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
