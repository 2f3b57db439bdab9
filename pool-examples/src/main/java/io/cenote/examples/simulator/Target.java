package io.cenote.examples.simulator;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.fault.FaultPlan;
import java.sql.SQLException;

/**
 * The database a scenario runs on: how to open pools on it, its table, and how to make it fail.
 * Every URL goes through pool-testkit's fault driver, which passes everything through until a
 * scenario asks it for slowness or an outage; restarts and replica outages on the real servers
 * go through {@code scripts/db.sh} instead.
 */
interface Target {

  /** The table every scenario reads and updates. */
  String TABLE = "cenote_sim_items";
  /** Rows in {@link #TABLE}; ids run from 1 to this. */
  int ROWS = 100;
  /** One indexed read. */
  String READ_SQL = "SELECT v FROM " + TABLE + " WHERE id = ?";
  /** One single-row update. */
  String WRITE_SQL = "UPDATE " + TABLE + " SET v = v + 1 WHERE id = ?";

  /** @return the database, such as {@code PostgreSQL 15 (127.0.0.1:5432, scripts/db.sh)} */
  String label();

  /** @return which database kind this is */
  Database kind();

  /**
   * Creates the table and its rows when missing, through a connection of its own.
   *
   * @throws SQLException when the database cannot be reached
   */
  void prepare() throws SQLException;

  /**
   * Starts a pool configuration on the primary (the writer).
   *
   * @param poolName the pool's name
   * @return a builder with URL, credentials and driver settings filled in
   */
  PoolConfig.Builder primary(String poolName);

  /**
   * Starts a pool configuration on the replica.
   *
   * @param poolName the pool's name
   * @return a builder with URL, credentials and driver settings filled in
   */
  PoolConfig.Builder replica(String poolName);

  /** @return whether the replica is a server (or, on SQLite, a URL) of its own */
  boolean hasReplica();

  /** @return the fault plan of the primary's URL: slowness and breaker outages */
  FaultPlan primaryFaults();

  /** @return the fault plan of the replica's URL */
  FaultPlan replicaFaults();

  /** @return the server operations of this database: restarts, outages, promotion */
  Servers servers();
}
