package io.cenote.examples.simulator;

import io.cenote.pool.PoolConfig;
import io.cenote.testkit.db.DatabaseEngine;
import io.cenote.testkit.db.DatabaseEnvironment;
import io.cenote.testkit.db.DatabaseRole;
import io.cenote.testkit.db.DatabaseTarget;
import io.cenote.testkit.fault.FaultDriver;
import io.cenote.testkit.fault.FaultPlan;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A {@link Target} reached over JDBC: an embedded SQLite file, the servers of
 * {@code scripts/db.sh}, or a URL the user gave. Pools connect through the fault driver's
 * {@code jdbc:cenote-fault:} form of each URL.
 */
final class JdbcTarget implements Target {

  /** How long a SQLite connection waits for the single writer lock before failing. */
  static final String SQLITE_BUSY_TIMEOUT_MILLIS = "5000";

  private final Database kind;
  private final String label;
  private final String primaryUrl;
  private final String replicaUrl;
  private final String user;
  private final String password;
  private final Servers servers;

  private JdbcTarget(Database kind, String label, String primaryUrl, String replicaUrl,
      String user, String password, Servers servers) {
    this.kind = kind;
    this.label = label;
    this.primaryUrl = primaryUrl;
    this.replicaUrl = replicaUrl;
    this.user = user;
    this.password = password;
    this.servers = servers != null ? servers
        : new FaultServers(FaultDriver.plan(primaryUrl), FaultDriver.plan(replicaUrl));
  }

  /**
   * An embedded SQLite file: the primary writes it, the replica reads it with read-only
   * connections. The replica's URL names the file through {@code ./} because the fault driver
   * keys its plans by URL without parameters, and the two need plans of their own.
   *
   * @param directory where the file is created
   * @return the target
   */
  static JdbcTarget sqlite(Path directory) {
    Path dir = directory.toAbsolutePath();
    FaultDriver.register();
    String primary = FaultDriver.wrap("jdbc:sqlite:" + dir.resolve("simulator.db"));
    String replica = FaultDriver.wrap("jdbc:sqlite:" + dir + "/./simulator.db") + "?open_mode=1";
    return new JdbcTarget(Database.SQLITE, "SQLite (embedded file " + dir.resolve("simulator.db")
        + ")", primary, replica, null, null, null);
  }

  /**
   * The primary and replica of {@code scripts/db.sh}, as its {@code target/db.env} names them.
   *
   * @param environment the variables of {@code target/db.env} and the process
   * @param database {@link Database#POSTGRES} or {@link Database#MARIADB}
   * @return the target
   * @throws NotConfiguredException when the servers' URLs are not set
   */
  static JdbcTarget servers(DatabaseEnvironment environment, Database database) {
    DatabaseEngine engine = database == Database.POSTGRES
        ? DatabaseEngine.POSTGRESQL : DatabaseEngine.MARIADB;
    DatabaseTarget primary = environment.target(engine, DatabaseRole.PRIMARY)
        .orElseThrow(() -> new NotConfiguredException(database));
    DatabaseTarget replica = environment.target(engine, DatabaseRole.REPLICA)
        .orElseThrow(() -> new NotConfiguredException(database));
    FaultDriver.register();
    Servers servers = new ScriptServers(primary.server(), replica.server(),
        engine == DatabaseEngine.POSTGRESQL);
    return new JdbcTarget(database, engine.displayName() + " (" + primary.describe()
        + " with replica " + replica.describe() + ", scripts/db.sh)",
        FaultDriver.wrap(primary.jdbcUrl()), FaultDriver.wrap(replica.jdbcUrl()),
        primary.user(), primary.password(), servers);
  }

  /**
   * A database given by URL, without a replica of its own (a replica pool would read the
   * primary with read-only connections), where outages are made with the fault driver.
   *
   * @param url the parsed URL
   * @return the target
   */
  static JdbcTarget url(DatabaseUrl url) {
    FaultDriver.register();
    String wrapped = FaultDriver.wrap(url.jdbcUrl());
    return new JdbcTarget(url.kind(), url.masked(), wrapped, wrapped, url.user(),
        url.password(), null);
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public Database kind() {
    return kind;
  }

  @Override
  public void prepare() throws SQLException {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
      props.setProperty("password", password);
    }
    try (Connection c = DriverManager.getConnection(primaryUrl, props);
         Statement s = c.createStatement()) {
      if (kind == Database.SQLITE) {
        // readers never block the writer, and a writer waits for the lock instead of failing
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA busy_timeout=" + SQLITE_BUSY_TIMEOUT_MILLIS);
      }
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE
          + " (id INTEGER PRIMARY KEY, v BIGINT NOT NULL)");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
        rs.next();
        if (rs.getInt(1) == ROWS) {
          return;
        }
      }
      s.execute("DELETE FROM " + TABLE);
      try (PreparedStatement insert =
               c.prepareStatement("INSERT INTO " + TABLE + " (id, v) VALUES (?, 0)")) {
        for (int id = 1; id <= ROWS; id++) {
          insert.setInt(1, id);
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  @Override
  public PoolConfig.Builder primary(String poolName) {
    return pool(poolName, primaryUrl);
  }

  @Override
  public PoolConfig.Builder replica(String poolName) {
    // A standby server refuses writes by itself and takes them once promoted; the SQLite file
    // and a primary read as a replica need read-only connections.
    return pool(poolName, replicaUrl).readOnly(kind == Database.SQLITE || !hasReplica());
  }

  @Override
  public boolean hasReplica() {
    return !replicaUrl.equals(primaryUrl);
  }

  @Override
  public FaultPlan primaryFaults() {
    return FaultDriver.plan(primaryUrl);
  }

  @Override
  public FaultPlan replicaFaults() {
    return FaultDriver.plan(replicaUrl);
  }

  @Override
  public Servers servers() {
    return servers;
  }

  private PoolConfig.Builder pool(String poolName, String url) {
    PoolConfig.Builder b = PoolConfig.builder().poolName(poolName).jdbcUrl(url)
        .registerMbean(false);
    if (user != null) {
      b.username(user).password(password);
    }
    if (kind == Database.SQLITE) {
      b.driverProperty("busy_timeout", SQLITE_BUSY_TIMEOUT_MILLIS);
    }
    return b;
  }

  @Override
  public String toString() {
    return "JdbcTarget[" + label + "]";
  }
}
