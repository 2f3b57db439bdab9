package io.cenote.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cenote.pool.CloseReason;
import io.cenote.resilience.BreakerState;
import io.cenote.router.ExclusionReason;
import io.cenote.router.ReplicationLag;
import io.cenote.testkit.ManualClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The event hub: numbering, retention, subscriptions, and what the listener publishes. */
class DashboardEventsTest {

  private final ManualClock clock = new ManualClock();
  private final DashboardEvents events = new DashboardEvents(clock);

  @Test
  void eventsAreNumberedInPublicationOrderAndStamped() {
    Instant before = clock.instant();
    DashboardEvent first = events.publish("orders", "scenario", "one");
    clock.advance(Duration.ofSeconds(3));
    DashboardEvent second = events.publish("orders", "scenario", "two");

    assertThat(first.seq()).isEqualTo(1);
    assertThat(second.seq()).isEqualTo(2);
    assertThat(first.time()).isEqualTo(before);
    assertThat(second.time()).isEqualTo(before.plusSeconds(3));
    assertThat(events.recent()).containsExactly(first, second);
  }

  @Test
  void onlyTheNewestThousandAreKept() {
    for (int i = 0; i < DashboardEvents.RETAINED + 5; i++) {
      events.publish("p", "scenario", "event " + i);
    }

    List<DashboardEvent> recent = events.recent();

    assertThat(recent).hasSize(1_000);
    assertThat(recent.get(0).seq()).isEqualTo(6);
    assertThat(recent.get(999).seq()).isEqualTo(1_005);
  }

  @Test
  void aSubscriberGetsTheRetainedEventsAfterItsNumberThenLiveOnes() {
    for (int i = 1; i <= 5; i++) {
      events.publish("p", "scenario", "event " + i);
    }
    List<Long> seen = new ArrayList<>();

    DashboardEvents.Subscription s = events.subscribe(3, e -> seen.add(e.seq()));
    events.publish("p", "scenario", "live");
    s.close();
    events.publish("p", "scenario", "after close");

    assertThat(seen).containsExactly(4L, 5L, 6L);
  }

  @Test
  void aNumberFromAnEarlierRunReplaysEverythingRetained() {
    events.publish("p", "scenario", "a");
    events.publish("p", "scenario", "b");
    List<Long> seen = new ArrayList<>();

    events.subscribe(4_711, e -> seen.add(e.seq()));

    assertThat(seen).containsExactly(1L, 2L);
  }

  @Test
  void aFailingSubscriberStopsNeitherThePublisherNorTheOthers() {
    List<Long> seen = new ArrayList<>();
    events.subscribe(0, e -> {
      throw new IllegalStateException("broken subscriber");
    });
    events.subscribe(0, e -> seen.add(e.seq()));

    DashboardEvent e = events.publish("p", "scenario", "x");

    assertThat(e.seq()).isEqualTo(1);
    assertThat(seen).containsExactly(1L);
  }

  @Test
  void concurrentPublishersReachEverySubscriberInNumberOrderWithoutGaps() throws Exception {
    int threads = 4;
    int each = 500;
    List<Long> seen = new CopyOnWriteArrayList<>();
    events.subscribe(0, e -> seen.add(e.seq()));
    List<Thread> publishers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread p = new Thread(() -> {
        for (int i = 0; i < each; i++) {
          events.publish("p", "scenario", "x");
        }
      }, "publisher-" + t);
      publishers.add(p);
      p.start();
    }
    for (Thread p : publishers) {
      p.join();
    }

    assertThat(seen).hasSize(threads * each);
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i)).isEqualTo(i + 1L);
    }
  }

  @Test
  void poolEventsArePublishedUnderTheirKindsWithThePoolAsSource() {
    events.onConnect("cache", 7, 2_500_000);
    events.onClose("cache", 7, CloseReason.LIFETIME);
    events.onInvalidate("cache", 8);
    events.onPoolExhausted("cache", 3);
    events.onAcquireTimeout("cache", 30_000_000_000L);
    events.onLeakSuspected("cache", 9, 61_000_000_000L, new Throwable("borrowed here"));
    events.onCheckout("cache", 7, 0);
    events.onCheckin("cache", 7, 0);

    assertThat(events.recent()).extracting(DashboardEvent::kind).containsExactly("connect",
        "close", "invalidate", "exhausted", "timeout", "leak");
    assertThat(events.recent()).extracting(DashboardEvent::source).containsOnly("cache");
    assertThat(events.recent().get(0).message()).isEqualTo("connection 7 opened in 2.5 ms");
    assertThat(events.recent().get(1).message()).isEqualTo("connection 7 closed (lifetime)");
    assertThat(events.recent().get(5).message()).doesNotContain("borrowed here");
  }

  @Test
  void routerAndBreakerEventsArePublishedUnderTheirKinds() {
    events.onExcluded("orders", "orders-r1", ExclusionReason.DOWN, "08001 refused");
    events.onReadmitted("orders", "orders-r1", 1_000_000_000L);
    events.onLagging("orders", "orders-r1", ReplicationLag.of(Duration.ofSeconds(9), -1, "9 s"));
    events.onFallbackToPrimary("orders", "orders-primary");
    events.onWriterChanged("orders", "orders-primary", null);
    events.onStateTransition("orders-r1", BreakerState.CLOSED, BreakerState.OPEN);
    events.onFallback("orders-r1");
    events.onSelected("orders", "orders-r1", false);

    assertThat(events.recent()).extracting(DashboardEvent::kind).containsExactly("excluded",
        "readmitted", "lagging", "fallback", "writer_changed", "breaker", "fallback");
    assertThat(events.recent()).extracting(DashboardEvent::source).containsExactly("orders-r1",
        "orders-r1", "orders-r1", "orders", "orders", "orders-r1", "orders-r1");
    assertThat(events.recent().get(4).message())
        .isEqualTo("writes moved from orders-primary to nowhere");
  }

  @Test
  void urlsAndCredentialsNeverReachAnEvent() {
    events.onConnectFailure("orders", new SQLException("cannot reach "
        + "jdbc:postgresql://db1:5432/orders?user=app&password=hunter2 for user \"app\"",
        "08001"));
    events.publish("sim", "scenario", "connecting to postgresql://app:hunter2@db1/orders");

    assertThat(events.recent()).extracting(DashboardEvent::message).allSatisfy(m -> {
      assertThat(m).doesNotContain("jdbc:", "hunter2", "app", "db1");
    });
    assertThat(events.recent().get(0).message()).startsWith("connecting failed: 08001 ");
  }
}
