package io.cenote.testkit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts one server's sessions of the test user from an admin connection of its own (which is
 * never counted), and tells this JVM's apart: a session is ours when its client port is the
 * local port of a TCP socket this process holds open to the server. Other processes on the
 * machine (other test runs, benchmarks, the examples) log in to the same servers as the same
 * user, so the user's count alone moves with them; the ports do not. On PostgreSQL the
 * sessions can also be found by {@code application_name}.
 *
 * <p>Linux only: this process's sockets are read from {@code /proc/self}, as the servers of
 * {@code scripts/db.sh} are.
 */
public final class ServerSessions implements AutoCloseable {

  /** The host:port part of a JDBC URL of the test servers. */
  private static final Pattern PORT = Pattern.compile("//[^/:?]+:(\\d+)");
  /** The TCP state ESTABLISHED in {@code /proc/net/tcp}. */
  private static final String ESTABLISHED = "01";
  /** Where {@code /proc/net/tcp} keeps the remote address, the state and the socket's inode. */
  private static final int REMOTE = 2;
  private static final int LOCAL = 1;
  private static final int STATE = 3;
  private static final int INODE = 9;

  private final DatabaseTarget target;
  private final int serverPort;
  private final Connection admin;

  private ServerSessions(DatabaseTarget target) throws SQLException {
    this.target = target;
    Matcher port = PORT.matcher(target.jdbcUrl());
    if (!port.find()) {
      throw new IllegalArgumentException("no port in " + target.describe());
    }
    this.serverPort = Integer.parseInt(port.group(1));
    this.admin = target.connect();
  }

  /**
   * Opens the admin connection.
   *
   * @param target the server, with the user whose sessions are counted
   * @return the counter; close it
   * @throws SQLException when the admin connection cannot be opened
   */
  public static ServerSessions on(DatabaseTarget target) throws SQLException {
    return new ServerSessions(target);
  }

  /** @return a short name of the server for the printed figures */
  public String label() {
    return (target.engine() == DatabaseEngine.POSTGRESQL ? "pg-" : "maria-")
        + target.role().scriptName();
  }

  /** @return the server's sessions of the user, other processes' included */
  public long ofUser() throws SQLException {
    return clientPorts().size();
  }

  /** @return the server's sessions of the user that this JVM holds */
  public long ours() throws SQLException {
    Set<Integer> mine = localPortsToServer();
    long n = 0;
    for (int port : clientPorts()) {
      if (mine.contains(port)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Counts the PostgreSQL sessions labelled with an {@code ApplicationName}.
   *
   * @param applicationName the label
   * @return the sessions with that label
   */
  public long withApplicationName(String applicationName) throws SQLException {
    if (target.engine() != DatabaseEngine.POSTGRESQL) {
      throw new IllegalStateException(target.describe() + " has no application_name");
    }
    try (PreparedStatement s = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity"
        + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
      s.setString(1, applicationName);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The client ports of the user's TCP sessions, the admin connection's left out. */
  private List<Integer> clientPorts() throws SQLException {
    boolean postgres = target.engine() == DatabaseEngine.POSTGRESQL;
    String sql = postgres
        ? "SELECT client_port FROM pg_stat_activity WHERE usename = ?"
            + " AND pid <> pg_backend_pid() AND client_port > 0"
        : "SELECT host FROM information_schema.processlist WHERE user = ?"
            + " AND id <> connection_id()";
    List<Integer> ports = new ArrayList<>();
    try (PreparedStatement s = admin.prepareStatement(sql)) {
      s.setString(1, target.user());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          if (postgres) {
            ports.add(rs.getInt(1));
          } else {
            String host = rs.getString(1); // "127.0.0.1:45268"; "localhost" over a socket
            int colon = host == null ? -1 : host.lastIndexOf(':');
            if (colon >= 0) {
              ports.add(Integer.parseInt(host.substring(colon + 1)));
            }
          }
        }
      }
    }
    return ports;
  }

  /** The local ports of this process's established TCP connections to the server's port. */
  private Set<Integer> localPortsToServer() {
    Set<String> inodes = socketInodes();
    Set<Integer> ports = new HashSet<>();
    for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(table));
      } catch (IOException e) {
        continue; // no IPv6, say
      }
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length > INODE && ESTABLISHED.equals(f[STATE]) && port(f[REMOTE]) == serverPort
            && inodes.contains(f[INODE])) {
          ports.add(port(f[LOCAL]));
        }
      }
    }
    return ports;
  }

  /** {@code 0100007F:1F90} -> 8080. */
  private static int port(String hexAddress) {
    return Integer.parseInt(hexAddress.substring(hexAddress.indexOf(':') + 1), 16);
  }

  /** The inodes of the sockets among this process's open files. */
  private static Set<String> socketInodes() {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        String link;
        try {
          link = Files.readSymbolicLink(fd).toString();
        } catch (IOException closedMeanwhile) {
          continue;
        }
        if (link.startsWith("socket:[")) {
          inodes.add(link.substring("socket:[".length(), link.length() - 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list this process's files", e);
    }
    return inodes;
  }

  @Override
  public void close() throws SQLException {
    admin.close();
  }

  @Override
  public String toString() {
    return label();
  }
}
