package io.cenote.testkit.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * The Docker fallback: one engine's primary and replica as Testcontainers, replicating the way
 * {@code scripts/db.sh} sets them up (PostgreSQL streaming from a base backup, MariaDB GTID
 * replication with a read-only replica), with the same app/app account and appdb database.
 * Started through {@link DockerFallback} only; {@link #close()} removes the containers.
 */
final class ContainerDatabases implements AutoCloseable {

  private static final String PG_IMAGE = "postgres:15";
  private static final String MARIADB_IMAGE = "mariadb:10.11";
  private static final String USER = "app";
  private static final String PASSWORD = "app";
  private static final String DATABASE = "appdb";
  private static final String REPL_USER = "repl";
  private static final String REPL_PASSWORD = "repl";
  private static final String MARIADB_ROOT_PASSWORD = "root";
  private static final String MYSQL_OPTIONS = "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static final String PRIMARY_ALIAS = "primary";

  /** Settings both PostgreSQL servers share (a hot standby needs max_connections >= primary's). */
  private static final List<String> PG_SETTINGS = List.of(
      "-c", "wal_level=replica", "-c", "max_wal_senders=10", "-c", "max_connections=200",
      "-c", "hot_standby=on", "-c", "wal_receiver_status_interval=1s");

  /** Runs in the primary's first start: the replication role and its pg_hba line. */
  private static final String PG_PRIMARY_INIT = String.join("\n",
      "set -e",
      "psql -v ON_ERROR_STOP=1 -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\" -c \"CREATE ROLE "
          + REPL_USER + " WITH REPLICATION LOGIN PASSWORD '" + REPL_PASSWORD + "'\"",
      "echo 'host replication " + REPL_USER + " all scram-sha-256' >> \"$PGDATA/pg_hba.conf\"",
      "");

  /** The replica's command: copy the primary, then run as a streaming standby. */
  private static final String PG_REPLICA_START = String.join("\n",
      "set -e",
      "until rm -rf \"$PGDATA\"/* && pg_basebackup -h " + PRIMARY_ALIAS + " -U " + REPL_USER
          + " -D \"$PGDATA\" -R -X stream -c fast; do sleep 1; done",
      "chmod 700 \"$PGDATA\"",
      "exec postgres " + String.join(" ", PG_SETTINGS),
      "");

  private final Network network;
  private final List<Node> nodes;
  private final DatabaseTarget primary;
  private final DatabaseTarget replica;

  private ContainerDatabases(
      Network network, List<Node> nodes, DatabaseTarget primary, DatabaseTarget replica) {
    this.network = network;
    this.nodes = nodes;
    this.primary = primary;
    this.replica = replica;
  }

  /** True when Testcontainers finds a Docker engine that answers. */
  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Starts the primary and the replica of the engine and waits until the replica replicates. */
  static ContainerDatabases start(DatabaseEngine engine) {
    Network network = Network.newNetwork();
    List<Node> nodes = new ArrayList<>();
    try {
      return engine == DatabaseEngine.POSTGRESQL
          ? startPostgres(network, nodes) : startMariaDb(network, nodes);
    } catch (RuntimeException | SQLException e) {
      stopAll(nodes, network);
      throw new IllegalStateException("could not start " + engine.displayName()
          + " containers: " + e.getMessage(), e);
    }
  }

  /** The container server of the given role. */
  DatabaseTarget target(DatabaseRole role) {
    return role == DatabaseRole.PRIMARY ? primary : replica;
  }

  @Override
  public void close() {
    stopAll(nodes, network);
  }

  private static ContainerDatabases startPostgres(Network network, List<Node> nodes) {
    Node primary = new Node(PG_IMAGE)
        .withNetwork(network)
        .withNetworkAliases(PRIMARY_ALIAS)
        .withEnv("POSTGRES_USER", USER)
        .withEnv("POSTGRES_PASSWORD", PASSWORD)
        .withEnv("POSTGRES_DB", DATABASE)
        .withCopyToContainer(Transferable.of(PG_PRIMARY_INIT),
            "/docker-entrypoint-initdb.d/10-replication.sh")
        .withCommand(Stream.concat(Stream.of("postgres"), PG_SETTINGS.stream())
            .toArray(String[]::new))
        .withExposedPorts(5432)
        // the entrypoint's temporary server logs this once, the real one a second time
        .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)
            .withStartupTimeout(STARTUP));
    nodes.add(primary);
    primary.start();
    Node replica = new Node(PG_IMAGE)
        .withNetwork(network)
        .withEnv("PGPASSWORD", REPL_PASSWORD)
        .withCreateContainerCmdModifier(command -> command.withUser("postgres"))
        .withCommand("bash", "-c", PG_REPLICA_START)
        .withExposedPorts(5432)
        .waitingFor(Wait.forLogMessage(
                ".*database system is ready to accept read-only connections.*\\s", 1)
            .withStartupTimeout(STARTUP));
    nodes.add(replica);
    replica.start();
    return new ContainerDatabases(network, nodes,
        pgTarget(primary, DatabaseRole.PRIMARY), pgTarget(replica, DatabaseRole.REPLICA));
  }

  private static DatabaseTarget pgTarget(Node node, DatabaseRole role) {
    return DatabaseTarget.of(DatabaseEngine.POSTGRESQL, role,
        "jdbc:postgresql://" + node.getHost() + ":" + node.getMappedPort(5432) + "/" + DATABASE,
        USER, PASSWORD);
  }

  private static ContainerDatabases startMariaDb(Network network, List<Node> nodes)
      throws SQLException {
    Node primary = mariaDbNode(network, "--server-id=1", "--log-bin=mysql-bin",
        "--binlog-format=ROW").withNetworkAliases(PRIMARY_ALIAS);
    nodes.add(primary);
    primary.start();
    Node replica = mariaDbNode(network, "--server-id=2", "--relay-log=relay-bin");
    nodes.add(replica);
    replica.start();
    String monitorGrant =
        "GRANT PROCESS, SLAVE MONITOR, BINLOG MONITOR ON *.* TO '" + USER + "'@'%'";
    String position;
    try (Connection connection = awaitRoot(primary);
        Statement statement = connection.createStatement()) {
      // Both servers created app/appdb themselves; only what follows is replicated.
      statement.execute("SET SESSION sql_log_bin = 0");
      statement.execute("CREATE USER IF NOT EXISTS '" + REPL_USER + "'@'%' IDENTIFIED BY '"
          + REPL_PASSWORD + "'");
      statement.execute("GRANT REPLICATION SLAVE ON *.* TO '" + REPL_USER + "'@'%'");
      statement.execute(monitorGrant);
      position = single(statement, "SELECT @@gtid_binlog_pos");
    }
    try (Connection connection = awaitRoot(replica);
        Statement statement = connection.createStatement()) {
      statement.execute(monitorGrant);
      statement.execute("SET GLOBAL gtid_slave_pos = '" + position + "'");
      statement.execute("CHANGE MASTER TO MASTER_HOST = '" + PRIMARY_ALIAS + "', "
          + "MASTER_PORT = 3306, MASTER_USER = '" + REPL_USER + "', "
          + "MASTER_PASSWORD = '" + REPL_PASSWORD + "', "
          + "MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1");
      statement.execute("START SLAVE");
      statement.execute("SET GLOBAL read_only = ON");
      awaitReplicating(statement);
    }
    return new ContainerDatabases(network, nodes,
        mariaDbTarget(primary, DatabaseRole.PRIMARY), mariaDbTarget(replica, DatabaseRole.REPLICA));
  }

  private static Node mariaDbNode(Network network, String... options) {
    return new Node(MARIADB_IMAGE)
        .withNetwork(network)
        .withEnv("MARIADB_ROOT_PASSWORD", MARIADB_ROOT_PASSWORD)
        .withEnv("MARIADB_DATABASE", DATABASE)
        .withEnv("MARIADB_USER", USER)
        .withEnv("MARIADB_PASSWORD", PASSWORD)
        .withCommand(Stream.concat(Stream.of(options), Stream.of("--max-connections=200"))
            .toArray(String[]::new))
        .withExposedPorts(3306)
        .waitingFor(Wait.forListeningPort().withStartupTimeout(STARTUP));
  }

  private static DatabaseTarget mariaDbTarget(Node node, DatabaseRole role) {
    return DatabaseTarget.of(DatabaseEngine.MARIADB, role, mariaDbUrl(node, DATABASE),
        USER, PASSWORD);
  }

  private static String mariaDbUrl(Node node, String database) {
    return "jdbc:mysql://" + node.getHost() + ":" + node.getMappedPort(3306) + "/" + database
        + MYSQL_OPTIONS;
  }

  /** A root connection, retried while the server finishes its first start. */
  private static Connection awaitRoot(Node node) throws SQLException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (true) {
      try {
        return DriverManager.getConnection(mariaDbUrl(node, ""), "root", MARIADB_ROOT_PASSWORD);
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        pause();
      }
    }
  }

  private static void awaitReplicating(Statement statement) throws SQLException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    String io = "";
    String error = "";
    while (System.nanoTime() < deadline) {
      try (ResultSet status = statement.executeQuery("SHOW SLAVE STATUS")) {
        if (status.next()) {
          io = status.getString("Slave_IO_Running");
          error = status.getString("Last_IO_Error");
          if ("Yes".equals(io) && "Yes".equals(status.getString("Slave_SQL_Running"))) {
            return;
          }
        }
      }
      pause();
    }
    throw new SQLException("the MariaDB replica container does not replicate: Slave_IO_Running="
        + io + ", Last_IO_Error=" + error);
  }

  private static String single(Statement statement, String query) throws SQLException {
    try (ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static void pause() throws SQLException {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while starting containers", e);
    }
  }

  private static void stopAll(List<Node> nodes, Network network) {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).stop();
    }
    network.close();
  }

  /** A container with a concrete self type, so the fluent setters need no casts. */
  private static final class Node extends GenericContainer<Node> {

    Node(String image) {
      super(DockerImageName.parse(image));
    }
  }
}
