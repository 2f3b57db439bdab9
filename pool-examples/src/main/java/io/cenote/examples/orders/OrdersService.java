package io.cenote.examples.orders;

import com.google.inject.Inject;
import com.google.inject.name.Named;
import io.cenote.resilience.Idempotent;
import io.cenote.router.Cluster;
import io.cenote.router.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The orders service: plain JDBC through a Cenote {@link Cluster}. Writes go to the primary,
 * reads to a replica; a read that must see a write of its own passes the {@link Session} that
 * wrote, so it goes to the primary for the cluster's {@code readYourWritesWindow} (a replica may
 * not have the row yet). With the cluster's resilience section a read that fails on a host is
 * retried on another, and a write is retried only when it had not started.
 *
 * <p>Guice builds it with the {@code @Named("orders")} cluster of the running fleet; the other
 * examples call the constructor.
 */
public final class OrdersService {

  private final Cluster cluster;
  private final OrderSql sql;

  /**
   * Creates the service.
   *
   * @param cluster the started {@code orders} cluster
   * @param sql the statements for the cluster's database type
   */
  @Inject
  public OrdersService(@Named("orders") Cluster cluster, OrderSql sql) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.sql = Objects.requireNonNull(sql, "sql");
  }

  /** @return the cluster the service uses, for its statistics */
  public Cluster cluster() {
    return cluster;
  }

  /**
   * Creates the two tables on the primary.
   *
   * @param session the session that writes (its reads then go to the primary for a while)
   * @throws SQLException when the database refuses
   */
  public void createTables(Session session) throws SQLException {
    execute(session, sql.createTables());
  }

  /**
   * Drops the two tables on the primary; dropping is safe to retry after a host failure.
   *
   * @param session the session that writes
   * @throws SQLException when the database refuses
   */
  public void dropTables(Session session) throws SQLException {
    execute(session, sql.dropTables());
  }

  private void execute(Session session, List<String> statements) throws SQLException {
    cluster.write(session, Idempotent.YES, c -> {
      try (Statement s = c.createStatement()) {
        for (String statement : statements) {
          s.execute(statement);
        }
      }
      return null;
    });
  }

  /**
   * Places an order with its lines in one transaction on the primary: either the order and
   * every line are stored, or nothing is (a failing line rolls the order back). Not retried
   * once it started, since a commit whose outcome is unknown must not run twice.
   *
   * @param session the caller's session, whose next reads then see this order
   * @param customer who orders
   * @param lines at least one line
   * @return the new order's id
   * @throws SQLException when the database rejects the order or a line; nothing was stored
   */
  public long place(Session session, String customer, List<OrderLine> lines)
      throws SQLException {
    long total = lines.stream().mapToLong(OrderLine::amountCents).sum();
    return cluster.write(session, c -> {
      // the pool restores auto-commit when the connection goes back
      c.setAutoCommit(false);
      try {
        long id = insertOrder(c, customer, total);
        insertLines(c, id, lines);
        c.commit();
        return id;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    });
  }

  private long insertOrder(Connection c, String customer, long total) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.insertOrder(),
        new String[] {sql.generatedKeyColumn()})) {
      ps.setString(1, customer);
      ps.setLong(2, total);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("the database returned no key for the new order");
        }
        return keys.getLong(1);
      }
    }
  }

  private void insertLines(Connection c, long orderId, List<OrderLine> lines)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.insertLine())) {
      int lineNo = 1;
      for (OrderLine line : lines) {
        ps.setLong(1, orderId);
        ps.setInt(2, lineNo++);
        ps.setString(3, line.sku());
        ps.setInt(4, line.quantity());
        ps.setLong(5, line.priceCents());
        // one statement per line, so a bad second line fails after the first was written
        ps.executeUpdate();
      }
    }
  }

  /**
   * Reads one order with its lines, in a session: after that session's write, from the
   * primary.
   *
   * @param session the session that placed the order
   * @param id the order's id
   * @return the order, or empty when there is none with that id
   * @throws SQLException when the read fails on every host it tried
   */
  public Optional<Order> find(Session session, long id) throws SQLException {
    return cluster.read(session, c -> {
      String customer;
      long total;
      try (PreparedStatement ps = c.prepareStatement(sql.findOrder())) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          customer = rs.getString(2);
          total = rs.getLong(3);
        }
      }
      List<OrderLine> lines = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.findLines())) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            lines.add(new OrderLine(rs.getString(1), rs.getInt(2), rs.getLong(3)));
          }
        }
      }
      return Optional.of(new Order(id, customer, total, lines));
    });
  }

  /**
   * Lists the newest orders, without their lines, from a replica (the calling thread's
   * session); what the replica has not replayed yet is missing.
   *
   * @param limit how many at most
   * @return newest first
   * @throws SQLException when the read fails on every host it tried
   */
  public List<Order> latest(int limit) throws SQLException {
    return cluster.read(c -> {
      List<Order> found = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.latestOrders())) {
        ps.setInt(1, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(new Order(rs.getLong(1), rs.getString(2), rs.getLong(3), List.of()));
          }
        }
      }
      return found;
    });
  }

  /**
   * Counts all orders from a replica (the calling thread's session).
   *
   * @return the count the replica sees
   * @throws SQLException when the read fails on every host it tried
   */
  public long count() throws SQLException {
    return cluster.read(c -> single(c, sql.countOrders(), null));
  }

  /**
   * Counts one customer's orders in a session: after that session's write, on the primary.
   *
   * @param session the session
   * @param customer the customer
   * @return how many orders the customer has
   * @throws SQLException when the read fails on every host it tried
   */
  public long countOf(Session session, String customer) throws SQLException {
    return cluster.read(session, c -> single(c, sql.countOrdersOf(), customer));
  }

  private static long single(Connection c, String query, String parameter)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(query)) {
      if (parameter != null) {
        ps.setString(1, parameter);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
