package io.cenote.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one operation of the real-database benchmark does on its connection, against the
 * {@code bench_items} table of {@link RealDatabaseBenchmark#ROWS} rows.
 */
enum Workload {

  /** {@code SELECT 1}: the cost of the connection and one round trip. */
  SIMPLE_QUERY("simple query") {
    @Override
    void run(Connection c, ThreadLocalRandom random) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    }
  },
  /** A point read by primary key. */
  INDEXED_READ("indexed read") {
    @Override
    void run(Connection c, ThreadLocalRandom random) throws SQLException {
      read(c, random);
    }
  },
  /** An update of one row by primary key. */
  WRITE("write") {
    @Override
    void run(Connection c, ThreadLocalRandom random) throws SQLException {
      write(c, random);
    }
  },
  /** Four point reads in five operations, one update. */
  MIXED("mixed 80/20") {
    @Override
    void run(Connection c, ThreadLocalRandom random) throws SQLException {
      if (random.nextInt(MIXED_OPERATIONS) < MIXED_WRITES) {
        write(c, random);
      } else {
        read(c, random);
      }
    }
  };

  /** The mixed workload writes {@code MIXED_WRITES} operations in {@code MIXED_OPERATIONS}. */
  private static final int MIXED_OPERATIONS = 5;
  private static final int MIXED_WRITES = 1;

  private final String label;

  Workload(String label) {
    this.label = label;
  }

  /** @return the name the tables and charts show */
  String label() {
    return label;
  }

  /**
   * Runs one operation; commits when the connection does not auto-commit (the pools of the
   * benchmark lend connections with auto-commit off, as applications with transactions do).
   */
  final void runAndCommit(Connection c, ThreadLocalRandom random) throws SQLException {
    run(c, random);
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }

  abstract void run(Connection c, ThreadLocalRandom random) throws SQLException;

  private static void read(Connection c, ThreadLocalRandom random) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT payload FROM bench_items WHERE id = ?")) {
      ps.setInt(1, random.nextInt(RealDatabaseBenchmark.ROWS));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    }
  }

  private static void write(Connection c, ThreadLocalRandom random) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE bench_items SET payload = ? WHERE id = ?")) {
      int id = random.nextInt(RealDatabaseBenchmark.ROWS);
      ps.setString(1, "item-" + id + "-" + random.nextInt(1_000));
      ps.setInt(2, id);
      ps.executeUpdate();
    }
  }
}
