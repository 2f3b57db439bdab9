package io.cenote.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.router.HostStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SQLite example end to end: it needs no server. */
class SqliteExampleTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void placesReadsBackListsAndRollsBackTheBadOrder() throws Exception {
    // Act
    ExampleOutcome outcome = OrdersExample.run(DatabaseKind.SQLITE, 4, Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8));

    // Assert
    assertThat(outcome.placed()).hasSize(4).doesNotHaveDuplicates();
    assertThat(outcome.readBack()).extracting(Order::id).isEqualTo(outcome.placed());
    assertThat(outcome.readBack()).extracting(Order::customer)
        .containsExactly("alice", "bob", "carol", "dave");
    Order third = outcome.readBack().get(2);
    assertThat(third.lines()).containsExactly(new OrderLine("tea-3", 3, 250),
        new OrderLine("gift-wrap", 1, 399));
    assertThat(third.totalCents()).isEqualTo(3 * 250 + 399);
    List<Long> newestFirst = new ArrayList<>(outcome.placed());
    Collections.reverse(newestFirst);
    assertThat(outcome.listed()).extracting(Order::id).isEqualTo(newestFirst);
    assertThat(outcome.rejectedOrdersLeft()).isZero();
  }

  @Test
  void readsGoToTheReplicaAndWritesToTheWriter() throws Exception {
    // Act
    ExampleOutcome outcome = OrdersExample.run(DatabaseKind.SQLITE, 2, Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8));

    // Assert
    List<HostStats> hosts = outcome.hosts();
    assertThat(hosts).extracting(HostStats::name)
        .containsExactly("orders-primary", "orders-r1");
    HostStats primary = hosts.get(0);
    HostStats replica = hosts.get(1);
    // tables, 2 orders, the rejected order; read back and the rollback check in the session
    assertThat(primary.writesRouted()).isGreaterThanOrEqualTo(4);
    assertThat(primary.readsRouted()).isGreaterThanOrEqualTo(3);
    // the replica count and the listing
    assertThat(replica.readsRouted()).isGreaterThanOrEqualTo(2);
    assertThat(replica.writesRouted()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("read them back in the writing session (read-your-writes) [reads:"
            + " orders-primary x2]")
        .contains("listed the newest 2 orders [reads: orders-r1 x1]")
        .contains("cenote.host.reads=");
  }

  @Test
  void theCommandRunsItAndSaysSo() {
    // Act
    int status = OrdersMain.run(new String[] {"sqlite", "--orders", "2"}, Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    // Assert
    assertThat(status).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("Orders example on sqlite (run ")
        .contains("wiring: FleetConfig.fromProperties + PoolManager.start")
        .contains("Pools (PoolStats):", "Routing (Cluster.hostStats()):",
            "Meters (SimpleMeterRegistry):")
        .endsWith("Orders example on sqlite complete." + System.lineSeparator());
  }
}
