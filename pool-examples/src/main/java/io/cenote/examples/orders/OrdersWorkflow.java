package io.cenote.examples.orders;

import io.cenote.router.Cluster;
import io.cenote.router.HostStats;
import io.cenote.router.Session;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The orders example's steps on a running fleet: create the tables, place orders (each with its
 * lines in one transaction), read them back (read-your-writes: from the primary), wait until
 * the replica has them, list them (from the replica), try an order whose second line the
 * database rejects (nothing of it may remain), drop the tables and print the statistics. Each
 * step prints which host served its reads and writes.
 */
final class OrdersWorkflow {

  /** The customer of the order that must be rolled back. */
  static final String REJECTED_CUSTOMER = "rejected";
  /** How long the replica may take to replay the orders: streaming replication on one machine
   * takes milliseconds; the bound is for a loaded machine. */
  static final Duration REPLICA_CATCH_UP = Duration.ofSeconds(10);
  /** Pause between two looks at the replica while it catches up. */
  static final Duration CATCH_UP_POLL = Duration.ofMillis(50);

  private static final String[] CUSTOMERS = {"alice", "bob", "carol", "dave", "erin"};
  private static final long UNIT_PRICE_CENTS = 250;
  private static final long GIFT_WRAP_CENTS = 399;

  private final OrdersFleet fleet;
  private final PrintStream out;

  /**
   * Creates the workflow.
   *
   * @param fleet the running fleet
   * @param out where each step is printed
   */
  OrdersWorkflow(OrdersFleet fleet, PrintStream out) {
    this.fleet = fleet;
    this.out = out;
  }

  /**
   * Runs every step; the tables are dropped even when a step fails.
   *
   * @param orders how many orders to place
   * @return what happened
   * @throws SQLException when a step fails unexpectedly
   * @throws InterruptedException when interrupted while waiting for the replica
   */
  ExampleOutcome run(int orders) throws SQLException, InterruptedException {
    OrdersService service = fleet.service();
    Cluster cluster = service.cluster();
    for (HostStats h : cluster.hostStats()) {
      out.printf("  host %-16s %-7s %s%n", h.name(),
          h.configuredRole().name().toLowerCase(Locale.ROOT), h.url());
    }
    // the writing session: its reads see its writes; the thread's own session only reads
    Session session = cluster.newSession();
    RoutingSnapshot before = RoutingSnapshot.of(cluster);
    service.createTables(session);
    before = step("created the tables", cluster, before);
    try {
      return steps(service, cluster, session, orders, before);
    } finally {
      RoutingSnapshot beforeDrop = RoutingSnapshot.of(cluster);
      service.dropTables(session);
      step("dropped the tables", cluster, beforeDrop);
    }
  }

  private ExampleOutcome steps(OrdersService service, Cluster cluster, Session session,
      int orders, RoutingSnapshot start) throws SQLException, InterruptedException {
    RoutingSnapshot before = start;
    List<Long> placed = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      String customer = CUSTOMERS[i % CUSTOMERS.length];
      long id = service.place(session, customer, List.of(
          new OrderLine("tea-" + (i + 1), i + 1, UNIT_PRICE_CENTS),
          new OrderLine("gift-wrap", 1, GIFT_WRAP_CENTS)));
      placed.add(id);
      out.printf("    order %d for %s: 2 lines, one transaction%n", id, customer);
    }
    before = step("placed " + orders + " orders", cluster, before);

    List<Order> readBack = new ArrayList<>();
    for (long id : placed) {
      Order order = service.find(session, id)
          .orElseThrow(() -> new SQLException("order " + id + " was not found after its commit"));
      readBack.add(order);
      out.printf("    order %d: %s, %d lines, total %s%n", order.id(), order.customer(),
          order.lines().size(), money(order.totalCents()));
    }
    before = step("read them back in the writing session (read-your-writes)", cluster, before);

    long waited = awaitReplica(service, orders);
    before = step("reads outside the session see all " + orders + " orders after " + waited + " ms",
        cluster,
        before);

    List<Order> listed = service.latest(orders);
    for (Order order : listed) {
      out.printf("    order %d: %s, total %s%n", order.id(), order.customer(),
          money(order.totalCents()));
    }
    before = step("listed the newest " + listed.size() + " orders", cluster, before);

    String rejection = placeRejected(service, session);
    long left = service.countOf(session, REJECTED_CUSTOMER);
    out.printf("    the database refused the second line (%s); orders of '%s' left: %d%n",
        rejection, REJECTED_CUSTOMER, left);
    step("an order with a bad second line: all or nothing", cluster, before);
    return new ExampleOutcome(placed, readBack, listed, left, cluster.hostStats());
  }

  /** Places an order whose second line breaks the quantity check; returns how it failed. */
  private static String placeRejected(OrdersService service, Session session)
      throws SQLException {
    try {
      service.place(session, REJECTED_CUSTOMER, List.of(
          new OrderLine("tea-1", 1, UNIT_PRICE_CENTS),
          new OrderLine("tea-2", 0, UNIT_PRICE_CENTS)));
    } catch (SQLException e) {
      return e.getSQLState() == null ? e.getClass().getSimpleName()
          : "SQLState " + e.getSQLState();
    }
    throw new SQLException("the database accepted a line with quantity 0");
  }

  /** Waits until the replica sees the orders; returns how long that took, in milliseconds. */
  private static long awaitReplica(OrdersService service, int orders)
      throws SQLException, InterruptedException {
    long began = System.nanoTime();
    long deadline = began + REPLICA_CATCH_UP.toNanos();
    while (service.count() < orders) {
      if (System.nanoTime() > deadline) {
        throw new SQLException("the replica did not show the " + orders + " orders within "
            + REPLICA_CATCH_UP.toSeconds() + " s");
      }
      Thread.sleep(CATCH_UP_POLL.toMillis());
    }
    return (System.nanoTime() - began) / 1_000_000;
  }

  private RoutingSnapshot step(String what, Cluster cluster, RoutingSnapshot before) {
    RoutingSnapshot now = RoutingSnapshot.of(cluster);
    out.printf("  - %s [%s]%n", what, now.since(before));
    return now;
  }

  private static String money(long cents) {
    return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
  }
}
